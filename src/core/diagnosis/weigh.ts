import type { DiagnosisCategory, Signature, Specifics } from "./types.js";

export interface Candidate {
  signature: Signature;
  match: RegExpExecArray;
  specifics: Specifics;
}

/**
 * When two categories both match one log, the first explains the second (never the reverse):
 * - bad, expired or missing credentials make later calls look denied, and granting access cannot help;
 * - a block written as an argument (or the reverse) also reports the argument missing or the block unknown;
 * - throttling arrives wrapped in validation errors, and a rate limit is not a bad parameter;
 * - a locked state makes everything after it fail; so does a provider that could not be installed.
 */
const PRECEDENCE: readonly (readonly [DiagnosisCategory, DiagnosisCategory])[] = [
  ["credentials", "permissions_iam"],
  ["credentials", "network_timeout"],
  ["syntax_hcl", "invalid_argument"],
  ["quota_limit", "invalid_argument"],
  ["state_lock", "permissions_iam"],
  ["provider_version", "invalid_argument"],
  ["dependency_cycle", "invalid_argument"],
  ["python_syntax", "python_test_failure"],
  ["python_import", "python_test_failure"],
];

function explains(a: DiagnosisCategory, b: DiagnosisCategory): boolean {
  return PRECEDENCE.some(([winner, loser]) => winner === a && loser === b);
}

// Two unrelated causes within this much of the winner's confidence make the answer a coin toss: say so.
const AMBIGUOUS_WITHIN = 0.05;
const AMBIGUOUS_CAP = 0.7;

export interface Weighed {
  winner: Candidate;
  confidence: number;
  /** Other causes the log also shows, most likely first (for the model's fallback and the reader). */
  others: Candidate[];
}

/**
 * Picks the cause from every candidate in the excerpt: drop candidates another category explains, then
 * the most confident; between equals, the one earlier in the log (the first error is the cause). The
 * winner's confidence drops when an unrelated cause is about as likely.
 */
export function weigh(found: readonly Candidate[]): Weighed | null {
  const standing = found.filter(
    (c) =>
      !found.some(
        (o) =>
          o !== c &&
          o.signature.category !== c.signature.category &&
          explains(o.signature.category, c.signature.category),
      ),
  );
  const ranked = [...standing].sort(
    (a, b) => b.signature.confidence - a.signature.confidence || a.match.index - b.match.index,
  );
  const winner = ranked[0];
  if (!winner) return null;
  const rival = ranked.find(
    (c) =>
      c.signature.category !== winner.signature.category &&
      c.signature.confidence >= winner.signature.confidence - AMBIGUOUS_WITHIN,
  );
  const confidence = rival
    ? Math.min(winner.signature.confidence, AMBIGUOUS_CAP)
    : winner.signature.confidence;
  const others = [...found]
    .filter((c) => c !== winner)
    .sort((a, b) => b.signature.confidence - a.signature.confidence);
  return { winner, confidence, others };
}
