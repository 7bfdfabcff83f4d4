import type { TypeSchema } from "../terraform/schema/index.js";
import type { Node } from "./node.js";

/**
 * True when writing `path` would break one of the provider's cross-argument rules (the constraint table,
 * `aws-provider-constraints.json`) with what the resource already has: it conflicts with an argument that
 * is set, or another member of its exactly-one-of group is set. Optional values and defaults yield.
 */
export function clashes(ts: TypeSchema, node: Node, path: string): boolean {
  const keys = [...node.set.keys()];
  const has = (p: readonly string[]): boolean => {
    const k = p.join(".");
    return k !== path && keys.some((key) => key === k || key.startsWith(`${k}.`));
  };
  return (ts.constraints ?? []).some((c) => {
    if (c.kind !== "conflicts" && c.kind !== "exactly_one_of") return false;
    if (c.path.join(".") === path) return c.others.some(has);
    return has(c.path) && c.others.some((o) => o.join(".") === path);
  });
}
