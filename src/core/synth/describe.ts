import type { ChangePlan } from "./types.js";

/** True when the plan covers every part of the request that is not optional and refuses nothing. */
export function planIsComplete(plan: ChangePlan): boolean {
  return (
    plan.refusals.length === 0 &&
    plan.notUnderstood.length === 0 &&
    (plan.modules.length > 0 || plan.create.some((r) => r.origin === "requested" || plan.reuse.length > 0))
  );
}

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

/** The plan in words, shown before any file is written and kept in the PR body. */
export function describePlan(plan: ChangePlan): string {
  const lines: string[] = ["### Plan of the change", ""];
  if (plan.refusals.length > 0) {
    lines.push("**Refused — nothing will be written:**");
    for (const r of plan.refusals) lines.push(`- ${r.part}: ${r.reason}. Instead: ${r.alternative}.`);
    lines.push("");
  }
  lines.push("**Understood:**");
  if (plan.understood.length === 0) lines.push("- nothing I can build");
  for (const u of plan.understood) lines.push(`- "${u.phrase}" → ${code(u.meaning)}`);
  lines.push("", plan.refusals.length > 0 ? "**Would have created (not written):**" : "**Will create:**");
  if (plan.create.length === 0) lines.push("- nothing");
  for (const r of plan.create) {
    const notes = r.notes.length > 0 ? ` — ${r.notes.join("; ")}` : "";
    lines.push(`- ${code(`${r.type}.${r.name}`)} in ${code(r.file)} (${r.why})${notes}`);
  }
  if (plan.modules.length > 0) {
    lines.push("", "**Will call the repository's modules:**");
    for (const m of plan.modules)
      lines.push(`- ${code(`module.${m.name}`)} from ${code(m.source)} (${m.why}) — ${m.notes.join("; ")}`);
  }
  if (plan.reuse.length > 0) {
    lines.push("", "**Will reuse:**");
    for (const r of plan.reuse) lines.push(`- ${code(`${r.type}.${r.name}`)} (${r.why})`);
  }
  if (plan.variables.length > 0) {
    lines.push("", "**Needs values (new variables, no defaults invented):**");
    for (const v of plan.variables) lines.push(`- ${code(`var.${v.name}`)}: ${v.description}`);
  }
  if (plan.notUnderstood.length > 0) {
    lines.push("", "**Not understood — not covered by this change:**");
    for (const w of plan.notUnderstood) lines.push(`- ${w}`);
  }
  if (plan.optional.length > 0) {
    lines.push("", "**Optional parts left out:**");
    for (const w of plan.optional) lines.push(`- ${w}`);
  }
  return lines.join("\n");
}
