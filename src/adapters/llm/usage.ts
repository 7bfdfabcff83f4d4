import type { TokenUsage } from "./types.js";

export interface UsageSnapshot {
  calls: number;
  promptTokens: number;
  completionTokens: number;
}

/** Counts LLM calls and tokens for one job, for budgets, the PR footer and the audit line. */
export interface UsageMeter {
  record(usage: TokenUsage): void;
  snapshot(): UsageSnapshot;
}

export function createUsageMeter(): UsageMeter {
  const total: UsageSnapshot = { calls: 0, promptTokens: 0, completionTokens: 0 };
  return {
    record(usage) {
      total.calls += 1;
      total.promptTokens += usage.promptTokens;
      total.completionTokens += usage.completionTokens;
    },
    snapshot: () => ({ ...total }),
  };
}
