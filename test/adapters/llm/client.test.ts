import { describe, expect, it } from "@jest/globals";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { createLlmClient, LlmError } from "../../../src/adapters/llm/index.js";
import { createRedactor } from "../../../src/core/redact/index.js";
import { scriptModel } from "../../agent/scripted-model.js";

const KEY = "sk-test-0123456789abcdefghij";

function client(overrides: { baseURL?: string | null; maxRetries?: number; timeoutMs?: number } = {}) {
  const waits: number[] = [];
  const redactor = createRedactor();
  const llm = createLlmClient({
    apiKey: KEY,
    baseURL: overrides.baseURL ?? null,
    model: "gpt-test",
    timeoutMs: overrides.timeoutMs ?? 5_000,
    maxRetries: overrides.maxRetries ?? 3,
    redactor,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    now: () => Date.parse("2026-11-25T00:00:00Z"),
  });
  return { llm, waits, redactor };
}

const ask = { messages: [{ role: "user" as const, content: "hello" }] };

describe("createLlmClient", () => {
  it("sends messages and tools, and returns tool calls and token usage", async () => {
    const model = scriptModel([
      { calls: [{ name: "list_files", args: { dir: "" } }], usage: { prompt: 321, completion: 12 } },
    ]);
    const { llm } = client();
    const tools = [
      { name: "list_files", description: "list", parameters: { type: "object", properties: {} } },
    ];
    const response = await llm.chat({ ...ask, tools, toolChoice: "auto" });
    expect(response.toolCalls).toEqual([
      { id: expect.stringMatching(/^call_/), name: "list_files", arguments: '{"dir":""}' },
    ]);
    expect(response.usage).toEqual({ promptTokens: 321, completionTokens: 12 });
    expect(response.finishReason).toBe("tool_calls");
    expect(model.bodies[0]).toEqual({
      model: "gpt-test",
      messages: [{ role: "user", content: "hello" }],
      tools: [{ type: "function", function: tools[0] }],
      tool_choice: "auto",
    });
  });

  it("waits as long as Retry-After says on 429, then succeeds", async () => {
    scriptModel([{ status: 429, headers: { "retry-after": "7" } }, { content: "ok" }]);
    const { llm, waits } = client();
    const response = await llm.chat(ask);
    expect(response.message.content).toBe("ok");
    expect(waits).toEqual([7000]);
  });

  it("reads Retry-After as an HTTP date and retry-after-ms in milliseconds", async () => {
    scriptModel([
      { status: 429, headers: { "retry-after": "Wed, 25 Nov 2026 00:00:03 GMT" } },
      { status: 503, headers: { "retry-after-ms": "250" } },
      { content: "ok" },
    ]);
    const { llm, waits } = client();
    await llm.chat(ask);
    expect(waits).toEqual([3000, 250]);
  });

  it("backs off exponentially on 5xx without Retry-After and gives up after maxRetries", async () => {
    scriptModel([{ status: 500 }, { status: 502 }, { status: 503 }]);
    const { llm, waits } = client({ maxRetries: 2 });
    const error = await llm.chat(ask).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).status).toBe(503);
    expect((error as LlmError).message).toMatch(/^LLM chat \(gpt-test at api\.openai\.com\): HTTP 503: /);
    expect(waits).toEqual([500, 1000]);
  });

  it("does not retry 401 and says which setting to check, without the key", async () => {
    scriptModel([{ status: 401 }]);
    const { llm, waits } = client();
    const error = (await llm.chat(ask).catch((e: unknown) => e)) as LlmError;
    expect(error.message).toContain("HTTP 401 (check LLM_API_KEY)");
    expect(error.message).not.toContain(KEY);
    expect(error.retryable).toBe(false);
    expect(waits).toEqual([]);
  });

  it("gives up at once when Retry-After asks for longer than a minute", async () => {
    scriptModel([{ status: 429, headers: { "retry-after": "3600" } }]);
    const { llm, waits } = client();
    const error = (await llm.chat(ask).catch((e: unknown) => e)) as LlmError;
    expect(error.message).toContain("the endpoint asks to wait 3600 s; giving up");
    expect(waits).toEqual([]);
  });

  it("works against any OpenAI-compatible base URL (Ollama, vLLM)", async () => {
    const model = scriptModel([{ content: "from vllm" }], "http://llm.internal:8000", "/v1/chat/completions");
    const { llm } = client({ baseURL: "http://llm.internal:8000/v1" });
    expect((await llm.chat(ask)).message.content).toBe("from vllm");
    expect(model.bodies).toHaveLength(1);
  });

  it("names the missing field when the endpoint answers an unexpected shape", async () => {
    nock("https://api.openai.com").post("/v1/chat/completions").reply(200, { choices: [] });
    const { llm } = client();
    const error = (await llm.chat(ask).catch((e: unknown) => e)) as LlmError;
    expect(error.message).toBe(
      "LLM chat (gpt-test at api.openai.com): unexpected response: choices: at least one choice",
    );
  });

  it("retries a call that times out, then reports the timeout", async () => {
    // A real slow server: the timeout must come from the client's own clock, as in production.
    let requests = 0;
    const server = createServer(() => {
      requests += 1;
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const { llm, waits } = client({
        baseURL: `http://127.0.0.1:${port}/v1`,
        timeoutMs: 100,
        maxRetries: 1,
      });
      const error = (await llm.chat(ask).catch((e: unknown) => e)) as LlmError;
      expect(error.message).toBe(`LLM chat (gpt-test at 127.0.0.1:${port}): timed out`);
      expect(error.retryable).toBe(true);
      expect(waits).toEqual([500]);
      expect(requests).toBe(2);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("registers the API key with the redactor", () => {
    const { redactor } = client();
    expect(redactor.redact(`key=${KEY}`)).toBe("key=[REDACTED]");
  });
});
