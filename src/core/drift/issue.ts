import { inlineCode } from "../text/markdown.js";
import { type DriftReport, DriftReportSchema } from "./report.js";
import { hiddenRecord } from "../text/hidden-record.js";

const DRIFT_RECORD = hiddenRecord("drift-record", DriftReportSchema);

export const DRIFT_KIND = "drift";

export function driftTitle(report: DriftReport): string {
  const n = report.resources.length + report.more;
  return `Drift in ${report.root}: ${n} resource${n === 1 ? "" : "s"} differ${n === 1 ? "s" : ""} from the code`;
}

/** The issue for a drifted root: what differs, the tags set outside Terraform, what to do, the record. */
export function driftIssueBody(report: DriftReport, run: { url: string; id: number }): string {
  const c = report.counts;
  const rows = report.resources.map((r) => `| ${inlineCode(r.address)} | ${r.actions.join(", ")} |`);
  const more = report.more > 0 ? [`| …and ${report.more} more | |`] : [];
  const tags =
    report.tagGaps.length === 0
      ? []
      : [
          "",
          "**Tags set outside Terraform** — the plan would remove them, so the code is missing them:",
          "",
          "| resource | tag | value |",
          "| --- | --- | --- |",
          ...report.tagGaps.map(
            (g) => `| ${inlineCode(g.address)} | ${inlineCode(g.key)} | ${inlineCode(g.value)} |`,
          ),
        ];
  const changed = report.attributes ?? [];
  const attributes =
    changed.length === 0
      ? []
      : [
          "",
          "**Arguments changed outside Terraform** — the plan would set them back to the code's value:",
          "",
          "| resource | argument | real value | in the code |",
          "| --- | --- | --- | --- |",
          ...changed.map(
            (a) =>
              `| ${inlineCode(a.address)} | ${inlineCode(a.name)} | ${inlineCode(JSON.stringify(a.live))} | ${inlineCode(JSON.stringify(a.code))} |`,
          ),
        ];
  return [
    `### 🌊 Drift in ${inlineCode(report.root)}`,
    "",
    `The drift check ([run ${run.id}](${run.url})) planned ${inlineCode(report.root)} at \`${report.sha.slice(0, 7)}\` on the default branch: the real infrastructure differs from the code.`,
    "",
    `**Plan: ${c.create} to add, ${c.update} to change, ${c.delete} to destroy, ${c.replace} to replace.**`,
    "",
    "| resource | the plan would |",
    "| --- | --- |",
    ...rows,
    ...more,
    ...tags,
    ...attributes,
    "",
    "### What next",
    "- Drift the code should keep (a tag added in the console, a value changed there): comment `/agent fix` and I propose a pull request that writes it into the code where the value is a literal there, and explain the manual step for the rest.",
    "- To make the infrastructure match the code instead, plan and apply the default branch as you normally do.",
    "",
    "Each drift run updates this issue; a run that finds no drift closes it.",
    "",
    renderDriftRecord(report),
  ].join("\n");
}

export function resolvedBody(
  previous: string,
  report: DriftReport,
  run: { url: string; id: number },
): string {
  const note = `> ✅ Resolved: [run ${run.id}](${run.url}) found no drift in ${inlineCode(report.root)} at \`${report.sha.slice(0, 7)}\`.`;
  return `${note}\n\n${withoutMarker(previous)}`;
}

export function failedCheckBody(
  previous: string,
  report: DriftReport,
  run: { url: string; id: number },
): string {
  const body = withoutMarker(previous).replace(/^> ⚠️ The latest drift check[^\n]*\n\n/, "");
  return `> ⚠️ The latest drift check ([run ${run.id}](${run.url})) failed for ${inlineCode(report.root)}; the report below is from an earlier run.\n\n${body}`;
}

function withoutMarker(body: string): string {
  return body.replace(/^<!-- devops-agent:[^\n]* -->\n/, "");
}

export function renderDriftRecord(report: DriftReport): string {
  return DRIFT_RECORD.render(report);
}

export function readDriftRecord(body: string): DriftReport | null {
  return DRIFT_RECORD.read(body);
}
