import { code, details, inline, plural } from "../plan/markdown.js";
import type { CostReport, ResourceCost } from "./types.js";

const ROWS = 40;

export function usd(amount: number): string {
  const rounded = Math.round(amount * 100) / 100;
  return `$${Math.abs(rounded).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function signedUsd(amount: number): string {
  const rounded = Math.round(amount * 100) / 100;
  if (rounded === 0) return "±$0.00";
  return `${rounded > 0 ? "+" : "−"}${usd(rounded)}`;
}

/** The one line near the top of the plan comment: monthly cost before → after, and the delta. */
export function costLine(report: CostReport): string {
  if (report.unavailable !== undefined) return `💰 ${inline(report.unavailable)}`;
  const skipped =
    report.unpriced.length > 0 ? `; ${plural(report.unpriced.length, "resource")} not priced` : "";
  const usage = report.usage.length > 0 ? `; usage-priced resources not included` : "";
  return `💰 **Monthly cost:** ${usd(report.before)} → ${usd(report.after)} (**${signedUsd(report.delta)}**/month, ${inline(report.region)} on-demand${skipped}${usage})`;
}

/** The collapsible tables: fixed cost per resource (biggest change first), usage prices, what was not priced. */
export function costDetails(report: CostReport): string {
  if (report.unavailable !== undefined) return "";
  const parts: string[] = [];
  const rows = groupInstances(report.resources.filter((r) => r.delta !== 0 || (r.after ?? 0) > 0));
  if (rows.length > 0) {
    const lines = rows
      .slice(0, ROWS)
      .map(
        (r) =>
          `| ${code(r.address)} | ${code(r.type)} | ${inline(r.driver)}${r.notes.length > 0 ? ` <sub>(${inline(r.notes.join("; "))})</sub>` : ""} | ${money(r.before)} | ${money(r.after)} | ${signedUsd(r.delta)} |`,
      );
    if (rows.length > ROWS) lines.push(`| … ${plural(rows.length - ROWS, "more row")} | | | | | |`);
    parts.push(
      details(
        `Cost by resource (${plural(rows.length, "row")})`,
        [
          "| Resource | Type | What drives the price | Before | After | Delta |",
          "| --- | --- | --- | ---: | ---: | ---: |",
          ...lines,
        ].join("\n"),
      ),
    );
  }
  if (report.usage.length > 0) {
    const lines = report.usage
      .slice(0, ROWS)
      .map(
        (u) =>
          `| ${code(u.address)} | ${u.prices.map((p) => `${inline(p.label)}: $${p.usd} per ${inline(p.unit)}`).join("<br>")} |`,
      );
    parts.push(
      details(
        `Depends on usage (${plural(report.usage.length, "resource")})`,
        ["| Resource | Unit prices |", "| --- | --- |", ...lines].join("\n"),
      ),
    );
  }
  if (report.unpriced.length > 0) {
    const lines = report.unpriced.slice(0, ROWS).map((u) => `- ${code(u.address)}: ${inline(u.reason)}`);
    parts.push(details(`Not priced (${plural(report.unpriced.length, "item")})`, lines.join("\n")));
  }
  return parts.join("");
}

function money(amount: number | undefined): string {
  return amount === undefined ? "—" : usd(amount);
}

/** `aws_instance.web[0]`, `[1]`, `[2]` with the same price become one row `aws_instance.web[*] ×3`. */
function groupInstances(resources: ResourceCost[]): ResourceCost[] {
  const groups = new Map<string, { row: ResourceCost; count: number }>();
  for (const r of resources) {
    const base = r.address.replace(/\[[^\]]*\]$/, "[*]");
    const key =
      base === r.address ? `=${r.address}` : `${base}|${r.driver}|${r.before ?? ""}|${r.after ?? ""}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { row: r, count: 1 });
  }
  return [...groups.values()]
    .map(({ row, count }) => {
      if (count === 1) return row;
      const scale = (n: number | undefined) => (n === undefined ? undefined : n * count);
      const before = scale(row.before);
      const after = scale(row.after);
      return {
        ...row,
        address: `${row.address.replace(/\[[^\]]*\]$/, "[*]")} ×${count}`,
        ...(before !== undefined ? { before } : {}),
        ...(after !== undefined ? { after } : {}),
        delta: row.delta * count,
      };
    })
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
}
