import { z } from "zod";

export interface LlmSettings {
  /** Null for endpoints that need no key (a local Ollama or vLLM). */
  apiKey: string | null;
  /** Null means the OpenAI API. */
  baseURL: string | null;
  model: string;
  timeoutMs: number;
  maxRetries: number;
}

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

const LlmEnvSchema = z.object({
  LLM_API_KEY: text,
  LLM_BASE_URL: text.pipe(z.url("an http(s) URL such as http://localhost:11434/v1").optional()),
  LLM_MODEL: text.transform((v) => v ?? "gpt-4o-mini"),
  LLM_TIMEOUT_MS: wholeNumber(1000, 600_000),
  LLM_MAX_RETRIES: wholeNumber(0, 10),
});

export class LlmSettingsError extends Error {
  override name = "LlmSettingsError";
}

/**
 * The model settings from the environment, or null when no model is configured (no key and no base URL):
 * the agent then works from recipes only.
 */
export function llmSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): LlmSettings | null {
  const parsed = LlmEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LlmSettingsError(`${issue?.path.join(".") ?? "LLM settings"}: ${issue?.message ?? "invalid"}`);
  }
  const { LLM_API_KEY, LLM_BASE_URL, LLM_MODEL, LLM_TIMEOUT_MS, LLM_MAX_RETRIES } = parsed.data;
  if (LLM_API_KEY === undefined && LLM_BASE_URL === undefined) return null;
  return {
    apiKey: LLM_API_KEY ?? null,
    baseURL: LLM_BASE_URL ?? null,
    model: LLM_MODEL,
    timeoutMs: LLM_TIMEOUT_MS ?? 60_000,
    maxRetries: LLM_MAX_RETRIES ?? 3,
  };
}
