import { typeRisk } from "../pr/risks.js";
import { STATEFUL_TYPES } from "../plan/stateful.js";
import { plural } from "../plan/markdown.js";
import { inlineCode } from "../text/markdown.js";
import type { ExplainFacts, ResourceDiff } from "./types.js";

/** How much of each group is listed; the renderer shrinks these until the comment fits. */
export interface Caps {
  types: number;
  addresses: number;
  risks: number;
}

type Group = "create" | "update" | "delete" | "replace";
const HEADING: Readonly<Record<Group, string>> = {
  create: "Created",
  update: "Changed in place",
  delete: "Destroyed",
  replace: "Replaced (destroyed and created again)",
};

/** Why a kind of resource matters, in a few words: the PR risk table, else the stateful noun. */
function why(type: string): string {
  const risk = typeRisk(type);
  if (risk) return ` — ${risk}`;
  const noun = STATEFUL_TYPES[type];
  return noun ? ` — a stateful ${noun}` : "";
}

/**
 * "What changes", one line per resource kind and group. With a current plan the counts per kind are
 * terraform's and the addresses come from the code diff; without one everything comes from the diff.
 */
export function changesSection(facts: ExplainFacts, caps: Caps): string[] {
  const current = facts.plans.filter((p) => p.current);
  const { diff } = facts;
  const fromDiff: Record<Group, ResourceDiff[]> = {
    create: diff.created,
    update: diff.changed,
    delete: diff.destroyed,
    replace: [],
  };
  const lines: string[] = [];
  for (const group of ["create", "replace", "update", "delete"] as const) {
    const counts = new Map<string, number>();
    if (current.length > 0) {
      for (const p of current)
        for (const [type, n] of Object.entries(p.facts.types[group]))
          counts.set(type, (counts.get(type) ?? 0) + n);
    } else for (const r of fromDiff[group]) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    if (counts.size === 0) continue;
    const kinds = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    lines.push(`**${HEADING[group]}**`, "");
    for (const [type, n] of kinds.slice(0, caps.types))
      lines.push(
        `- ${n} × ${inlineCode(type)}${why(type)}${addresses(fromDiff[group], type, n, caps.addresses)}`,
      );
    const rest = kinds.slice(caps.types);
    if (rest.length > 0) {
      const more = rest.reduce((sum, [, n]) => sum + n, 0);
      lines.push(`- … and ${plural(more, "more resource")} of ${plural(rest.length, "other type")}`);
    }
    lines.push("");
  }
  if (diff.moved.length > 0) {
    lines.push("**Moved** (a `moved` block: the same object under a new address, nothing destroyed)", "");
    for (const m of diff.moved.slice(0, caps.types))
      lines.push(`- ${inlineCode(m.from)} → ${inlineCode(m.to)}`);
    if (diff.moved.length > caps.types)
      lines.push(`- … and ${plural(diff.moved.length - caps.types, "more move")}`);
    lines.push("");
  }
  return lines;
}

/** The addresses of one kind from the diff, with the arguments that changed; capped with "and N more". */
function addresses(diffs: readonly ResourceDiff[], type: string, total: number, cap: number): string {
  const ofType = diffs.filter((r) => r.type === type);
  if (ofType.length === 0 || cap === 0) return "";
  const shown = ofType.slice(0, cap).map((r) => `${inlineCode(r.address)}${argumentsOf(r)}`);
  const more = Math.max(total, ofType.length) - shown.length;
  return `: ${shown.join(", ")}${more > 0 ? `, and ${more.toLocaleString("en-US")} more ${inlineCode(type)}` : ""}`;
}

function argumentsOf(r: ResourceDiff): string {
  if (r.arguments.length === 0) return "";
  if (r.arguments.length === 1 && /^tags(_all)?$/.test(r.arguments[0] ?? "")) return " (tags only)";
  const names = r.arguments.slice(0, 4).map(inlineCode).join(", ");
  return ` (${names}${r.arguments.length > 4 ? `, +${r.arguments.length - 4}` : ""})`;
}
