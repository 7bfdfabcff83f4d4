import { locateHcl } from "./hcl.js";
import { locateJson } from "./json.js";
import type { LocatedFile, LocatedNode } from "./types.js";

export type { LocatedFile, LocatedNode } from "./types.js";
export { locateHcl } from "./hcl.js";
export { locateJson } from "./json.js";

/** Outlines a Terraform file by its extension: `.tf.json` as JSON, anything else as HCL. */
export function locate(path: string, text: string): LocatedFile {
  return path.endsWith(".tf.json") ? locateJson(text) : locateHcl(text);
}

/** Top-level blocks of one kind with the given labels (`resource`, [type, name]), in file order. */
export function topBlocks(file: LocatedFile, name: string, labels: readonly string[]): LocatedNode[] {
  return file.nodes.filter(
    (n) => n.kind === "block" && n.name === name && labels.every((label, i) => n.labels[i] === label),
  );
}

/** Children of a node with the given name (and first label, for `dynamic "x"`), in file order. */
export function childrenNamed(node: LocatedNode | undefined, name: string, label?: string): LocatedNode[] {
  if (!node) return [];
  return node.children.filter((c) => c.name === name && (label === undefined || c.labels[0] === label));
}
