import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { llmFromSettings } from "../../src/adapters/llm/index.js";
import { runAgent } from "../../src/agent/index.js";
import { BEDROCK_MODEL, BEDROCK_REGION, scriptBedrock, toolResults, useAwsEnv } from "../helpers/bedrock.js";
import { FAKE_TOKEN, agentInput, demoWorkspace, fixture } from "./workspace-helpers.js";

const SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
const REQUEST = `Add an SSM parameter holding the app's feature flags. Our deploy token is ${FAKE_TOKEN}.`;

let dir = "";
let cleanup: () => Promise<void> = () => Promise.resolve();
let restore: () => void = () => undefined;
beforeEach(async () => {
  ({ dir, cleanup } = await demoWorkspace());
  restore = useAwsEnv({ AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: SECRET });
});
afterEach(async () => {
  restore();
  await cleanup();
});

describe("runAgent on Amazon Bedrock (Converse, scripted over HTTP)", () => {
  it("refuses a malformed tool use, takes the corrected one, validates and finishes with a change", async () => {
    const valid = await fixture("ssm-valid.tf");
    const received = scriptBedrock([
      { uses: [{ name: "read_file", input: { path: "NOTES.md" } }], usage: { input: 2500, output: 40 } },
      // The model's input is cut short: not a JSON object, so the tool's schema refuses it.
      {
        uses: [{ name: "write_file", input: '{"path": "ssm.tf", "content": "resource' }],
        usage: { input: 2700, output: 90 },
      },
      {
        uses: [{ name: "write_file", input: { path: "ssm.tf", content: valid } }],
        usage: { input: 2900, output: 200 },
      },
      {
        text: "Done.",
        uses: [
          { name: "finish", input: { title: "Add the feature-flags SSM parameter", summary: "Adds it." } },
        ],
        usage: { input: 3100, output: 30 },
      },
    ]);
    const { input } = await agentInput(dir, REQUEST);
    const settings = {
      provider: "bedrock" as const,
      region: BEDROCK_REGION,
      model: BEDROCK_MODEL,
      timeoutMs: 5000,
      maxRetries: 0,
    };
    const result = await runAgent({ ...input, llm: llmFromSettings(settings, input.redactor) });

    expect(result).toMatchObject({
      ok: true,
      mode: "llm",
      files: [{ path: "ssm.tf", action: "create" }],
      resources: [{ type: "aws_ssm_parameter", name: "feature_flags", change: "add" }],
      title: "Add the feature-flags SSM parameter",
      validation: { ok: true, findings: [] },
      llm: { calls: 4, promptTokens: 11_200, completionTokens: 360 },
    });
    expect(await readFile(join(dir, "ssm.tf"), "utf8")).toBe(valid);
    // The malformed call was answered with the parse error, in a toolResult bound to its toolUseId.
    const [refusal] = toolResults(received, 2);
    expect(refusal).toMatch(/^error: malformed call write_file: arguments are not valid JSON/);
    const replayed = received[2]?.body.messages.at(-2);
    expect(replayed?.role).toBe("assistant");
    expect(replayed?.content).toEqual([
      { toolUse: { toolUseId: expect.any(String), name: "write_file", input: {} } },
    ]);
    // Every request carried the tools and a strictly alternating conversation; nothing secret left.
    for (const request of received) {
      expect(request.body.toolConfig?.tools.map((t) => t.toolSpec.name)).toContain("finish");
      const roles = request.body.messages.map((m) => m.role);
      expect(roles.every((role, i) => role === (i % 2 === 0 ? "user" : "assistant"))).toBe(true);
      expect(request.raw).not.toContain(FAKE_TOKEN);
      expect(request.raw).not.toContain(SECRET);
    }
    expect(toolResults(received, 1)[0]).toContain("Deploy token (do not share): [REDACTED]");
  });

  it("ends with the throttling error as the visible reason when Bedrock keeps throttling", async () => {
    const throttled = {
      type: "ThrottlingException",
      status: 429,
      message: "Too many requests, please wait before trying again.",
    };
    scriptBedrock([{ error: throttled }, { error: throttled }]);
    const { input } = await agentInput(dir, REQUEST);
    const settings = {
      provider: "bedrock" as const,
      region: BEDROCK_REGION,
      model: BEDROCK_MODEL,
      timeoutMs: 5000,
      maxRetries: 1,
    };
    const llm = llmFromSettings(settings, input.redactor, { sleep: () => Promise.resolve() });
    const result = await runAgent({ ...input, llm });
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/ThrottlingException \(HTTP 429\).*\(gave up after 2 attempts\)/);
  });
});
