export { createLlmClient, type LlmClientOptions } from "./client.js";
export {
  llmSettingsFromEnv,
  LlmSettingsError,
  LlmSettingsSchema,
  type BedrockSettings,
  type LlmSettings,
  type OpenAiSettings,
} from "./settings.js";
export { llmFromSettings, type LlmDeps } from "./factory.js";
export { createBedrockClient, type BedrockClientOptions } from "./bedrock/client.js";
export { createUsageMeter, type UsageMeter, type UsageSnapshot } from "./usage.js";
export { LlmError } from "./types.js";
export type * from "./types.js";
export { llmForRepo } from "./for-repo.js";
