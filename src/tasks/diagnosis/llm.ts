import {
  buildDiagnosisPrompt,
  diagnosisFromAnswer,
  unmatchedDiagnosis,
  type CandidateSummary,
  type Diagnosis,
  type PromptContext,
} from "../../core/diagnosis/index.js";
import type { LogExcerpt } from "../../core/logs/index.js";
import type { TaskContext } from "../types.js";
import type { LlmUse } from "./types.js";

export interface ModelHints {
  /** The knowledge base's own answer when it was not confident: kept if the model cannot do better. */
  known: Diagnosis | null;
  candidates: readonly CandidateSummary[];
  context: PromptContext;
}

/**
 * Asks the model about an excerpt no signature explained with confidence. The excerpt, the candidate
 * signatures with their evidence, and the repository context go in fenced as untrusted data; the answer
 * comes back through the schema, labelled `source: "llm"`. A failed call or a malformed answer falls back
 * to the knowledge base's low-confidence answer, or to saying what was seen, with the reason.
 */
export async function diagnoseWithModel(
  ctx: TaskContext,
  excerpt: LogExcerpt,
  use: LlmUse,
  hints: ModelHints = { known: null, candidates: [], context: {} },
): Promise<Diagnosis> {
  const r = ctx.redactor;
  const llm = ctx.llm;
  const unmatched = hints.known ?? unmatchedDiagnosis(excerpt, { redactor: r });
  if (!llm || !ctx.config.model.enabled) return unmatched;
  if (excerpt.empty || excerpt.binary) return unmatched;
  if (use.calls >= Math.min(ctx.config.budgets.llmCalls, 3)) {
    return withReason(unmatched, "the model budget for this run was already spent on other jobs");
  }
  const prompt = buildDiagnosisPrompt(excerpt, {
    redactor: r,
    candidates: hints.candidates,
    context: hints.context,
  });
  use.calls += 1;
  try {
    const answer = await llm.chat({
      messages: [
        { role: "system", content: prompt.system },
        { role: "user", content: prompt.user },
      ],
    });
    use.promptTokens += answer.usage.promptTokens;
    use.completionTokens += answer.usage.completionTokens;
    return diagnosisFromAnswer(answer.message.content ?? "", excerpt, { redactor: r });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    ctx.log.warn({ err: r.redact(reason), job: ctx.job.id }, "model diagnosis failed");
    return withReason(unmatched, `the model's analysis failed (${r.redact(reason)})`);
  }
}

function withReason(d: Diagnosis, reason: string): Diagnosis {
  // The knowledge base's own (unconfident) answer stands as it is; only the "nothing matched" text says why.
  if (d.signatureId !== null) return d;
  return {
    ...d,
    rootCause: d.rootCause.replace("no model was available to analyse it", reason),
  };
}
