import type { PlanCounts, PlanSummary } from "./types.js";

/** Terraform's own summary line: replacements count once in "add" and once in "destroy". */
export function planLine(counts: PlanCounts): string {
  const add = counts.create + counts.replace;
  const destroy = counts.delete + counts.replace;
  if (add + counts.update + destroy + counts.import + counts.forget === 0) {
    return "No changes. Your infrastructure matches the configuration.";
  }
  const parts = [`${add} to add`, `${counts.update} to change`, `${destroy} to destroy`];
  if (counts.import > 0) parts.unshift(`${counts.import} to import`);
  if (counts.forget > 0) parts.push(`${counts.forget} to forget`);
  return `Plan: ${parts.join(", ")}.`;
}

/** One line for a check-run title: the plan line, then what needs a reviewer's eye. */
export function planTitle(summary: PlanSummary): string {
  const notes: string[] = [];
  if (summary.counts.replace > 0) notes.push(`${summary.counts.replace} replaced`);
  if (summary.risks.length > 0)
    notes.push(`${summary.risks.length} ${summary.risks.length === 1 ? "risk" : "risks"}`);
  if (summary.drift.length > 0) notes.push(`${summary.drift.length} drifted`);
  if (summary.deferred.length > 0) notes.push(`${summary.deferred.length} deferred`);
  const line = planLine(summary.counts).replace(/\.$/, "");
  return notes.length === 0 ? `${line}.` : `${line} (${notes.join(", ")})`;
}
