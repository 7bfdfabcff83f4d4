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

  it("selects Amazon Bedrock with a model id and the region, and no key of its own", () => {
    expect(
      llmSettingsFromEnv({
        LLM_PROVIDER: "bedrock",
        BEDROCK_MODEL_ID: "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
        AWS_REGION: "us-east-1",
        LLM_API_KEY: "sk-ignored",
        LLM_MAX_RETRIES: "5",
      }),
    ).toEqual({
      provider: "bedrock",
      region: "us-east-1",
      model: "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
      timeoutMs: 60_000,
      maxRetries: 5,
    });
    // BEDROCK_REGION wins over AWS_REGION; LLM_MODEL serves when BEDROCK_MODEL_ID is absent.
    expect(
      llmSettingsFromEnv({
        LLM_PROVIDER: "bedrock",
        LLM_MODEL: "amazon.nova-pro-v1:0",
        BEDROCK_REGION: "eu-central-1",
        AWS_REGION: "us-east-1",
      }),
    ).toMatchObject({ region: "eu-central-1", model: "amazon.nova-pro-v1:0" });
    expect(
      llmSettingsFromEnv({
        LLM_PROVIDER: "bedrock",
        BEDROCK_MODEL_ID: "m",
        AWS_DEFAULT_REGION: "ap-south-1",
      }),
    ).toMatchObject({ region: "ap-south-1" });
  });

  it("says what Bedrock is missing or what is wrong, by variable", () => {
    expect(() => llmSettingsFromEnv({ LLM_PROVIDER: "bedrock", AWS_REGION: "us-east-1" })).toThrow(
      /^BEDROCK_MODEL_ID: required with LLM_PROVIDER=bedrock, e.g. amazon.nova-pro-v1:0/,
    );
    expect(() =>
      llmSettingsFromEnv({ LLM_PROVIDER: "bedrock", BEDROCK_MODEL_ID: "amazon.nova-pro-v1:0" }),
    ).toThrow(/^AWS_REGION: required with LLM_PROVIDER=bedrock/);
    expect(() =>
      llmSettingsFromEnv({
        LLM_PROVIDER: "bedrock",
        BEDROCK_MODEL_ID: "m",
        AWS_REGION: "us-east-1; rm -rf /",
      }),
    ).toThrow("AWS_REGION: an AWS region such as us-east-1");
    expect(() =>
      llmSettingsFromEnv({ LLM_PROVIDER: "bedrock", BEDROCK_MODEL_ID: "../../x?y", AWS_REGION: "us-east-1" }),
    ).toThrow("BEDROCK_MODEL_ID: a Bedrock model id, inference profile id or ARN");
    expect(() => llmSettingsFromEnv({ LLM_PROVIDER: "vertex" })).toThrow("LLM_PROVIDER: openai or bedrock");
    // An unrelated, odd AWS_REGION never stops an OpenAI deployment.
    expect(llmSettingsFromEnv({ LLM_API_KEY: "k", AWS_REGION: "local" })).toMatchObject({ apiKey: "k" });
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
  it("builds a Bedrock client with the repository's model override", () => {
    const settings = {
      provider: "bedrock" as const,
      region: "us-east-1",
      model: "amazon.nova-lite-v1:0",
      timeoutMs: 1000,
      maxRetries: 0,
    };
    const llm = llmForRepo(settings, { enabled: true, name: "amazon.nova-pro-v1:0" }, createRedactor());
    expect(llm?.model).toBe("amazon.nova-pro-v1:0");
  });

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
