import type { Finding } from "../types.js";
import type { Inventory } from "./types.js";

/** The `devops-agent inventory --json` contract (DESIGN.md §3); scripts depend on these exact keys. */
export interface InventoryContract {
  resources: Record<string, number>;
  dataSources: Record<string, number>;
  modules: Array<{ name: string; source: string | null }>;
  /** How many Terraform files were found, including those that could not be parsed. */
  files: number;
  errors: Finding[];
}

export function toInventoryContract(
  inventory: Inventory,
  files: number,
  errors: Finding[],
): InventoryContract {
  return {
    resources: countByType(inventory.resources),
    dataSources: countByType(inventory.dataSources),
    modules: inventory.moduleCalls.map(({ name, source }) => ({ name, source })),
    files,
    errors,
  };
}

function countByType(entries: Array<{ type: string }>): Record<string, number> {
  // No prototype: a type named `constructor` or `__proto__` must count like any other.
  const counts = Object.create(null) as Record<string, number>;
  for (const { type } of [...entries].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))) {
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}
