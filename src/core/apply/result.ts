import { z } from "zod";
import { hiddenRecord } from "../text/hidden-record.js";

/**
 * How an apply run ended, as the Action's apply mode records it in the plan comment's apply section (a hidden
 * line beside the visible text), so the app can finish its own tracking comment without parsing prose.
 */
export const ApplyResultSchema = z
  .object({
    v: z.literal(1),
    runId: z.number().int().positive(),
    root: z.string().min(1).max(200),
    stage: z.enum(["refused", "applying", "applied", "failed"]),
    /** The apply summary, the failed step's first error line, or the refusal's reason (one line, bounded). */
    detail: z.string().max(500),
    /** The failed step: `credentials`, `terraform apply`… */
    step: z.string().max(60).optional(),
    /** The saved plan no longer matched the state. */
    stale: z.boolean().optional(),
  })
  .strict();

export type ApplyResult = z.infer<typeof ApplyResultSchema>;

const RESULT = hiddenRecord("apply-result", ApplyResultSchema);

/** The first non-empty line, bounded: what fits in a one-line record. */
export function firstLine(text: string, max = 500): string {
  const line = text.split("\n").find((l) => l.trim() !== "") ?? "";
  return line.trim().slice(0, max);
}

export function renderApplyResult(result: ApplyResult): string {
  return RESULT.render(result);
}

export function readApplyResult(body: string): ApplyResult | null {
  return RESULT.read(body);
}
