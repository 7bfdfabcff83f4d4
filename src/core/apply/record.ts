import { z } from "zod";
import { hiddenRecord } from "../text/hidden-record.js";

/**
 * What a successful plan run records for a later apply: the commit and root it planned, the run that holds
 * the saved plan file as an artifact, and the SHA-256 of that file. The Action writes it as a hidden line
 * in its own plan comment; the app and the apply mode believe it only from the Action's own account.
 */
export const PlanRecordSchema = z
  .object({
    v: z.literal(1),
    root: z.string().min(1).max(200),
    sha: z.string().regex(/^[0-9a-f]{40}$/, "a 40-character commit SHA"),
    runId: z.number().int().positive(),
    runAttempt: z.number().int().positive(),
    planSha256: z.string().regex(/^[0-9a-f]{64}$/, "a SHA-256 in hex"),
    /** Artifact name and the file inside it. */
    artifact: z.string().regex(/^[\w.-]{1,100}$/),
    file: z.string().regex(/^[\w.-]{1,200}$/),
    /** ISO time the plan finished. */
    at: z.string().max(40),
  })
  .strict();

export type PlanRecord = z.infer<typeof PlanRecordSchema>;

const RECORD = hiddenRecord("plan-record", PlanRecordSchema);

/** The hidden line (core/text/hidden-record: escaped so no value can end the comment early). */
export function renderPlanRecord(record: PlanRecord): string {
  return RECORD.render(record);
}

/** The record in a comment body, or null when it has none or a malformed one. */
export function readPlanRecord(body: string): PlanRecord | null {
  return RECORD.read(body);
}

/** The plan file's name inside the artifact, from its root (the same slug the Action uses). */
export function planFileName(root: string): string {
  return `${root.replace(/[^\w.-]+/g, "_") || "root"}.tfplan`;
}

export const PLAN_ARTIFACT = "devops-agent-plan";
