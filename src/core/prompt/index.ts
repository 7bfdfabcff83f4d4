export { fenceData, neutralise } from "./fence.js";
export { buildRequestMessage, buildSystemPrompt, type PromptContext } from "./system.js";
export { schemaSignature } from "./signature.js";
