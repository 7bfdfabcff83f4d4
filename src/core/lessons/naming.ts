import { NAME_ARGUMENTS } from "../terraform/conventions/naming.js";
import { leadingInterpolations } from "../terraform/inventory/expressions.js";
import { findArgument, topBlocks } from "./hcl-text.js";
import type { Correction } from "./types.js";

const REFERENCE = /^\$\{\s*(?:var|local)\.[a-z_][a-z0-9_]*\s*\}$|^\$\{\s*terraform\.workspace\s*\}$/;

/**
 * A naming prefix a lesson may write: only interpolations of variables, locals or the workspace, joined
 * by `-`, `_` or `.` (`${var.env}`, `${var.project}-${var.environment}`). No functions, no other resources,
 * no literal text that could carry anything else.
 */
export function namingPrefixAllowed(prefix: string): boolean {
  if (prefix.length === 0 || prefix.length > 120 || leadingInterpolations(prefix) !== prefix) return false;
  const parts = prefix.split(/(?<=\})[-_.]?(?=\$\{)/);
  return parts.every((part) => REFERENCE.test(part));
}

/**
 * The prefix a person put in place of the agent's, when a name correction changed only its leading
 * interpolations (`${local.name_prefix}-orders` → `${var.env}-orders`); null for any other change.
 */
export function renamedPrefix(change: Correction): { from: string; to: string } | null {
  if (change.op !== "changed" || !NAME_ARGUMENTS.some((a) => a === change.attribute)) return null;
  if (typeof change.from !== "string" || typeof change.to !== "string") return null;
  const from = leadingInterpolations(change.from) ?? "";
  const to = leadingInterpolations(change.to) ?? "";
  if (to === "" || to === from || !namingPrefixAllowed(to)) return null;
  const rest = change.from.slice(from.length);
  if (rest === "" || rest !== change.to.slice(to.length)) return null;
  return { from, to };
}

/**
 * Gives the name of each block the agent added the lesson's prefix in place of its leading
 * interpolations (or in front, with `-`, when the name has none). Only quoted one-line names change.
 */
export function applyNamingPrefix(
  text: string,
  added: ReadonlySet<string>,
  prefix: string,
): { text: string; renamed: string[] } {
  const lines = text.split("\n");
  const renamed: string[] = [];
  for (const block of topBlocks(lines)) {
    const [type = "", name = ""] = block.labels;
    if (block.kind !== "resource" || !added.has(`${type}.${name}`)) continue;
    for (const argument of NAME_ARGUMENTS) {
      const found = findArgument(lines, block, argument);
      if (!found) continue;
      const line = lines[found.line] ?? "";
      const match = /^(\s*[a-z_]+\s*=\s*)"([^"\\]*)"\s*$/.exec(line);
      if (!match) break;
      const value = match[2] ?? "";
      const lead = leadingInterpolations(value);
      const next = lead === null ? `${prefix}-${value}` : `${prefix}${value.slice(lead.length)}`;
      if (next !== value) {
        lines[found.line] = `${match[1] ?? ""}"${next}"`;
        renamed.push(`${type}.${name}`);
      }
      break;
    }
  }
  return { text: lines.join("\n"), renamed };
}
