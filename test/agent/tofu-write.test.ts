import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { runAgent } from "../../src/agent/index.js";
import { scriptModel, toolReplies } from "./scripted-model.js";
import { agentInput, demoWorkspace, fixture } from "./workspace-helpers.js";

let dir = "";
let cleanup: () => Promise<void> = () => Promise.resolve();
beforeEach(async () => {
  ({ dir, cleanup } = await demoWorkspace());
});
afterEach(() => cleanup());

describe("write_file in an OpenTofu repository", () => {
  it("formats a .tofu file and tells the model when OpenTofu would ignore the .tf it wrote", async () => {
    await writeFile(join(dir, "ssm.tofu"), "# the OpenTofu variant\n");
    const valid = await fixture("ssm-valid.tf");
    const model = scriptModel([
      {
        calls: [
          { name: "write_file", args: { path: "ssm.tf", content: valid } },
          { name: "write_file", args: { path: "ssm.tofu", content: valid.replace(/ +=/g, " =") } },
        ],
      },
      { calls: [{ name: "finish", args: { summary: "Adds the parameter for both tools." } }] },
    ]);
    const { input } = await agentInput(dir, "Add an SSM parameter for feature flags", { llm: "scripted" });
    const result = await runAgent(input);
    const [tfReply, tofuReply] = toolReplies(model, 1);
    expect(tfReply).toMatch(
      /^created ssm\.tf \(\d+ bytes\)\. Note: ssm\.tofu exists beside it, so OpenTofu ignores ssm\.tf and reads ssm\.tofu; make the same change there\.$/,
    );
    expect(tofuReply).toMatch(/^replaced ssm\.tofu \(\d+ bytes\)$/);
    // terraform fmt layout for the .tofu file too: the aligned `=` came back.
    expect(await readFile(join(dir, "ssm.tofu"), "utf8")).toBe(valid);
    expect(result.ok).toBe(true);
  });
});
