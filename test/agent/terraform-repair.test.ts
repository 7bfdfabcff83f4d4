// The repair loop with real terraform: round 1 writes what only terraform rejects (a provider-side enum our
// offline schema cannot know), terraform's diagnostic reaches the model like our findings, round 2 fixes it.
// The model is scripted at its HTTP boundary (nock); terraform runs for real in the bubblewrap sandbox,
// offline from the provider mirror.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { createSandbox } from "../../src/adapters/sandbox/index.js";
import { runAgent } from "../../src/agent/index.js";
import { scriptModel } from "./scripted-model.js";
import { agentInput, demoWorkspace } from "./workspace-helpers.js";

const MIRROR = "/opt/tf-plugins";
const ready = await createSandbox().describe();
const reason =
  spawnSync("terraform", ["version"]).status !== 0
    ? "terraform is not on PATH"
    : !existsSync(MIRROR)
      ? `no provider mirror at ${MIRROR}`
      : ready.ok
        ? null
        : `no sandbox: ${ready.reason}`;
if (reason !== null) console.warn(`SKIPPED terraform in the repair loop: ${reason}`);

const ssm = (type: string) =>
  `resource "aws_ssm_parameter" "feature_flags" {\n  name  = "/\${local.name_prefix}/feature-flags"\n  type  = "${type}"\n  value = jsonencode({ new_checkout = false })\n}\n`;

let dir = "";
let cleanup: () => Promise<void> = () => Promise.resolve();
beforeEach(async () => {
  ({ dir, cleanup } = await demoWorkspace());
});
afterEach(() => cleanup());

(reason === null ? describe : describe.skip)("terraform in the agent's repair rounds", () => {
  it("feeds terraform's diagnostics to the next round; the fixed change passes both checks", async () => {
    const model = scriptModel([
      {
        calls: [
          { name: "write_file", args: { path: "ssm.tf", content: ssm("Strin") } },
          { name: "finish", args: { summary: "Feature flags parameter." } },
        ],
      },
      {
        calls: [
          { name: "write_file", args: { path: "ssm.tf", content: ssm("String") } },
          { name: "finish", args: { summary: "Feature flags parameter." } },
        ],
      },
    ]);
    const { input } = await agentInput(dir, "Add an SSM parameter for feature flags", { llm: "scripted" });
    const result = await runAgent({ ...input, terraform: { mode: "auto", layer: { pluginDir: MIRROR } } });
    expect(model.bodies).toHaveLength(2);
    const told = model.bodies[1]?.messages.map((m) => m.content ?? "").join("\n") ?? "";
    expect(told).toContain("The change does not validate");
    expect(told).toContain('expected type to be one of ["String" "StringList" "SecureString"], got Strin');
    expect(result.ok).toBe(true);
    const checks = result.validation.checks ?? [];
    expect(checks.find((c) => c.name === "terraform-validate")).toMatchObject({ ran: true, ok: true });
    expect(checks.find((c) => c.name === "offline-schema")).toMatchObject({ ran: true, ok: true });
  }, 180_000);
});

describe("terraform in the repair rounds, when not configured", () => {
  it("says why it did not run instead of passing silently", async () => {
    scriptModel([
      {
        calls: [
          { name: "write_file", args: { path: "ssm.tf", content: ssm("String") } },
          { name: "finish", args: { summary: "Feature flags parameter." } },
        ],
      },
    ]);
    const { input } = await agentInput(dir, "Add an SSM parameter for feature flags", { llm: "scripted" });
    const why = "not configured for the agent's repair rounds (test)";
    const result = await runAgent({ ...input, terraform: { mode: "off", why } });
    expect(result.ok).toBe(true);
    expect(result.validation.checks?.find((c) => c.name === "terraform-validate")).toEqual({
      name: "terraform-validate",
      version: null,
      ran: false,
      why,
      ok: null,
    });
  }, 60_000);
});
