import type { ValidationCheck } from "../terraform/checks.js";

/** SARIF's levels, which GitHub annotations map to (`failure`, `warning`, `notice`). */
export type ReviewLevel = "error" | "warning" | "note";

/** Where a finding comes from: the validator, the security table, or the cost table. */
export type ReviewSource = "validator" | "security" | "cost";

/** One rule as SARIF and the check-run summary describe it. */
export interface ReviewRule {
  /** Stable id: `security/…`, `cost/…`, or `validator/<finding code>`. */
  id: string;
  source: ReviewSource;
  /** The default level; a finding may be softer (a public port 443 is a note, not an error). */
  level: ReviewLevel;
  title: string;
  /** Why it matters and how to fix it, one or two sentences. */
  help: string;
}

export interface ReviewFinding {
  ruleId: string;
  source: ReviewSource;
  level: ReviewLevel;
  /** Path relative to the reviewed root, `/`-separated. */
  file: string;
  line: number | null;
  /** `aws_s3_bucket.logs` when the finding is about one resource. */
  address: string | null;
  message: string;
  suggestion: string | null;
}

export type ReviewConclusion = "success" | "neutral" | "failure";

export interface ReviewReport {
  findings: ReviewFinding[];
  /** Rules that produced at least one finding, plus every rule of the tables (for SARIF `rules`). */
  rules: ReviewRule[];
  /** Which checks ran and why the others did not (DESIGN.md §6). */
  checks: ValidationCheck[];
  filesChecked: number;
  /** Files the change touches, relative to the root; null when the whole tree is reviewed. */
  changed: string[] | null;
  /** Judged on the findings in changed files (all files when `changed` is null). */
  conclusion: ReviewConclusion;
}
