import { createHash } from "node:crypto";
import type { Diagnosis } from "./types.js";

// The specifics that name what failed, most telling first. Volatile facts (lock IDs, times, holders,
// request IDs) are left out so a retried run of the same failure has the same fingerprint.
const SUBJECT_KEYS = [
  "address",
  "argument",
  "block",
  "action",
  "resource",
  "module",
  "test",
  "file",
  "provider",
  "constraint",
  "requirement",
];

function normalise(line: string): string {
  return line
    .toLowerCase()
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
    .replace(/\d+/g, "#")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A short, stable id for "this failure": the same cause on the same thing gives the same id across runs.
 * The auto-fix loop guard counts attempts per branch and fingerprint.
 */
export function diagnosisFingerprint(d: Diagnosis): string {
  const subject = SUBJECT_KEYS.flatMap((key) => (d.specifics[key] ? [`${key}=${d.specifics[key]}`] : []));
  const basis =
    d.signatureId !== null
      ? `sig:${d.signatureId}:${subject.join("|")}`
      : `${d.source}:${d.category}:${normalise(d.evidence[0] ?? d.title)}`;
  return createHash("sha256").update(basis).digest("hex").slice(0, 16);
}
