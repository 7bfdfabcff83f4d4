/**
 * What makes a cleaned log line worth keeping. Kept as data so a new tool's error shape is one entry.
 * Patterns are anchored or keyed on distinctive words: a loose `error` would flood the excerpt with
 * lines like "0 errors found".
 */
const INTERESTING_PATTERNS: readonly RegExp[] = [
  /^##\[error\]/,
  /^(?:Error|ERROR|FATAL|Fatal|fatal|error)(?:\[[^\]]*\])?:? \S/,
  /Traceback \(most recent call last\)/,
  /^E {2,}\S/, // pytest assertion detail
  /^(?:FAILED|FAIL:|ERROR:?) \S/,
  /^=+ (?:FAILURES|ERRORS) =+$/,
  /^[A-Za-z_][\w.]*(?:Error|Exception|Exit): /,
  /\b(?:AccessDenied|UnauthorizedOperation|ExpiredToken|InvalidClientTokenId|is not authorized to perform)\b/,
  /\b(?:LimitExceeded|ServiceQuotaExceeded|Throttling|TooManyBuckets)\w*/,
  /\b(?:i\/o timeout|dial tcp|Read timed out|Connection reset by peer|TLS handshake timeout)\b/,
  /^\S+\.py:\d+:(?:\d+:)? /, // flake8, ruff (concise), mypy
  /^\s*--> \S+:\d+:\d+$/, // ruff (full)
  /^would reformat /,
  /^npm ERR! /,
  /No space left on device/,
  /^Lock Info:/,
];

const COMBINED = new RegExp(INTERESTING_PATTERNS.map((p) => `(?:${p.source})`).join("|"));

export function isInteresting(line: string): boolean {
  return COMBINED.test(line);
}

/** The runner's own verdict on a step; the real cause is usually in the lines just before it. */
export function isStepVerdict(line: string): boolean {
  return line.startsWith("##[error]Process completed with exit code");
}

export function isRunnerError(line: string): boolean {
  return line.startsWith("##[error]");
}

const STEP_GROUP = /^##\[group\]Run (.+)$/;

/** The step name when `line` opens a step (`##[group]Run terraform plan`), otherwise null. */
export function stepStart(line: string): string | null {
  const match = STEP_GROUP.exec(line);
  return match?.[1] ? match[1].trim() : null;
}

export function isGroupEnd(line: string): boolean {
  return line === "##[endgroup]";
}
