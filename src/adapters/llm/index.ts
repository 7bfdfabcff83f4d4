export { createLlmClient, type LlmClientOptions } from "./client.js";
export { llmSettingsFromEnv, LlmSettingsError, type LlmSettings } from "./settings.js";
export { createUsageMeter, type UsageMeter, type UsageSnapshot } from "./usage.js";
export { LlmError } from "./types.js";
export type * from "./types.js";
export { llmForRepo } from "./for-repo.js";
