import type { Block } from "../types.js";

/** Each `(label, body)` of a labelled block map, in order. */
export function* labeled(blocks: Record<string, Block[]> | undefined): Generator<[string, Block]> {
  for (const [label, list] of Object.entries(blocks ?? {})) {
    for (const block of list) yield [label, block];
  }
}

export function blockList(value: unknown): Block[] {
  if (Array.isArray(value)) return value.filter(isBlock);
  return isBlock(value) ? [value] : [];
}

export function asLabeled(value: unknown): Record<string, Block[]> {
  const out = Object.create(null) as Record<string, Block[]>;
  if (isBlock(value)) for (const [label, list] of Object.entries(value)) out[label] = blockList(list);
  return out;
}

export function asBlock(value: unknown): Block {
  return isBlock(value) ? value : {};
}

export function isBlock(value: unknown): value is Block {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
