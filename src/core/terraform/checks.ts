import type { Finding } from "./types.js";

/**
 * One layer of validation as reported to users (DESIGN.md §6): what ran, against which version, and why a
 * layer did not run. Outputs list every layer, so "validated" never hides a check that was skipped.
 */
export interface ValidationCheck {
  /** Stable name: `offline-schema`, `terraform-validate`, `policy`, `python-compile`, `python-tests`. */
  name: string;
  /** What the check ran with (`hashicorp/aws 5.100.0`, `terraform 1.11.4`), null when unknown. */
  version: string | null;
  ran: boolean;
  /** What it checked against, or why it did not run. */
  why: string;
  /** Whether it passed; null when it did not run. */
  ok: boolean | null;
}

/** A change is valid only when no finding is an error and no check that ran failed. */
export function overallOk(findings: readonly Finding[], checks: readonly ValidationCheck[]): boolean {
  return !findings.some((f) => f.severity === "error") && !checks.some((c) => c.ran && c.ok === false);
}

/** One line per check, for the PR body and the CLI: `✅ offline-schema (hashicorp/aws 5.100.0): ...`. */
export function checkLines(checks: readonly ValidationCheck[]): string[] {
  return checks.map((c) => {
    const mark = !c.ran ? "⏭️ not run" : c.ok ? "✅ passed" : "❌ failed";
    const version = c.version === null ? "" : ` (${c.version})`;
    return `${mark}: ${c.name}${version} — ${c.why}`;
  });
}
