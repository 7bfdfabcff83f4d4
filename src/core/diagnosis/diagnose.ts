import { redact } from "../redact/index.js";
import type { Redactor } from "../redact/index.js";
import { errorLines, evidenceLines } from "./evidence.js";
import { SIGNATURES } from "./signatures/index.js";
import { wrapTolerant } from "./wrap.js";
import type { ArgumentSuggester, Diagnosis, Signature, SignatureInput, Specifics } from "./types.js";

export interface DiagnoseOptions {
  /** Matches below this confidence do not count (default 0.6). */
  minConfidence?: number;
  redactor?: Pick<Redactor, "redact">;
  /** "Did you mean" for unknown arguments, from the AWS provider schema when the caller has it. */
  suggestArgument?: ArgumentSuggester;
  /** Replaces the built-in knowledge base (tests, experiments). */
  signatures?: readonly Signature[];
}

/** Anything with the excerpt's text; a bare string is an excerpt with no step information. */
export type DiagnosisInput = string | { text: string; failingStep?: string | null };

interface Candidate {
  signature: Signature;
  match: RegExpExecArray;
  specifics: Specifics;
}

function toInput(input: DiagnosisInput): SignatureInput {
  return typeof input === "string"
    ? { text: input, failingStep: null }
    : { text: input.text, failingStep: input.failingStep ?? null };
}

function firstMatch(signature: Signature, text: string): RegExpExecArray | null {
  let best: RegExpExecArray | null = null;
  for (const pattern of signature.test) {
    const match = wrapTolerant(pattern).exec(text);
    if (match && (best === null || match.index < best.index)) best = match;
  }
  return best;
}

function candidates(input: SignatureInput, options: DiagnoseOptions): Candidate[] {
  const found: Candidate[] = [];
  const min = options.minConfidence ?? 0.6;
  for (const signature of options.signatures ?? SIGNATURES) {
    if (signature.confidence < min) continue;
    const match = firstMatch(signature, input.text);
    if (!match) continue;
    const specifics = signature.extract
      ? signature.extract(match, { input, suggestArgument: options.suggestArgument })
      : {};
    if (specifics !== null) found.push({ signature, match, specifics });
  }
  return found;
}

/** The most confident match wins; between equals, the earlier one in the log (the first error is the cause). */
function best(found: Candidate[]): Candidate | undefined {
  return [...found].sort(
    (a, b) => b.signature.confidence - a.signature.confidence || a.match.index - b.match.index,
  )[0];
}

/**
 * Diagnoses a log excerpt with the knowledge base alone (no LLM). Returns null when no signature matches
 * with enough confidence; the caller then asks the model or falls back to `unmatchedDiagnosis`.
 * Every text in the result has passed the redactor.
 */
export function diagnose(excerpt: DiagnosisInput, options: DiagnoseOptions = {}): Diagnosis | null {
  const input = toInput(excerpt);
  const winner = best(candidates(input, options));
  if (!winner) return null;
  const { signature, match, specifics } = winner;
  const r = options.redactor ?? { redact };
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(specifics)) clean[key] = r.redact(value);
  const autoFixable =
    typeof signature.autoFixable === "function" ? signature.autoFixable(clean) : signature.autoFixable;
  const evidence = evidenceLines(
    input.text,
    match.index,
    match.index + match[0].length,
    signature.evidenceAfter ?? 3,
    signature.evidenceBefore ?? 0,
  );
  return {
    category: signature.category,
    title: r.redact(signature.title),
    rootCause: r.redact(signature.rootCause(clean)),
    fix: r.redact(signature.fix(clean)),
    confidence: signature.confidence,
    evidence: evidence.map((line) => r.redact(line)),
    source: "signature",
    signatureId: signature.id,
    autoFixable,
    specifics: clean,
  };
}

export interface UnmatchedInput {
  text: string;
  failingStep?: string | null;
  empty?: boolean;
  binary?: boolean;
}

/** What to say when neither a signature nor a model explains the failure: what was seen, honestly. */
export function unmatchedDiagnosis(
  excerpt: UnmatchedInput,
  options: Pick<DiagnoseOptions, "redactor"> = {},
): Diagnosis {
  const r = options.redactor ?? { redact };
  const input = toInput(excerpt);
  const context = excerpt;
  const evidence = errorLines(input.text).map((line) => r.redact(line));
  const step = input.failingStep ? `The failing step was "${input.failingStep}". ` : "";
  let seen: string;
  if (context.binary) seen = "The log does not look like text (binary data), so there was nothing to read.";
  else if (context.empty || input.text.trim() === "")
    seen = "The log is empty: the job produced no output to diagnose.";
  else if (evidence.length > 0) seen = `${step}Its first error line was: "${evidence[0] ?? ""}".`;
  else seen = `${step}It printed no recognisable error line.`;
  return {
    category: "other",
    title: "Unrecognised failure",
    rootCause: r.redact(
      `${seen} No known failure signature matched, and no model was available to analyse it.`,
    ),
    fix: "Read the evidence lines and the failing step's full log. If this failure recurs, add a signature for it to the knowledge base.",
    confidence: 0,
    evidence,
    source: "signature",
    signatureId: null,
    autoFixable: false,
    specifics: {},
  };
}
