import type { PlanSummary } from "./types.js";

/** The stable `plan summarize --json` contract (DESIGN.md §3); the four change counts are disjoint. */
export interface PlanContract {
  create: number;
  update: number;
  delete: number;
  replace: number;
  noop: number;
  read: number;
  resources: { address: string; type: string; actions: string[] }[];
  sensitive: string[];
}

export function summaryToContract(summary: PlanSummary): PlanContract {
  const { create, update, delete: del, replace, noop, read } = summary.counts;
  return {
    create,
    update,
    delete: del,
    replace,
    noop,
    read,
    resources: summary.resources.map(({ address, type, actions }) => ({
      address,
      type,
      actions: [...actions],
    })),
    sensitive: [...summary.sensitive],
  };
}
