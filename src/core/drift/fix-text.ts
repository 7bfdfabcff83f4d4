import { checkLines, type ValidationCheck } from "../terraform/checks.js";
import { inlineCode } from "../text/markdown.js";
import type { DriftFixItem } from "./fix.js";
import type { DriftReport } from "./report.js";

const rows = (items: readonly DriftFixItem[], last = "what to do") => [
  `| resource | drift | ${last} |`,
  "| --- | --- | --- |",
  ...items.map((i) => `| ${inlineCode(i.address)} | ${i.what} | ${i.how} |`),
];

export function driftFixBranch(issue: number): string {
  return `agent/drift-fix-${issue}`;
}

/** The PR that writes console-made changes into the code. Closes the issue only when nothing is left. */
export function driftFixPullBody(input: {
  issue: number;
  report: DriftReport;
  fixed: readonly DriftFixItem[];
  manual: readonly DriftFixItem[];
  checks: readonly ValidationCheck[];
}): string {
  const { report } = input;
  const link = input.manual.length === 0 ? `Closes #${input.issue}` : `Refs #${input.issue}`;
  return [
    `## Bring ${inlineCode(report.root)} in line with the real infrastructure`,
    "",
    `The drift check at \`${report.sha.slice(0, 7)}\` found changes made outside Terraform (#${input.issue}). Where the code held the old value as a literal, this PR writes the real value into the code, so the next plan is clean for these resources instead of undoing them.`,
    "",
    "### Written into the code",
    "",
    ...rows(input.fixed, "change"),
    "",
    ...(input.manual.length > 0
      ? [
          "### Still to do by hand (not in this PR)",
          "",
          ...rows(input.manual),
          "",
          "This PR does not close the drift issue: the items above remain.",
          "",
        ]
      : []),
    "### Checks",
    "",
    ...checkLines(input.checks).map((l) => `- ${l}`),
    "",
    "Review the values: they come from the real resources, and keeping them is a decision. To undo the console change instead, close this PR and apply the default branch.",
    "",
    link,
  ].join("\n");
}

/** On the drift issue: the PR (if any) and what a person must do for the rest. */
export function driftFixExplanation(input: {
  report: DriftReport;
  pr: { number: number; url: string } | null;
  fixed: readonly DriftFixItem[];
  manual: readonly DriftFixItem[];
}): string {
  const head = input.pr
    ? `I opened [#${input.pr.number}](${input.pr.url}), which writes ${input.fixed.length} change${input.fixed.length === 1 ? "" : "s"} made outside Terraform into the code of ${inlineCode(input.report.root)}.`
    : `I opened no pull request: none of the drift in ${inlineCode(input.report.root)} is a value I can write into the code safely.`;
  return [
    "### 🌊 `/agent fix` on this drift",
    "",
    head,
    ...(input.manual.length > 0 ? ["", "**What a person must do:**", "", ...rows(input.manual)] : []),
  ].join("\n");
}

/** Drift the check found but the validation of the edited code rejected: nothing is pushed. */
export function driftFixInvalid(
  report: DriftReport,
  checks: readonly ValidationCheck[],
  findings: string[],
): string {
  return [
    "### 🌊 `/agent fix` on this drift",
    "",
    `I wrote the real values into the code of ${inlineCode(report.root)}, but the result does not validate, so I pushed nothing:`,
    "",
    ...findings.slice(0, 20).map((f) => `- ${f}`),
    "",
    ...checkLines(checks).map((l) => `- ${l}`),
  ].join("\n");
}
