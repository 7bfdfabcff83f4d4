import type { Change, OutputChange } from "./schema.js";
import { type Leaf, formatPath, flatten } from "./values.js";

/** One changed attribute, as printed in a ```diff block (`+` added, `-` removed, `~` changed). */
export interface AttributeChange {
  op: "+" | "-" | "~";
  path: string;
  before?: string;
  after?: string;
  forcesReplacement: boolean;
}

/** Attribute-level changes between `before` and `after`; unchanged attributes are left out. */
export function attributeChanges(
  change: Change | OutputChange,
  replacePaths: string[] = [],
): AttributeChange[] {
  const before = flatten(change.before, change.before_sensitive);
  const after = flatten(change.after, change.after_sensitive, change.after_unknown);
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
