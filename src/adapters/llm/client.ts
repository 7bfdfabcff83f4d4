import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import type { Redactor } from "../../core/redact/index.js";
import { fromWireCompletion, toWireMessage, toWireTool } from "./convert.js";
import { MAX_RETRY_AFTER_MS, backoffMs, isRetryableStatus, retryAfterMs } from "./retry.js";
import { type ChatRequest, type ChatResponse, type LlmClient, LlmError } from "./types.js";

export interface LlmClientOptions {
  apiKey: string | null;
  baseURL: string | null;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  /** Registers the API key so nothing we print can carry it. */
  redactor: Redactor;
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

// Keyless local servers (Ollama, vLLM) still get a bearer value: the SDK refuses to start without one.
const NO_KEY = "no-key-configured";

/** A Chat Completions client for any OpenAI-compatible endpoint, with our own retries so waits are testable. */
export function createLlmClient(options: LlmClientOptions): LlmClient {
  options.redactor.register(options.apiKey ?? undefined);
  const sdk = new OpenAI({
    apiKey: options.apiKey ?? NO_KEY,
    ...(options.baseURL === null ? {} : { baseURL: options.baseURL }),
    timeout: options.timeoutMs,
    maxRetries: 0,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const endpoint = options.baseURL === null ? "api.openai.com" : safeHost(options.baseURL);
  const describe = (reason: string): string =>
    options.redactor.redact(`LLM chat (${options.model} at ${endpoint}): ${reason}`);

  async function once(request: ChatRequest): Promise<ChatResponse> {
    const tools = request.tools ?? [];
    const raw: unknown = await sdk.chat.completions.create({
      model: options.model,
      messages: request.messages.map(toWireMessage),
      ...(tools.length === 0
        ? {}
        : { tools: tools.map(toWireTool), tool_choice: request.toolChoice ?? "auto" }),
    });
    const parsed = fromWireCompletion(raw);
    if ("error" in parsed) throw new LlmError(describe(`unexpected response: ${parsed.error}`), null, false);
    return parsed;
  }

  return {
    model: options.model,
    async chat(request) {
      for (let attempt = 0; ; attempt++) {
        const started = performance.now();
        try {
          return await once(request);
        } catch (error) {
          // Some fetch implementations report our own abort as a plain connection error: the clock tells.
          const timedOut = performance.now() - started >= options.timeoutMs;
          const failure = classify(error, describe, now, timedOut);
          if (!failure.retryable || attempt >= options.maxRetries) throw failure.error;
          await sleep(failure.waitMs ?? backoffMs(attempt));
        }
      }
    },
  };
}

interface Failure {
  error: LlmError;
  retryable: boolean;
  waitMs: number | null;
}

function classify(
  error: unknown,
  describe: (reason: string) => string,
  now: () => number,
  timedOut: boolean,
): Failure {
  if (error instanceof LlmError) return { error, retryable: false, waitMs: null };
  if (error instanceof APIConnectionTimeoutError || (error instanceof APIConnectionError && timedOut)) {
    return { error: new LlmError(describe("timed out"), null, true), retryable: true, waitMs: null };
  }
  if (error instanceof APIConnectionError) {
    const reason = `could not connect (${error.message}) — is LLM_BASE_URL right?`;
    return { error: new LlmError(describe(reason), null, true), retryable: true, waitMs: null };
  }
  if (error instanceof APIError && typeof error.status === "number") {
    const status = error.status;
    const wait = retryAfterMs(error.headers as Headers | undefined, now());
    const tooLong = wait !== null && wait > MAX_RETRY_AFTER_MS;
    const retryable = isRetryableStatus(status) && !tooLong;
    const hint = hintFor(status, wait, tooLong);
    const message = describe(`HTTP ${status}${hint}: ${firstLine(error.message)}`);
    return { error: new LlmError(message, status, retryable), retryable, waitMs: wait };
  }
  throw error;
}

function hintFor(status: number, wait: number | null, tooLong: boolean): string {
  if (status === 401 || status === 403) return " (check LLM_API_KEY)";
  if (status === 404) return " (check LLM_MODEL and LLM_BASE_URL)";
  if (tooLong) return ` (the endpoint asks to wait ${Math.round((wait ?? 0) / 1000)} s; giving up)`;
  return "";
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").slice(0, 300);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "the configured endpoint";
  }
}
