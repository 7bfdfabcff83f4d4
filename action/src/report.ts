import { codeBlock } from "../../src/core/text/markdown.js";
import { code, markerKey } from "../../src/core/plan/markdown.js";
import { costDetails, costLine } from "../../src/core/cost/index.js";
import { renderPlanMarkdown } from "../../src/core/plan/index.js";
import type { RootResult } from "./root.js";

const SUMMARY_BUDGET = 900_000;

/** The same marker the plan renderer writes, so a failure comment and a later plan share one comment. */
export const markerFor = (root: string) => `<!-- devops-agent:plan:${markerKey(root)} -->`;

/** The PR comment for one root: the plan, or what failed and the last lines terraform printed. */
export function commentFor(result: RootResult, redact: (text: string) => string, runUrl?: string): string {
  const marker = markerFor(result.root);
  if (result.summary && !result.failure) {
    return renderPlanMarkdown(result.summary, {
      root: result.root,
      marker,
      ...(runUrl ? { fullPlanUrl: runUrl } : {}),
      ...costOf(result),
    });
  }
  return failureMarkdown(result, redact, marker, runUrl);
}

export function summaryFor(result: RootResult, redact: (text: string) => string, runUrl?: string): string {
  if (result.summary && !result.failure) {
    return renderPlanMarkdown(result.summary, {
      root: result.root,
      marker: "",
      budget: SUMMARY_BUDGET,
      ...costOf(result),
    });
  }
  return failureMarkdown(result, redact, "", runUrl);
}

function costOf(result: RootResult): { cost?: { line: string; details: string } } {
  return result.cost ? { cost: { line: costLine(result.cost), details: costDetails(result.cost) } } : {};
}

function failureMarkdown(
  result: RootResult,
  redact: (text: string) => string,
  marker: string,
  runUrl?: string,
): string {
  const failure = result.failure ?? { step: "show", code: 1, excerpt: "no plan" };
  const tool = result.tool ?? "terraform";
  const what = failure.step === "setup" ? "setup" : `\`${tool} ${failure.step}\` exited with ${failure.code}`;
  const lines = codeBlock(redact(failure.excerpt));
  const link = runUrl ? `\n[Workflow run](${runUrl})\n` : "";
  return `${marker ? `${marker}\n` : ""}## ❌ ${tool === "tofu" ? "OpenTofu" : "Terraform"} plan failed: ${code(result.root)}\n\n${what}:\n\n${lines}\n${link}`;
}
