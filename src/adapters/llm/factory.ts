import type { Redactor } from "../../core/redact/index.js";
import { createBedrockClient } from "./bedrock/client.js";
import { createLlmClient } from "./client.js";
import type { LlmSettings } from "./settings.js";
import type { LlmClient } from "./types.js";

export interface LlmDeps {
  /** For the OpenAI-compatible client; Bedrock goes through the AWS SDK's own HTTP handler. */
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** The one place a provider is chosen: every caller gets the same port whatever the model lives behind. */
export function llmFromSettings(settings: LlmSettings, redactor: Redactor, deps: LlmDeps = {}): LlmClient {
  if (settings.provider === "bedrock") {
    const { region, model, timeoutMs, maxRetries } = settings;
    return createBedrockClient({
      region,
      model,
      timeoutMs,
      maxRetries,
      redactor,
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
    });
  }
  return createLlmClient({ ...settings, redactor, ...deps });
}
