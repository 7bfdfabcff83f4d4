import { SENSITIVE_ATTRIBUTES } from "../terraform/schema/sensitive-attributes.js";

/** Attribute paths (`password`, `block.attribute`) a provider marks sensitive for one resource type. */
export type SensitiveAttributes = (type: string, mode: string) => readonly string[];

/** The bundled AWS provider's sensitive attributes; other providers have none listed. */
export const providerSensitiveAttributes: SensitiveAttributes = (type, mode) =>
  SENSITIVE_ATTRIBUTES[mode === "data" ? `data.${type}` : type] ?? [];

/**
 * One mask for both sides of a change: a value is hidden when it is sensitive before OR after (a password
 * that just became sensitive must not print its old value), and wherever the provider schema says so even
 * if the plan does not (plans from Terraform 0.14 and older providers leave those unmarked).
 */
export function combinedMask(
  change: { before?: unknown; after?: unknown; before_sensitive?: unknown; after_sensitive?: unknown },
  schemaPaths: readonly string[] = [],
): unknown {
  let mask = mergeMasks(change.before_sensitive, change.after_sensitive);
  for (const path of schemaPaths) {
    const segments = path.split(".");
    mask = mergeMasks(mask, maskAt(change.before, segments));
    mask = mergeMasks(mask, maskAt(change.after, segments));
  }
  return mask;
}

/** `true` wins; two objects (or arrays) merge key by key; anything else marks nothing. */
export function mergeMasks(a: unknown, b: unknown): unknown {
  if (a === true || b === true) return true;
  const aObject = a !== null && typeof a === "object";
  const bObject = b !== null && typeof b === "object";
  if (!aObject) return bObject ? b : undefined;
  if (!bObject) return a;
  if (Array.isArray(a) && Array.isArray(b)) {
    return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => mergeMasks(a[i], b[i]));
  }
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const source of [a, b] as Record<string, unknown>[]) {
    for (const [key, value] of Object.entries(source)) out[key] = mergeMasks(out[key], value);
  }
  return out;
}

/** A mask shaped like `value` with `true` at `segments`; a list of blocks gets it in every element. */
function maskAt(value: unknown, segments: readonly string[]): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((item) => maskAt(item, segments));
  const [head, ...rest] = segments;
  if (head === undefined) return true;
  if (typeof value !== "object" || !Object.hasOwn(value, head)) return undefined;
  const inner = maskAt((value as Record<string, unknown>)[head], rest);
  if (inner === undefined) return undefined;
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  out[head] = inner;
  return out;
}
