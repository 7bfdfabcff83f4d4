import { describe, expect, it } from "@jest/globals";
import {
  createUsageMeter,
  llmForRepo,
  llmSettingsFromEnv,
  LlmSettingsError,
} from "../../../src/adapters/llm/index.js";
import { createRedactor } from "../../../src/core/redact/index.js";
import { backoffMs, retryAfterMs } from "../../../src/adapters/llm/retry.js";

describe("llmSettingsFromEnv", () => {
  it("returns null when neither a key nor a base URL is configured (recipes only)", () => {
    expect(llmSettingsFromEnv({})).toBeNull();
    expect(llmSettingsFromEnv({ LLM_API_KEY: "  ", LLM_MODEL: "gpt-4o" })).toBeNull();
  });

  it("reads key, model and defaults", () => {
    expect(llmSettingsFromEnv({ LLM_API_KEY: "sk-abc" })).toEqual({
      apiKey: "sk-abc",
      baseURL: null,
      model: "gpt-4o-mini",
      timeoutMs: 60_000,
      maxRetries: 3,
    });
  });

  it("accepts a keyless local endpoint with timeouts and retries from env", () => {
    expect(
      llmSettingsFromEnv({
        LLM_BASE_URL: "http://localhost:11434/v1",
        LLM_MODEL: "llama3.1",
        LLM_TIMEOUT_MS: "120000",
        LLM_MAX_RETRIES: "0",
      }),
    ).toEqual({
      apiKey: null,
      baseURL: "http://localhost:11434/v1",
      model: "llama3.1",
      timeoutMs: 120_000,
      maxRetries: 0,
    });
  });

  it("names the variable that is wrong", () => {
    expect(() => llmSettingsFromEnv({ LLM_BASE_URL: "not a url" })).toThrow(LlmSettingsError);
    expect(() => llmSettingsFromEnv({ LLM_BASE_URL: "not a url" })).toThrow(/^LLM_BASE_URL: /);
    expect(() => llmSettingsFromEnv({ LLM_API_KEY: "k", LLM_MAX_RETRIES: "lots" })).toThrow(
      "LLM_MAX_RETRIES: a whole number",
    );
  });
});

describe("retry timing", () => {
  const now = Date.parse("2026-11-25T00:00:00Z");
  it("reads seconds, milliseconds and HTTP dates; ignores garbage", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "2" }), now)).toBe(2000);
    expect(retryAfterMs(new Headers({ "retry-after": "1.5" }), now)).toBe(1500);
    expect(retryAfterMs(new Headers({ "retry-after-ms": "120" }), now)).toBe(120);
    expect(retryAfterMs(new Headers({ "retry-after": "Wed, 25 Nov 2026 00:00:10 GMT" }), now)).toBe(10_000);
    expect(retryAfterMs(new Headers({ "retry-after": "Tue, 24 Nov 2026 00:00:10 GMT" }), now)).toBe(0);
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }), now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });

  it("doubles the backoff up to a cap", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(backoffMs)).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });
});

describe("createUsageMeter", () => {
  it("counts calls and tokens for one job", () => {
    const meter = createUsageMeter();
    meter.record({ promptTokens: 1200, completionTokens: 80 });
    meter.record({ promptTokens: 1500, completionTokens: 40 });
    expect(meter.snapshot()).toEqual({ calls: 2, promptTokens: 2700, completionTokens: 120 });
  });
});

describe("llmForRepo", () => {
  const settings = {
    apiKey: "sk-repo-0123456789",
    baseURL: null,
    model: "gpt-4o-mini",
    timeoutMs: 1000,
    maxRetries: 0,
  };

  it("is null without settings or when the repository turns the model off", () => {
    expect(llmForRepo(null, { enabled: true }, createRedactor())).toBeNull();
    expect(llmForRepo(settings, { enabled: false }, createRedactor())).toBeNull();
  });

  it("uses the repository's model name over the server's, and registers the key", () => {
    const redactor = createRedactor();
    expect(llmForRepo(settings, { enabled: true, name: "gpt-4.1" }, redactor)?.model).toBe("gpt-4.1");
    expect(llmForRepo(settings, { enabled: true }, redactor)?.model).toBe("gpt-4o-mini");
    expect(redactor.redact("sk-repo-0123456789")).toBe("[REDACTED]");
  });
});
