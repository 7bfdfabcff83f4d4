import type { LocatedNode } from "../../../../src/core/terraform/locate/index.js";

/** Renders an outline as `line kind name labels`, indented by depth, so tests can compare it exactly. */
export function outline(nodes: LocatedNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${"  ".repeat(depth)}${n.line} ${n.kind} ${[n.name, ...n.labels].join(" ")}`,
    ...outline(n.children, depth + 1),
  ]);
}
