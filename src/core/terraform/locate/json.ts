import { createLineIndex } from "./lines.js";
import { type JsonValue, scanJson } from "./json-scan.js";
import type { LocatedFile, LocatedNode } from "./types.js";

/** How many labels each top-level block type takes in Terraform's JSON syntax. */
const LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  module: 1,
  variable: 1,
  output: 1,
  provider: 1,
};
/** Nested keys whose object value is keyed by a block label, as in `"dynamic": { "ingress": {...} }`. */
const LABELED_CHILDREN = new Set(["dynamic", "provisioner"]);

/** Outlines a `.tf.json` file with the same node shape as `locateHcl`. */
export function locateJson(text: string): LocatedFile {
  const root = scanJson(text, createLineIndex(text));
  if (root.kind !== "object") return { nodes: [] };
  const nodes: LocatedNode[] = [];
  for (const entry of root.entries) {
    if (entry.key === "//") continue;
    const labelCount = LABELS[entry.key] ?? 0;
    for (const level of objects(entry.value))
      nodes.push(...labeled(entry.key, level, labelCount, [], entry.line));
  }
  return { nodes };
}

function labeled(
  name: string,
  value: JsonValue,
  remaining: number,
  labels: string[],
  line: number,
): LocatedNode[] {
  if (remaining === 0) return [{ kind: "block", name, labels, line, children: children(value) }];
  if (value.kind !== "object") return [];
  return value.entries
    .filter((e) => e.key !== "//")
    .flatMap((e) =>
      objects(e.value).flatMap((v) => labeled(name, v, remaining - 1, [...labels, e.key], e.line)),
    );
}

function children(value: JsonValue): LocatedNode[] {
  if (value.kind !== "object") return [];
  const nodes: LocatedNode[] = [];
  for (const { key, line, value: child } of value.entries) {
    if (key === "//") continue;
    if (LABELED_CHILDREN.has(key)) {
      for (const level of objects(child)) nodes.push(...labeled(key, level, 1, [], line));
      continue;
    }
    const elements = child.kind === "array" && child.items.length > 0 ? child.items : [child];
    if (elements.every((e) => e.kind === "object") && child.kind !== "scalar") {
      elements.forEach((element, index) => {
        nodes.push({
          kind: "json",
          name: key,
          labels: [],
          line: index === 0 ? line : element.line,
          children: children(element),
        });
      });
    } else {
      nodes.push({ kind: "json", name: key, labels: [], line, children: [] });
    }
  }
  return nodes;
}

/** Terraform JSON allows any block level to be an object or an array of objects. */
function objects(value: JsonValue): JsonValue[] {
  if (value.kind === "array") return value.items.filter((item) => item.kind === "object");
  return value.kind === "object" ? [value] : [];
}
