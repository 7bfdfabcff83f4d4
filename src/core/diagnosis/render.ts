import { redact, redactThenCut } from "../redact/index.js";
import { codeBlock, inlineCode } from "../text/markdown.js";
import type { Redactor } from "../redact/index.js";
import type { Diagnosis } from "./types.js";

export interface JobDiagnosis {
  /** The job's name as the workflow shows it. */
  job: string;
  failingStep?: string | null;
  /** Link to the job's log page. */
  url?: string;
  diagnosis: Diagnosis;
}

export interface RenderOptions {
  workflow?: string;
  runUrl?: string;
  /** When auto-fix is off, fixable causes get a hint to comment `/agent fix`. */
  autoFixEnabled?: boolean;
  redactor?: Pick<Redactor, "redact">;
}

const MAX_EVIDENCE_CHARS = 4000;

function fenced(lines: string[], r: Pick<Redactor, "redact">): string {
  return codeBlock(redactThenCut(lines.join("\n"), MAX_EVIDENCE_CHARS, { redactor: r, marker: "\n…" }));
}

function origin(d: Diagnosis): string {
  if (d.source === "llm") return "model analysis (no known signature matched)";
  return d.signatureId ? `known failure \`${d.signatureId}\`` : "no known signature matched";
}

function section(item: JobDiagnosis, options: RenderOptions): string {
  const d = item.diagnosis;
  const job = item.url ? `[${inlineCode(item.job)}](${item.url})` : inlineCode(item.job);
  const step = item.failingStep ? ` · step ${inlineCode(item.failingStep)}` : "";
  const parts = [
    `### ${d.title}`,
    "",
    `Job ${job}${step} · category \`${d.category}\` · confidence ${Math.round(d.confidence * 100)}% · ${origin(d)}`,
    "",
    "**Root cause.** " + d.rootCause,
  ];
  if (d.evidence.length > 0)
    parts.push(
      "",
      "<details open><summary>Evidence</summary>",
      "",
      fenced(d.evidence, options.redactor ?? { redact }),
      "",
      "</details>",
    );
  parts.push("", "**Fix.** " + d.fix);
  if (d.autoFixable && options.autoFixEnabled !== true) {
    parts.push(
      "",
      "> I can fix this one: comment `/agent fix` on the pull request and I will push the change.",
    );
  }
  return parts.join("\n");
}

/**
 * The markdown body of the diagnosis comment for one workflow run, one section per failed job. The caller
 * adds the sticky marker and the length cut (`finalizeComment`); everything here is redacted again.
 */
export function renderDiagnosisReport(items: readonly JobDiagnosis[], options: RenderOptions = {}): string {
  const r = options.redactor ?? { redact };
  const run = options.runUrl
    ? `[${options.workflow ?? "workflow run"}](${options.runUrl})`
    : (options.workflow ?? "The workflow run");
  const count = items.length === 1 ? "1 failed job" : `${items.length} failed jobs`;
  const head = `## CI failure diagnosis\n\n${run} failed: ${count}.`;
  if (items.length === 0) return r.redact(`${head}\n\nNo failed job could be found in this run.`);
  return r.redact([head, ...items.map((item) => section(item, options))].join("\n\n"));
}
