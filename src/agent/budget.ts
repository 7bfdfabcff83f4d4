import type { RepoConfig } from "../core/config/index.js";
import type { UsageSnapshot } from "../adapters/llm/index.js";

export type Budgets = RepoConfig["budgets"];

/** The reason the next model call would exceed a budget, or null when it may go ahead. */
export function budgetExceeded(budgets: Budgets, usage: UsageSnapshot, elapsedMs: number): string | null {
  if (usage.calls >= budgets.llmCalls) return `the LLM call budget (${budgets.llmCalls} calls) is used up`;
  if (usage.promptTokens >= budgets.promptTokens) {
    return `the prompt token budget (${budgets.promptTokens}) is used up (${usage.promptTokens} used)`;
  }
  if (usage.completionTokens >= budgets.completionTokens) {
    return `the completion token budget (${budgets.completionTokens}) is used up (${usage.completionTokens} used)`;
  }
  if (elapsedMs >= budgets.wallSeconds * 1000)
    return `the wall-time budget (${budgets.wallSeconds} s) is used up`;
  return null;
}
