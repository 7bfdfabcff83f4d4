import { isTerraformJson } from "../files.js";
import { locateHcl } from "./hcl.js";
import { locateJson } from "./json.js";
import type { LocatedFile, LocatedNode } from "./types.js";

export type { LocatedFile, LocatedNode } from "./types.js";
export { locateHcl } from "./hcl.js";
export { locateJson } from "./json.js";

/** Outlines a Terraform file by its extension: `.tf.json`/`.tofu.json` as JSON, anything else as HCL. */
export function locate(path: string, text: string): LocatedFile {
  return isTerraformJson(path) ? locateJson(text) : locateHcl(text);
}

// Lookups are indexed once per outline: a file with thousands of blocks, or a block with thousands of
// attributes, must not make validation quadratic.
const topIndex = new WeakMap<LocatedFile, Map<string, LocatedNode[]>>();
const childIndex = new WeakMap<LocatedNode, Map<string, LocatedNode[]>>();
const SEPARATOR = "\u0000";

/** Top-level blocks with this name and exactly these labels (`resource`, [type, name]), in file order. */
export function topBlocks(file: LocatedFile, name: string, labels: readonly string[]): LocatedNode[] {
  let index = topIndex.get(file);
  if (!index) {
    index = new Map();
    for (const node of file.nodes) {
      if (node.kind === "block") append(index, [node.name, ...node.labels].join(SEPARATOR), node);
    }
    topIndex.set(file, index);
  }
  return index.get([name, ...labels].join(SEPARATOR)) ?? [];
}

/** Children of a node with the given name (and first label, for `dynamic "x"`), in file order. */
export function childrenNamed(node: LocatedNode | undefined, name: string, label?: string): LocatedNode[] {
  if (!node) return [];
  let index = childIndex.get(node);
  if (!index) {
    index = new Map();
    for (const child of node.children) {
      append(index, child.name, child);
      if (child.labels[0] !== undefined) append(index, child.name + SEPARATOR + child.labels[0], child);
    }
    childIndex.set(node, index);
  }
  return index.get(label === undefined ? name : name + SEPARATOR + label) ?? [];
}

function append(index: Map<string, LocatedNode[]>, key: string, node: LocatedNode): void {
  const list = index.get(key);
  if (list) list.push(node);
  else index.set(key, [node]);
}
