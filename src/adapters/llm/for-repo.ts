import type { RepoConfig } from "../../core/config/index.js";
import type { Redactor } from "../../core/redact/index.js";
import { type LlmDeps, llmFromSettings } from "./factory.js";
import type { LlmSettings } from "./settings.js";
import type { LlmClient } from "./types.js";

/**
 * The client a job in this repository may use, or null for recipes only: no model configured on the server,
 * or the repository turned the model off (`model.enabled: false`). `model.name` overrides the server's model.
 */
export function llmForRepo(
  settings: LlmSettings | null,
  model: RepoConfig["model"],
  redactor: Redactor,
  deps: LlmDeps = {},
): LlmClient | null {
  if (settings === null || !model.enabled) return null;
  return llmFromSettings({ ...settings, model: model.name ?? settings.model }, redactor, deps);
}
