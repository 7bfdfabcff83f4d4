import { redact } from "../redact/index.js";
import { checkLines } from "../terraform/checks.js";
import { inline, plural } from "../plan/markdown.js";
import { inlineCode, neutraliseMentions, plainText } from "../text/markdown.js";
import type { ReviewConclusion, ReviewFinding, ReviewLevel, ReviewReport, ReviewSource } from "./types.js";

/** GitHub's limit on a check run's `output.summary`. */
export const SUMMARY_LIMIT = 65_535;
const LISTED = 150;

const ICON: Readonly<Record<ReviewLevel, string>> = { error: "❌", warning: "⚠️", note: "ℹ️" };
const HEADLINE: Readonly<Record<ReviewConclusion, string>> = {
  failure: "❌ Changes requested by the review",
  neutral: "⚠️ Review passed with warnings",
  success: "✅ Review passed",
};
const SOURCES: readonly [ReviewSource, string][] = [
  ["validator", "Validator"],
  ["security", "Security"],
  ["cost", "Cost"],
];

/** The one-line title of the check run: the counts that decided the conclusion. */
export function reviewTitle(report: ReviewReport): string {
  const scoped = inScope(report);
  const counts = countLevels(scoped);
  const where = report.changed === null ? "" : " in changed files";
  if (scoped.length === 0) return `No findings${where}`;
  return `${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${plural(counts.note, "note")}${where}`;
}

/**
 * The check run's summary (Markdown): the conclusion and why, counts by source and level, the findings in
 * the changed files (most severe first), a collapsed list of the others, and which checks ran. Pure, so
 * the CLI, the app and the tutorial images render the same text.
 */
export function renderReviewSummary(report: ReviewReport): string {
  const scoped = inScope(report);
  const others =
    report.changed === null ? [] : report.findings.filter((f) => !report.changed?.includes(f.file));
  const scope =
    report.changed === null
      ? `${plural(report.filesChecked, "Terraform file")} reviewed.`
      : `${plural(report.changed.length, "changed file")} reviewed in the context of ${plural(report.filesChecked, "Terraform file")}; the conclusion counts findings in changed files only.`;
  const parts = [
    `## ${HEADLINE[report.conclusion]}`,
    "",
    `**${reviewTitle(report)}.** ${scope}`,
    "",
    countTable(scoped),
    "",
  ];
  if (scoped.length > 0) {
    parts.push(
      report.changed === null ? "### Findings" : "### Findings in changed files",
      "",
      ...listed(scoped),
      "",
    );
  }
  if (others.length > 0) {
    parts.push(
      `<details><summary>${plural(others.length, "finding")} in files this change does not touch (not counted)</summary>`,
      "",
      ...listed(others),
      "",
      "</details>",
      "",
    );
  }
  parts.push("### Checks", "", ...checkLines(report.checks).map((line) => `- ${inline(line)}`), "");
  return fit(neutraliseMentions(redact(parts.join("\n"))));
}

function inScope(report: ReviewReport): ReviewFinding[] {
  const { changed } = report;
  return changed === null ? report.findings : report.findings.filter((f) => changed.includes(f.file));
}

function countLevels(findings: readonly ReviewFinding[]): Record<ReviewLevel, number> {
  const counts = { error: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.level] += 1;
  return counts;
}

function countTable(findings: readonly ReviewFinding[]): string {
  const rows = SOURCES.map(([source, label]) => {
    const c = countLevels(findings.filter((f) => f.source === source));
    return `| ${label} | ${c.error} | ${c.warning} | ${c.note} |`;
  });
  return ["| | ❌ errors | ⚠️ warnings | ℹ️ notes |", "| --- | ---: | ---: | ---: |", ...rows].join("\n");
}

function listed(findings: readonly ReviewFinding[]): string[] {
  const lines = findings.slice(0, LISTED).map((f) => {
    // File paths, messages and suggestions carry text from the reviewed files (names, descriptions, policy
    // JSON). Markdown inside an HTML <code> still renders, so paths and fixes go in code spans nothing can
    // close and messages through plainText: a crafted `[x](https://…)` or bare URL stays text, never a link.
    const where = `${f.file}${f.line === null ? "" : `:${f.line}`}`;
    const fix = f.suggestion ? ` → ${inlineCode(f.suggestion)}` : "";
    return `- ${ICON[f.level]} ${inlineCode(where)} ${plainText(f.message)}${fix} <sub>${inline(f.ruleId)}</sub>`;
  });
  if (findings.length > LISTED)
    lines.push(`- … and ${plural(findings.length - LISTED, "more finding")} (see the annotations)`);
  return lines;
}

function fit(text: string): string {
  if (text.length <= SUMMARY_LIMIT) return text;
  const cut = text.slice(0, SUMMARY_LIMIT - 200);
  return `${cut.slice(0, cut.lastIndexOf("\n"))}\n\n✂️ Cut at ${SUMMARY_LIMIT.toLocaleString("en-US")} characters; every finding is in the annotations.\n`;
}
