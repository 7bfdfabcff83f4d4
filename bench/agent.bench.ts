// The agent loop against a scripted model served over real HTTP on 127.0.0.1 (through the openai client), and
// the offline recipes path end to end on a fresh copy of examples/demo-infra.
// Prompt tokens are what the scripted server reports: ceil(characters of messages + tools / 4), the usual
// estimate for English and code with OpenAI tokenizers; a real model's count is within ~20% of it.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLlmClient } from "../src/adapters/llm/index.js";
import { gatherRepoContext, runAgent, type AgentResult } from "../src/agent/index.js";
import { DEFAULT_REPO_CONFIG } from "../src/core/config/index.js";
import { createRedactor } from "../src/core/redact/index.js";
import { percentile, report } from "./util.js";

const here = dirname(fileURLToPath(import.meta.url));
const demo = join(here, "..", "examples", "demo-infra");
const fixtures = join(here, "..", "test", "fixtures", "llm");
const TARGET_CALLS = 4;
const TARGET_PROMPT_TOKENS = 30_000;
const TARGET_OFFLINE_MS = 2_000;
const OFFLINE_RUNS = 5;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

type Call = { name: string; args: Record<string, unknown> };

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Serves one scripted turn per request and reports an estimated prompt token count for each. */
async function scriptedServer(turns: Call[][]): Promise<{ url: string; close: () => Promise<void> }> {
  let next = 0;
  const server = createServer((req, res) => {
    void body(req).then((text) => {
      const parsed = JSON.parse(text) as { messages: unknown; tools?: unknown };
      const promptTokens = Math.ceil(
        (JSON.stringify(parsed.messages) + JSON.stringify(parsed.tools ?? [])).length / 4,
      );
      const calls = (turns[next++] ?? []).map((c, i) => ({
        id: `call_${next}_${i}`,
        type: "function",
        function: { name: c.name, arguments: JSON.stringify(c.args) },
      }));
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          id: "bench",
          object: "chat.completion",
          created: 0,
          model: "scripted",
          choices: [
            {
              index: 0,
              finish_reason: "tool_calls",
              message: { role: "assistant", content: null, tool_calls: calls },
            },
          ],
          usage: {
            prompt_tokens: promptTokens,
            completion_tokens: Math.ceil(JSON.stringify(calls).length / 4),
          },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, close: () => new Promise((r) => server.close(() => r())) };
}

async function withDemo<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "agent-bench-"));
  try {
    await cp(demo, dir, { recursive: true });
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runScripted(request: string, turns: Call[][]): Promise<AgentResult> {
  const server = await scriptedServer(turns);
  try {
    return await withDemo(async (dir) => {
      const redactor = createRedactor();
      const llm = createLlmClient({
        apiKey: "bench-key-123456",
        baseURL: server.url,
        model: "scripted",
        timeoutMs: 10_000,
        maxRetries: 0,
        redactor,
      });
      const context = await gatherRepoContext(dir);
      return runAgent({
        workspaceDir: dir,
        request,
        ...context,
        config: DEFAULT_REPO_CONFIG,
        llm,
        redactor,
        log: silent,
        now: Date.now,
      });
    });
  } finally {
    await server.close();
  }
}

const valid = await readFile(join(fixtures, "ssm-valid.tf"), "utf8");
const broken = await readFile(join(fixtures, "ssm-unknown-argument.tf"), "utf8");
const REQUEST = "Add an SSM parameter holding the app's feature flags";
const scenarios: Record<string, Call[][]> = {
  "valid-first-time": [
    [{ name: "lookup_docs", args: { type: "aws_ssm_parameter" } }],
    [
      { name: "write_file", args: { path: "ssm.tf", content: valid } },
      { name: "finish", args: { summary: "Adds the feature-flags parameter." } },
    ],
  ],
  "repair-once": [
    [{ name: "list_files", args: {} }],
    [
      { name: "write_file", args: { path: "ssm.tf", content: broken } },
      { name: "finish", args: { summary: "first try" } },
    ],
    [
      { name: "write_file", args: { path: "ssm.tf", content: valid } },
      { name: "finish", args: { summary: "repaired" } },
    ],
  ],
  "via-recipe": [
    [
      { name: "use_recipe", args: { recipe: "sns-topic", params: { name: "flags" } } },
      { name: "finish", args: { summary: "Adds the topic." } },
    ],
  ],
};

for (const [name, turns] of Object.entries(scenarios)) {
  const result = await runScripted(REQUEST, turns);
  const met =
    result.ok && result.llm.calls <= TARGET_CALLS && result.llm.promptTokens <= TARGET_PROMPT_TOKENS;
  report(`agent scripted model: ${name}`, {
    ok: String(result.ok),
    calls: `${result.llm.calls} (target ≤ ${TARGET_CALLS})`,
    promptTokens: `${result.llm.promptTokens} (target ≤ ${TARGET_PROMPT_TOKENS})`,
    completionTokens: String(result.llm.completionTokens),
    target: met ? "met" : "NOT met",
  });
}

const times: number[] = [];
let last: AgentResult | undefined;
for (let i = 0; i < OFFLINE_RUNS; i++) {
  await withDemo(async (dir) => {
    const start = performance.now();
    const context = await gatherRepoContext(dir);
    last = await runAgent({
      workspaceDir: dir,
      request: "Add an SQS queue for orders with a dead-letter queue and an alarm on its depth",
      ...context,
      config: DEFAULT_REPO_CONFIG,
      llm: null,
      redactor: createRedactor(),
      log: silent,
      now: Date.now,
    });
    times.push(performance.now() - start);
  });
}
const first = times[0] ?? Number.NaN;
const sorted = [...times].sort((a, b) => a - b);
report("agent offline recipes end to end (inventory, plan, write, validate, resource diff)", {
  ok: String(last?.ok),
  files: String(last?.files.length),
  coldMs: first,
  warmP50Ms: percentile(
    [...times.slice(1)].sort((a, b) => a - b),
    50,
  ),
  maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  target: `< ${TARGET_OFFLINE_MS} ms: ${(sorted[sorted.length - 1] ?? Infinity) < TARGET_OFFLINE_MS && last?.ok === true ? "met" : "NOT met"}`,
});
