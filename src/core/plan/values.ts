import type { AttributePath } from "./schema.js";

/** One attribute value, ready to print: sensitive and unknown values never carry their content here. */
export interface Leaf {
  segments: AttributePath;
  display: string;
  /** The value itself, kept only to compare before and after; never printed. */
  raw: unknown;
  cut?: "sensitive" | "unknown";
}

export const SENSITIVE = "(sensitive)";
export const UNKNOWN = "(known after apply)";
const MAX_VALUE_CHARS = 300;
const MAX_DEPTH = 24;
const MAX_EMBEDDED_JSON = 100_000;

/** `tags.Name`, `ebs_block_device[0].volume_size`, `tags["kubernetes.io/cluster"]`. */
export function formatPath(segments: AttributePath): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** `base` followed by a formatted attribute path: `aws_x.y.tags.Name`, `output.list[0]`. */
export function joinPath(base: string, path: string): string {
  if (path === "") return base;
  return path.startsWith("[") ? `${base}${path}` : `${base}.${path}`;
}

/** Prints a scalar on one line (JSON-quoted, so newlines are escaped), short enough for a comment. */
export function displayValue(value: unknown): string {
  if (typeof value === "string") {
    const quoted = JSON.stringify(value);
    if (quoted.length <= MAX_VALUE_CHARS) return quoted;
    return `${quoted.slice(0, MAX_VALUE_CHARS)}…" (${quoted.length - MAX_VALUE_CHARS} more chars)`;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "[]";
  if (value !== null && typeof value === "object") return "{}";
  return "null";
}

/**
 * Flattens a value into leaves keyed by path. `sensitive` and `unknown` mirror the value's shape with `true`
 * where Terraform marks it; a marked subtree becomes one opaque leaf, so nothing below it is ever read out.
 * Nulls and empty collections count as absent, as in Terraform's own plan output.
 */
export function flatten(value: unknown, sensitive: unknown, unknown?: unknown): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  walk(value, sensitive, unknown, [], out);
  return out;
}

function walk(value: unknown, sens: unknown, unk: unknown, segments: AttributePath, out: Map<string, Leaf>) {
  const key = formatPath(segments);
  if (sens === true) {
    // A side where the value is absent stays absent: the mask may come from the other side.
    if ((value === null || value === undefined) && unk !== true) return;
    out.set(key, { segments, display: SENSITIVE, raw: value, cut: "sensitive" });
    return;
  }
  if (unk === true) {
    out.set(key, { segments, display: UNKNOWN, raw: undefined, cut: "unknown" });
    return;
  }
  // An attribute unknown only in part (`[false, true]`) has no value yet, only the mask's shape.
  const shaped =
    (value === null || value === undefined) && unk !== null && typeof unk === "object"
      ? Array.isArray(unk)
        ? []
        : {}
      : value;
  const nested = typeof shaped === "string" ? embeddedJson(shaped) : shaped;
  if (nested !== null && typeof nested === "object" && segments.length < MAX_DEPTH) {
    for (const child of childKeys(nested, unk)) {
      const item = (nested as Record<string | number, unknown>)[child];
      walk(item, pick(sens, child), pick(unk, child), [...segments, child], out);
    }
    return;
  }
  if (value === null || value === undefined) return;
  out.set(key, {
    segments,
    display: segments.length >= MAX_DEPTH ? "(nested too deeply)" : displayValue(value),
    raw: value,
  });
}

function childKeys(value: object, unk: unknown): (string | number)[] {
  if (Array.isArray(value)) {
    const length = Math.max(value.length, Array.isArray(unk) ? unk.length : 0);
    return Array.from({ length }, (_, i) => i);
  }
  const keys = Object.keys(value);
  if (unk !== null && typeof unk === "object" && !Array.isArray(unk)) {
    for (const k of Object.keys(unk)) if (!(k in value)) keys.push(k);
  }
  return keys;
}

function pick(mask: unknown, child: string | number): unknown {
  if (mask === true) return true;
  if (mask === null || typeof mask !== "object") return undefined;
  return (mask as Record<string | number, unknown>)[child];
}

/** Policy documents and similar arrive as JSON strings; diffing their inside shows what a grant changes. */
function embeddedJson(text: string): unknown {
  const first = text.trimStart()[0];
  if ((first !== "{" && first !== "[") || text.length > MAX_EMBEDDED_JSON) return text;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === "object" ? parsed : text;
  } catch {
    return text;
  }
}

/** Paths Terraform marks sensitive in a mask (`before_sensitive`/`after_sensitive`), without any value. */
export function sensitivePaths(mask: unknown, segments: AttributePath = [], out: string[] = []): string[] {
  if (mask === true) out.push(formatPath(segments));
  else if (mask !== null && typeof mask === "object" && segments.length < MAX_DEPTH) {
    const entries = Array.isArray(mask) ? mask.map((m, i) => [i, m] as const) : Object.entries(mask);
    for (const [child, item] of entries) sensitivePaths(item, [...segments, child], out);
  }
  return out;
}
