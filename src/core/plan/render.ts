import { redact } from "../redact/index.js";
import { EntryLayout } from "./layout.js";
import { inline, markerKey, plural } from "./markdown.js";
import { buildEntries } from "./render-entries.js";
import {
  calloutHead,
  deferredLevels,
  driftLevels,
  header,
  outputLevels,
  riskLevels,
} from "./render-sections.js";
import { planLine } from "./title.js";
import { scaleBlock, unusualWarning } from "./render-scale.js";
import type { PlanSummary } from "./types.js";

export interface RenderOptions {
  /** The Terraform root directory, shown in the header and used in the marker. */
  root: string;
  /** The hidden first line that finds this comment again; default `<!-- devops-agent:plan:<root> -->`. */
  marker?: string;
  /** Where the untrimmed plan is (job summary, artifact), linked when anything is trimmed. */
  fullPlanUrl?: string;
  /** Maximum characters; default 60,000 (a PR comment holds 65,536; a job summary takes up to 1 MiB). */
  budget?: number;
  /** The monthly cost line shown under the header, and its collapsible tables (dropped first if too long). */
  cost?: { line: string; details: string };
}

export const DEFAULT_BUDGET = 60_000;
const NOTE_RESERVE = 700;

/**
 * The sticky PR comment for one plan. Risks come first and are never dropped; when the plan is too big,
 * diffs and lines of the least risky resources go first, and a note says what was left out and where it is.
 */
export function renderPlanMarkdown(summary: PlanSummary, options: RenderOptions): string {
  const budget = Math.max(2_000, options.budget ?? DEFAULT_BUDGET);
  const root = redact(options.root === "" ? "." : options.root);
  const marker = `${options.marker ?? `<!-- devops-agent:plan:${markerKey(options.root)} -->`}\n`;
  const callout = calloutHead(summary, root);
  const risks = summary.risks.length === 0 ? [""] : riskLevels(summary.risks, callout !== undefined);
  const top = header(summary, root, redact(planLine(summary.counts))) + scaleBlock(summary);
  const warning = unusualWarning(summary);
  const riskHeading = callout === undefined && summary.risks.length > 0 ? "### ⚠️ Risks\n\n" : "";
  const footer = footerOf(summary);
  const costLine = options.cost ? `${options.cost.line}\n\n` : "";
  const sections = [outputLevels(summary), deferredLevels(summary), driftLevels(summary)];
  const smallest = (levels: string[]) => levels[levels.length - 1] ?? "";
  const base =
    marker.length +
    warning.length +
    (callout?.length ?? 0) +
    1 +
    top.length +
    riskHeading.length +
    costLine.length +
    footer.length +
    NOTE_RESERVE;
  const minimal = base + sections.reduce((sum, levels) => sum + smallest(levels).length, 0);
  const riskText = risks.find((level) => minimal + level.length + 1 <= budget) ?? smallest(risks);
  const riskBlock = riskText === "" ? "" : `${riskText}\n`;
  const costDetails = options.cost?.details ?? "";
  const costBlock =
    costLine + (minimal + riskBlock.length + costDetails.length <= budget * 0.5 ? costDetails : "");

  const layout = new EntryLayout(
    buildEntries(summary),
    budget - minimal - riskBlock.length - (costBlock.length - costLine.length),
  );
  const chosen = sections.map(smallest);
  const upgrade = (index: number) => {
    const levels = sections[index] ?? [""];
    const current = chosen[index] ?? "";
    const better = levels.find((level) => level.length - current.length <= layout.remaining);
    if (better !== undefined && better !== current) {
      layout.used += better.length - current.length;
      chosen[index] = better;
    }
  };
  const quiet = (group: string) => group === "update" || group === "create" || group === "forget";
  layout.addLines((e) => e.risky);
  layout.addDiffs((e) => e.risky);
  layout.addLines(() => true);
  upgrade(0);
  upgrade(1);
  layout.addDiffs((e) => quiet(e.group));
  upgrade(2);

  const changes = layout.entries.length > 0 ? `### Changes\n\n${layout.render()}` : "";
  const note = trimNote(layout, chosen, sections, options.fullPlanUrl);
  const risksFirst =
    callout === undefined
      ? [top, costBlock, riskHeading, riskBlock]
      : [callout, riskBlock, "\n", top, costBlock];
  const body = [marker, warning, ...risksFirst, changes, ...chosen, note, footer].join("");
  return body.length <= budget ? body : hardCut(body, budget);
}

function footerOf(summary: PlanSummary): string {
  const parts = [
    summary.terraformVersion
      ? `${summary.tool === "opentofu" ? "OpenTofu" : "Terraform"} ${summary.terraformVersion}`
      : "",
    `plan format ${summary.formatVersion}`,
  ];
  const notes = (summary.notes ?? []).map((note) => `> ℹ️ ${inline(redact(note))}\n`).join("");
  return `${notes ? `${notes}\n` : ""}<sub>${inline(redact(parts.filter(Boolean).join(" · ")))} · devops-agent</sub>\n`;
}

function trimNote(
  layout: EntryLayout,
  chosen: string[],
  sections: string[][],
  url: string | undefined,
): string {
  const { lines, diffs } = layout.trimmed();
  const parts: string[] = [];
  if (diffs > 0) parts.push(`attribute diffs of ${plural(diffs, "resource")}`);
  for (const [group, count] of lines) parts.push(`${plural(count, `${group} line`)}`);
  ["output details", "deferred details", "drift details"].forEach((name, i) => {
    if (chosen[i] !== sections[i]?.[0]) parts.push(name);
  });
  if (parts.length === 0) return "";
  const where =
    url === undefined
      ? "The full plan is in the workflow run's job summary, or run `terraform show tfplan`."
      : `[Full plan](${encodeURI(url).replace(/\(/g, "%28").replace(/\)/g, "%29")})`;
  return redact(`---\n✂️ **Trimmed to fit one comment:** ${parts.join("; ")}. ${where}\n\n`);
}

/** Last resort if the accounting above was wrong: cut on a line boundary and close any open block. */
function hardCut(body: string, budget: number): string {
  const cut = body.slice(0, budget - 200);
  const lineEnd = cut.lastIndexOf("\n");
  const fences = (cut.match(/^```/gm) ?? []).length;
  return `${cut.slice(0, lineEnd)}\n${fences % 2 === 1 ? "```\n" : ""}\n✂️ **Cut at ${budget.toLocaleString("en-US")} characters.**\n`;
}
