import { redact } from "../redact/index.js";
import type { Redactor } from "../redact/index.js";
import { errorLines, evidenceLines } from "./evidence.js";
import { code } from "./extract.js";
import { SIGNATURES } from "./signatures/index.js";
import type { RepoContext } from "./context.js";
import { weigh, type Candidate } from "./weigh.js";
import { wrapTolerant } from "./wrap.js";
import type { ArgumentSuggester, Diagnosis, DiagnosisCategory, Signature, SignatureInput } from "./types.js";

export interface DiagnoseOptions {
  /** Matches below this confidence do not count (default 0.6). */
  minConfidence?: number;
  redactor?: Pick<Redactor, "redact">;
  /** "Did you mean" for unknown arguments, from the AWS provider schema when the caller has it. */
  suggestArgument?: ArgumentSuggester;
  /** Replaces the built-in knowledge base (tests, experiments). */
  signatures?: readonly Signature[];
  /** The repository and run, when known: fills in facts the log cannot give (trust-policy subjects). */
  repo?: RepoContext;
}

/** Anything with the excerpt's text; a bare string is an excerpt with no step information. */
export type DiagnosisInput = string | { text: string; failingStep?: string | null };

function toInput(input: DiagnosisInput): SignatureInput {
  return typeof input === "string"
    ? { text: input, failingStep: null }
    : { text: input.text, failingStep: input.failingStep ?? null };
}

/**
 * The excerpt, redacted as a whole before any signature reads it: key blocks are seen whole, and every
 * later cut (evidence lines, specifics, quotes) works on text that no longer holds a secret.
 */
function redactedInput(excerpt: DiagnosisInput, r: Pick<Redactor, "redact">): SignatureInput {
  const input = toInput(excerpt);
  return { text: r.redact(input.text), failingStep: input.failingStep ? r.redact(input.failingStep) : null };
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
  const context = { input, suggestArgument: options.suggestArgument, repo: options.repo ?? {} };
  for (const signature of options.signatures ?? SIGNATURES) {
    const match = firstMatch(signature, input.text);
    if (!match) continue;
    const specifics = signature.extract ? signature.extract(match, context) : {};
    if (specifics !== null) found.push({ signature, match, specifics });
  }
  return found;
}

/** Templates may start with a fact ("the call to module …"); what the reader sees starts as a sentence. */
function sentence(text: string): string {
  return /^[a-z]/.test(text) && !/^[a-z]+[:/._-]/.test(text) ? text[0]?.toUpperCase() + text.slice(1) : text;
}

/** A signature that matched, with the log lines that made it match: what the model's fallback is shown. */
export interface CandidateSummary {
  signatureId: string;
  category: DiagnosisCategory;
  title: string;
  confidence: number;
  evidence: string[];
}

function evidenceOf(c: Candidate, text: string): string[] {
  const { signature, match } = c;
  return evidenceLines(
    text,
    match.index,
    match.index + match[0].length,
    signature.evidenceAfter ?? 3,
    signature.evidenceBefore ?? 0,
  );
}

/**
 * Every signature that matches the excerpt, most likely first, whatever its confidence: the LLM fallback
 * gets these as hints when no answer was confident enough. Evidence is redacted.
 */
export function diagnosisCandidates(
  excerpt: DiagnosisInput,
  options: DiagnoseOptions & { limit?: number } = {},
): CandidateSummary[] {
  const input = toInput(excerpt);
  const r = options.redactor ?? { redact };
  return candidates(input, options)
    .sort((a, b) => b.signature.confidence - a.signature.confidence)
    .slice(0, options.limit ?? 3)
    .map((c) => ({
      signatureId: c.signature.id,
      category: c.signature.category,
      title: c.signature.title,
      confidence: c.signature.confidence,
      evidence: evidenceOf(c, input.text).map((line) => r.redact(line)),
    }));
}

/**
 * Diagnoses a log excerpt with the knowledge base alone (no LLM). Returns null when no signature matches
 * with enough confidence; the caller then asks the model or falls back to `unmatchedDiagnosis`.
 * Every text in the result has passed the redactor.
 */
export function diagnose(excerpt: DiagnosisInput, options: DiagnoseOptions = {}): Diagnosis | null {
  const r = options.redactor ?? { redact };
  const input = redactedInput(excerpt, r);
  const weighed = weigh(candidates(input, options));
  // Below the evidence threshold the answer is "not recognised", never a guess dressed as certainty.
  if (!weighed || weighed.confidence < (options.minConfidence ?? 0.6)) return null;
  const { signature, specifics } = weighed.winner;
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(specifics)) clean[key] = r.redact(value);
  const autoFixable =
    typeof signature.autoFixable === "function" ? signature.autoFixable(clean) : signature.autoFixable;
  const evidence = evidenceOf(weighed.winner, input.text);
  return {
    category: signature.category,
    title: r.redact(signature.title),
    rootCause: r.redact(sentence(signature.rootCause(clean))),
    fix: r.redact(sentence(signature.fix(clean))),
    confidence: weighed.confidence,
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
  const input = redactedInput(excerpt, r);
  const context = excerpt;
  const evidence = errorLines(input.text).map((line) => r.redact(line));
  const step = input.failingStep ? `The failing step was ${code(input.failingStep)}. ` : "";
  let seen: string;
  if (context.binary) seen = "The log does not look like text (binary data), so there was nothing to read.";
  else if (context.empty || input.text.trim() === "")
    seen = "The log is empty: the job produced no output to diagnose.";
  else if (evidence.length > 0) seen = `${step}Its first error line was ${code(evidence[0] ?? "")}.`;
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
