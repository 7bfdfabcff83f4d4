import type { AgentResult } from "../../agent/index.js";
import { inlineCode } from "../../core/text/markdown.js";

/** Why no PR was opened: the agent's questions, its validation findings, and any refused writes. */
export function notDeliveredMessage(result: AgentResult): string {
  const questions = result.questions ?? [];
  const findings = result.validation.findings.map(
    (f) =>
      `- ${inlineCode(`${f.file}${f.line === null ? "" : `:${f.line}`}`)} ${inlineCode(f.code)}: ${f.message}${f.suggestion ? ` (did you mean ${inlineCode(f.suggestion)}?)` : ""}`,
  );
  return [
    `I did not open a pull request: ${result.reason ?? "the change did not validate"}.`,
    ...(questions.length
      ? [
          "",
          "Before I change anything:",
          "",
          ...questions.map((q) => `- ${q}`),
          "",
          "Answer with a new `/agent …` comment.",
        ]
      : []),
    ...(findings.length ? ["", "What the offline checks found:", "", ...findings] : []),
    ...(result.refusals.length
      ? ["", "Refused writes:", "", ...result.refusals.map((r) => `- ${inlineCode(r.path)} (${r.reason})`)]
      : []),
    ...(questions.length ? [] : ["", result.summary.trim()]),
  ].join("\n");
}
