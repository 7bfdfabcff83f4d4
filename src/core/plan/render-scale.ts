import { redact } from "../redact/index.js";
import { code, details, plural } from "./markdown.js";
import type { PlanSummary } from "./types.js";

/** From this many changed resources on, the comment adds counts by module and type. */
export const LARGE_PLAN = 100;
/** Creating or destroying this many at once is unusual enough to say so before anything else. */
export const UNUSUAL_CREATES = 500;
export const UNUSUAL_DESTROYS = 50;
const MAX_ROWS = 100;

const COLUMNS = ["create", "update", "replace", "delete"] as const;
type Column = (typeof COLUMNS)[number];

/** A warning when the plan creates or destroys an unusual number of resources; "" otherwise. */
export function unusualWarning(summary: PlanSummary): string {
  const { create, delete: deleted, replace } = summary.counts;
  const parts = [
    create >= UNUSUAL_CREATES ? `creates ${plural(create, "resource")}` : "",
    deleted + replace >= UNUSUAL_DESTROYS
      ? `destroys or replaces ${plural(deleted + replace, "resource")}`
      : "",
  ].filter(Boolean);
  if (parts.length === 0) return "";
  return `> [!WARNING]\n> **Unusually large plan: it ${parts.join(" and ")}.** Check \`count\`/\`for_each\` values and module inputs: a wrong one multiplies resources.\n\n`;
}

/**
 * For a large plan, the changes counted by module and resource type (collapsed), largest groups first,
 * so a reader sees the shape of thousands of changes without scrolling through them.
 */
export function scaleBlock(summary: PlanSummary): string {
  if (summary.resources.length < LARGE_PLAN) return "";
  const groups = new Map<string, { module: string; type: string; counts: Record<Column, number> }>();
  for (const r of summary.resources) {
    if (!(COLUMNS as readonly string[]).includes(r.kind)) continue;
    const key = `${r.module}\u0000${r.type}`;
    let group = groups.get(key);
    if (!group) {
      group = { module: r.module, type: r.type, counts: { create: 0, update: 0, replace: 0, delete: 0 } };
      groups.set(key, group);
    }
    group.counts[r.kind as Column] += 1;
  }
  const total = (g: { counts: Record<Column, number> }) => COLUMNS.reduce((n, c) => n + g.counts[c], 0);
  const sorted = [...groups.values()].sort((a, b) => total(b) - total(a) || a.type.localeCompare(b.type));
  const rows = sorted
    .slice(0, MAX_ROWS)
    .map(
      (g) =>
        `| ${g.module === "" ? "(root)" : code(g.module)} | ${code(g.type)} | ${COLUMNS.map((c) => (g.counts[c] ? g.counts[c].toLocaleString("en-US") : "")).join(" | ")} |`,
    );
  const more = sorted.length > MAX_ROWS ? `\n… and ${plural(sorted.length - MAX_ROWS, "more group")}\n` : "";
  const table = [
    "| module | type | ➕ create | 🔧 update | ♻️ replace | 🗑️ destroy |",
    "| --- | --- | ---: | ---: | ---: | ---: |",
    ...rows,
  ].join("\n");
  const title = `📦 ${plural(summary.resources.length, "change")} by module and type (${plural(sorted.length, "group")})`;
  return redact(details(title, `${table}\n${more}`));
}
