import type { RepoContext } from "./context.js";

export const DIAGNOSIS_CATEGORIES = [
  "credentials",
  "permissions_iam",
  "state_lock",
  "provider_version",
  "syntax_hcl",
  "invalid_argument",
  "resource_conflict_already_exists",
  "quota_limit",
  "dependency_cycle",
  "network_timeout",
  "python_import",
  "python_test_failure",
  "python_syntax",
  "other",
] as const;

export type DiagnosisCategory = (typeof DIAGNOSIS_CATEGORIES)[number];

/** Facts a signature pulled out of the log (IAM action, lock id, test id…), all plain strings. */
export type Specifics = Readonly<Record<string, string>>;

export interface Diagnosis {
  category: DiagnosisCategory;
  title: string;
  rootCause: string;
  fix: string;
  /** 0..1 */
  confidence: number;
  /** Log lines that show the cause, redacted. */
  evidence: string[];
  source: "signature" | "llm";
  /** The knowledge-base entry that matched; null for LLM answers and the no-match fallback. */
  signatureId: string | null;
  autoFixable: boolean;
  specifics: Specifics;
}

/**
 * Suggests the closest valid argument name for a resource type (from the AWS provider schema), or
 * undefined when it knows none. Passed in so the knowledge base stays free of the schema's loading.
 */
export type ArgumentSuggester = (resourceType: string, argument: string) => string | undefined;

/** What a signature sees: the excerpt text plus the failing step's name. */
export interface SignatureInput {
  text: string;
  failingStep: string | null;
}

export interface SignatureContext {
  input: SignatureInput;
  suggestArgument: ArgumentSuggester | undefined;
  /** The repository and run, when the caller knows them (fills in trust-policy subjects and the like). */
  repo: RepoContext;
}

/**
 * One known failure. `test` finds it; `extract` turns the match into specifics, or returns null to reject
 * a look-alike; `rootCause` and `fix` explain it in words a reviewer can act on.
 */
export interface Signature {
  id: string;
  category: DiagnosisCategory;
  title: string;
  test: readonly RegExp[];
  extract?: (match: RegExpExecArray, context: SignatureContext) => Record<string, string> | null;
  rootCause: (s: Specifics) => string;
  fix: (s: Specifics) => string;
  /** How often this signature's answer is right when it matches (calibrated on the development set). */
  confidence: number;
  /**
   * Only mechanical, safe fixes (lock file, formatting, an argument renamed per schema, a missing
   * package): never IAM, credentials or workflows. The auto-fix gate checks this again.
   */
  autoFixable: boolean | ((s: Specifics) => boolean);
  /** Lines after the matched text that belong in the evidence (default 3). */
  evidenceAfter?: number;
  /** Lines before the matched text that belong in the evidence (default 0). */
  evidenceBefore?: number;
}
