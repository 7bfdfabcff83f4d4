import type { Inventory } from "../core/terraform/inventory/types.js";
import { gatherRepoContext } from "./context.js";

export interface ResourceChange {
  type: string;
  name: string;
  change: "add" | "remove";
}

function addresses(inventory: Inventory): Map<string, { type: string; name: string }> {
  const entries = [
    ...inventory.resources.map((r) => ({ key: `${r.dir}|${r.type}.${r.name}`, type: r.type, name: r.name })),
    ...inventory.dataSources.map((r) => ({
      key: `${r.dir}|data.${r.type}.${r.name}`,
      type: `data.${r.type}`,
      name: r.name,
    })),
  ];
  return new Map(entries.map((e) => [e.key, { type: e.type, name: e.name }]));
}

/** What the change adds and removes, from the inventory before and after (the PR body lists it). */
export async function resourceChanges(before: Inventory, workspaceDir: string): Promise<ResourceChange[]> {
  const after = await gatherRepoContext(workspaceDir);
  const was = addresses(before);
  const is = addresses(after.inventory);
  // A new call of a local module adds that module's resources, named by their address in the root.
  const calls = new Set(before.moduleCalls.map((c) => `${c.dir}|${c.name}`));
  const viaModules = after.inventory.moduleCalls
    .filter((c) => !calls.has(`${c.dir}|${c.name}`) && c.localDir !== null)
    .flatMap((c) =>
      after.inventory.resources
        .filter((r) => r.dir === c.localDir)
        .map((r) => ({ type: r.type, name: `module.${c.name}.${r.name}`, change: "add" as const })),
    );
  return [
    ...[...is].filter(([key]) => !was.has(key)).map(([, r]) => ({ ...r, change: "add" as const })),
    ...viaModules,
    ...[...was].filter(([key]) => !is.has(key)).map(([, r]) => ({ ...r, change: "remove" as const })),
  ];
}
