import { codeBlock } from "../../src/core/text/markdown.js";
import type { PlanRecord } from "../../src/core/apply/record.js";
import { firstLine, renderApplyResult } from "../../src/core/apply/result.js";

const SECTION = "<!-- devops-agent:apply-status -->";

export type ApplyStage =
  | { stage: "refused"; reason: string }
  | { stage: "applying" }
  | { stage: "applied"; summary: string }
  /** `step`: "credentials", or the command that failed (`terraform init`, `tofu apply`). */
  | { stage: "failed"; step: string; excerpt: string; stale: boolean };

/**
 * The plan comment, with its apply section (plan → approval → apply → result) replaced: the plan comment is
 * where reviewers already look, and the next plan rewrites the whole comment, section included.
 */
export function withApplyStatus(
  body: string,
  stage: ApplyStage,
  context: { record?: PlanRecord; runUrl?: string; environment?: string; runId?: number; root?: string },
): string {
  const cut = body.indexOf(SECTION);
  const plan = (cut >= 0 ? body.slice(0, cut) : body).trimEnd();
  const hidden = context.runId && context.root ? `\n${resultLine(stage, context.runId, context.root)}` : "";
  return `${plan}\n\n${SECTION}\n${render(stage, context)}\n${hidden}`;
}

/** The hidden line the app reads to finish its own apply comment (`src/core/apply/result.ts`). */
function resultLine(stage: ApplyStage, runId: number, root: string): string {
  const base = { v: 1 as const, runId, root: (root || ".").slice(0, 200) };
  switch (stage.stage) {
    case "refused":
      return renderApplyResult({ ...base, stage: "refused", detail: firstLine(stage.reason) });
    case "applying":
      return renderApplyResult({ ...base, stage: "applying", detail: "" });
    case "applied":
      return renderApplyResult({ ...base, stage: "applied", detail: firstLine(stage.summary) });
    case "failed":
      return renderApplyResult({
        ...base,
        stage: "failed",
        detail: firstLine(stage.excerpt),
        step: stage.step.slice(0, 60),
        stale: stage.stale,
      });
  }
}

function render(
  stage: ApplyStage,
  { record, runUrl, environment }: { record?: PlanRecord; runUrl?: string; environment?: string },
): string {
  const run = runUrl ? `[apply run](${runUrl})` : "the apply run";
  const planned = record
    ? `✅ **Plan** of \`${record.sha.slice(0, 7)}\`, run ${record.runId}, plan file SHA-256 \`${record.planSha256.slice(0, 12)}…\``
    : "**Plan**";
  const approved = `✅ **Approval**${environment ? ` for environment \`${environment}\`` : ""} (the job started)`;
  switch (stage.stage) {
    case "refused":
      return `### ⛔ Apply refused\n\n${stage.reason}\n\nSee ${run}. Nothing was applied.`;
    case "applying":
      return ["### Apply", "", `- ${planned}`, `- ${approved}`, `- ⏳ **Apply** running in ${run}`].join(
        "\n",
      );
    case "applied":
      return [
        "### Apply",
        "",
        `- ${planned}`,
        `- ${approved}`,
        `- ✅ **Applied** in ${run}: ${stage.summary}`,
      ].join("\n");
    case "failed":
      return [
        "### Apply",
        "",
        `- ${planned}`,
        `- ${approved}`,
        `- ❌ **Apply failed** ${stage.step === "credentials" ? "assuming the apply role" : `at \`${stage.step}\``} in ${run}${
          stage.stale
            ? ": the saved plan is **stale** — the state changed after it was planned. Run `/agent plan` again, review the new plan, then `/agent apply`."
            : "."
        }`,
        "",
        codeBlock(stage.excerpt),
      ].join("\n");
  }
}
