import type { Block } from "../types.js";
import { pureExpression } from "../inventory/expressions.js";
import { instances, isObject } from "../validate/values.js";
import type { ModuleDeclarations } from "./declarations.js";
import { scanValue } from "./traversals.js";

/**
 * What `terraform validate` knows of an argument's value, which decides whether the provider's
 * cross-argument checks fire: `absent` (not written, or a literal null: Terraform treats null as unset),
 * `known` (wholly known: literals, locals and functions of them), `partial` (set, with unknown parts
 * inside: a list or block holding a reference), `unknown` (a reference, a variable — unknown during
 * validate, and possibly null later — or anything that may evaluate to null).
 */
export type Knowledge = "absent" | "known" | "partial" | "unknown";

/** Functions whose result terraform leaves unknown until apply. */
const UNKNOWN_CALLS = new Set(["timestamp", "uuid", "bcrypt", "plantimestamp"]);
/** Roots whose values are known during validate. */
const KNOWN_ROOTS = new Set(["path", "terraform"]);

export function knowledge(module: ModuleDeclarations, value: unknown, depth = 0): Knowledge {
  if (value === undefined || value === null) return "absent";
  if (typeof value === "number" || typeof value === "boolean") return "known";
  if (typeof value === "string") return stringKnowledge(module, value, depth);
  const items = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : [];
  // A collection is set even when parts are unknown or null.
  const parts = items.map((item) => knowledge(module, item, depth));
  return parts.every((p) => p === "known" || p === "absent") ? "known" : "partial";
}

function stringKnowledge(module: ModuleDeclarations, text: string, depth: number): Knowledge {
  if (!text.includes("${") && !text.includes("%{")) return "known";
  const expression = pureExpression(text);
  if (expression === "null") return "absent";
  // A conditional or function that may yield null: terraform may see it unset.
  if (/\bnull\b/.test(text)) return "unknown";
  const scan = scanValue(text);
  if (scan.calls.some((c) => UNKNOWN_CALLS.has(c))) return "unknown";
  for (const t of scan.traversals) {
    if (scan.bound.has(t.root) || KNOWN_ROOTS.has(t.root)) continue;
    if (t.root !== "local" || depth > 8) return "unknown";
    const local = module.locals.get(t.parts[0] ?? "")?.[0]?.body["value"];
    if (local === undefined || knowledge(module, local, depth + 1) !== "known") return "unknown";
  }
  return "known";
}

/**
 * The value at a path of segments in a resource body (`["versioning", "enabled"]`), with how much is
 * known: a block written with `dynamic` or repeated along the way makes it `unknown` (the SDK's paths
 * address the first element only, whose order terraform may change).
 */
export function valueAt(module: ModuleDeclarations, body: Block, path: readonly string[]): Knowledge {
  let current: Block = body;
  for (const [i, name] of path.entries()) {
    const dynamic = instances(current["dynamic"]).some((d) => Object.hasOwn(d, name));
    if (i === path.length - 1) {
      if (dynamic) return "unknown";
      return knowledge(module, current[name]);
    }
    if (dynamic) return "unknown";
    const blocks = instances(current[name]);
    if (blocks.length === 0)
      return current[name] === undefined || current[name] === null ? "absent" : "unknown";
    if (blocks.length > 1) return "unknown";
    current = blocks[0] as Block;
  }
  return "absent";
}

/** The blocks along a path (`["website"]` for `website.index_document`) are each written once, plainly. */
export function singleBlocks(body: Block, path: readonly string[]): boolean {
  let current: Block = body;
  for (const name of path) {
    if (instances(current["dynamic"]).some((d) => Object.hasOwn(d, name))) return false;
    const blocks = instances(current[name]);
    if (blocks.length !== 1 || (!Array.isArray(current[name]) && !isObject(current[name]))) return false;
    current = blocks[0] as Block;
  }
  return true;
}
