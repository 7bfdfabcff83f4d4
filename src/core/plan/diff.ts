import type { Change, OutputChange } from "./schema.js";
import { combinedMask } from "./sensitive.js";
import { type Leaf, SENSITIVE, formatPath, flatten } from "./values.js";

/** One changed attribute, as printed in a ```diff block (`+` added, `-` removed, `~` changed). */
export interface AttributeChange {
  op: "+" | "-" | "~";
  path: string;
  before?: string;
  after?: string;
  forcesReplacement: boolean;
}

/**
 * Attribute-level changes between `before` and `after`; unchanged attributes are left out. Both sides are
 * read through one mask (see `combinedMask`), so a value sensitive on either side is hidden on both.
 */
export function attributeChanges(
  change: Change | OutputChange,
  replacePaths: string[] = [],
  schemaSensitive: readonly string[] = [],
): AttributeChange[] {
  const mask = combinedMask(change, schemaSensitive);
  const before = flatten(change.before, mask);
  const after = flatten(change.after, mask, change.after_unknown);
  hideCopies(before, after);
  const forces = (path: string) => replacePaths.some((rp) => covers(rp, path) || covers(path, rp));
  const out: AttributeChange[] = [];
  for (const [path, a] of after) {
    const b = before.get(path);
    if (b === undefined) {
      out.push({ op: "+", path, after: a.display, forcesReplacement: forces(path) });
    } else if (a.cut === "unknown" || !sameValue(a, b)) {
      out.push({ op: "~", path, before: b.display, after: a.display, forcesReplacement: forces(path) });
    }
  }
  for (const [path, b] of before) {
    if (after.has(path) || hiddenBy(b, after)) continue;
    out.push({ op: "-", path, before: b.display, forcesReplacement: forces(path) });
  }
  return out;
}

/**
 * Terraform leaves derived attributes unmarked (`terraform_data.output` echoes a now-sensitive `input`, and
 * its own plan output prints it): any other value equal to a hidden string is hidden too.
 */
function hideCopies(...sides: Map<string, Leaf>[]): void {
  const hidden = new Set<string>();
  for (const side of sides)
    for (const leaf of side.values()) if (leaf.cut === "sensitive") collectStrings(leaf.raw, hidden);
  if (hidden.size === 0) return;
  for (const side of sides) {
    for (const leaf of side.values()) {
      if (leaf.cut === undefined && typeof leaf.raw === "string" && hidden.has(leaf.raw)) {
        leaf.display = SENSITIVE;
        leaf.cut = "sensitive";
      }
    }
  }
}

// Short strings ("true", "admin", region names) are too common to treat as copies of a secret.
const MIN_SECRET_COPY = 6;

function collectStrings(value: unknown, out: Set<string>, depth = 0): void {
  if (typeof value === "string" && value.length >= MIN_SECRET_COPY) out.add(value);
  else if (value !== null && typeof value === "object" && depth < 24)
    for (const item of Object.values(value)) collectStrings(item, out, depth + 1);
}

/** True when `path` is `prefix` or lies inside it. */
function covers(prefix: string, path: string): boolean {
  if (prefix === "") return true;
  if (!path.startsWith(prefix)) return false;
  const next = path[prefix.length];
  return next === undefined || next === "." || next === "[";
}

function sameValue(a: Leaf, b: Leaf): boolean {
  if (a.raw === b.raw) return true;
  if (typeof a.raw !== "object" || typeof b.raw !== "object") return false;
  return JSON.stringify(a.raw) === JSON.stringify(b.raw);
}

/** A removed leaf under an attribute that is now sensitive or unknown as a whole is not really removed. */
function hiddenBy(leaf: Leaf, after: Map<string, Leaf>): boolean {
  for (let i = 0; i < leaf.segments.length; i += 1) {
    const ancestor = after.get(formatPath(leaf.segments.slice(0, i)));
    if (ancestor?.cut !== undefined) return true;
  }
  return false;
}
