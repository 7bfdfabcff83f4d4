import { z } from "zod";

/** An OpenAI-compatible Chat Completions endpoint (OpenAI itself, Ollama, vLLM, a gateway). */
export interface OpenAiSettings {
  /** Absent means OpenAI-compatible, the provider every deployment had before Bedrock. */
  provider?: "openai" | undefined;
  /** Null for endpoints that need no key (a local Ollama or vLLM). */
  apiKey: string | null;
  /** Null means the OpenAI API. */
  baseURL: string | null;
  model: string;
  timeoutMs: number;
  maxRetries: number;
}

/** Amazon Bedrock's Converse API; credentials come from the AWS default chain, never from here. */
export interface BedrockSettings {
  provider: "bedrock";
  region: string;
  /** A model id (`amazon.nova-pro-v1:0`), an inference profile id (`us.anthropic…`) or its ARN. */
  model: string;
  timeoutMs: number;
  maxRetries: number;
}

export type LlmSettings = OpenAiSettings | BedrockSettings;

/** The same settings as plain data, checked where they cross a thread boundary. */
export const LlmSettingsSchema = z.union([
  z.object({
    provider: z.literal("openai").optional(),
    apiKey: z.string().nullable(),
    baseURL: z.string().nullable(),
    model: z.string(),
    timeoutMs: z.number(),
    maxRetries: z.number(),
  }),
  z.object({
    provider: z.literal("bedrock"),
    region: z.string().min(1),
    model: z.string().min(1),
    timeoutMs: z.number(),
    maxRetries: z.number(),
  }),
]);

const text = z
  .string()
  .transform((v) => v.trim())
  .optional()
  .transform((v) => (v ? v : undefined));

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d*$/, "a whole number")
    .optional()
    .transform((v) => (v ? Number(v) : undefined))
    .pipe(z.number().int().min(min).max(max).optional());

// Region names as AWS spells them (us-east-1, eu-central-2, us-gov-west-1, ap-southeast-7…).
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

const LlmEnvSchema = z.object({
  LLM_PROVIDER: text.pipe(z.enum(["openai", "bedrock"], "openai or bedrock").optional()),
  LLM_API_KEY: text,
  LLM_BASE_URL: text.pipe(z.url("an http(s) URL such as http://localhost:11434/v1").optional()),
  LLM_MODEL: text,
  LLM_TIMEOUT_MS: wholeNumber(1000, 600_000),
  LLM_MAX_RETRIES: wholeNumber(0, 10),
  BEDROCK_MODEL_ID: text.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,2047}$/, "a Bedrock model id, inference profile id or ARN")
      .optional(),
  ),
  // Read only for Bedrock, so an unrelated AWS_REGION never stops an OpenAI deployment.
  BEDROCK_REGION: text,
  AWS_REGION: text,
  AWS_DEFAULT_REGION: text,
});

export class LlmSettingsError extends Error {
  override name = "LlmSettingsError";
}

/**
 * The model settings from the environment, or null when no model is configured: the agent then works from
 * recipes only. `LLM_PROVIDER=bedrock` selects Amazon Bedrock; otherwise a key or a base URL selects an
 * OpenAI-compatible endpoint.
 */
export function llmSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): LlmSettings | null {
  const parsed = LlmEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LlmSettingsError(`${issue?.path.join(".") ?? "LLM settings"}: ${issue?.message ?? "invalid"}`);
  }
  const e = parsed.data;
  const common = { timeoutMs: e.LLM_TIMEOUT_MS ?? 60_000, maxRetries: e.LLM_MAX_RETRIES ?? 3 };
  if (e.LLM_PROVIDER === "bedrock") {
    const model = e.BEDROCK_MODEL_ID ?? e.LLM_MODEL;
    if (model === undefined) {
      throw new LlmSettingsError(
        "BEDROCK_MODEL_ID: required with LLM_PROVIDER=bedrock, e.g. amazon.nova-pro-v1:0 or us.anthropic.claude-3-7-sonnet-20250219-v1:0",
      );
    }
    const from = (["BEDROCK_REGION", "AWS_REGION", "AWS_DEFAULT_REGION"] as const).find((k) => e[k]);
    const where = from === undefined ? undefined : e[from];
    if (from === undefined || where === undefined) {
      throw new LlmSettingsError(
        "AWS_REGION: required with LLM_PROVIDER=bedrock (the region where the model is enabled), or set BEDROCK_REGION",
      );
    }
    if (!REGION.test(where)) throw new LlmSettingsError(`${from}: an AWS region such as us-east-1`);
    return { provider: "bedrock", region: where, model, ...common };
  }
  if (e.LLM_API_KEY === undefined && e.LLM_BASE_URL === undefined) return null;
  return {
    apiKey: e.LLM_API_KEY ?? null,
    baseURL: e.LLM_BASE_URL ?? null,
    model: e.LLM_MODEL ?? "gpt-4o-mini",
    ...common,
  };
}
