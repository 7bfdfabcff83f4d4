/**
 * What makes a cleaned log line worth keeping. Kept as data so a new tool's error shape is one entry.
 * Patterns are anchored or keyed on distinctive words: a loose `error` would flood the excerpt with
 * lines like "0 errors found".
 */
const ANCHORED: readonly string[] = [
  String.raw`##\[error\]`,
  String.raw`(?:Error|ERROR|FATAL|Fatal|fatal|error)(?:\[[^\]]*\])?:? \S`,
  String.raw`E {2,}\S`, // pytest assertion detail
  String.raw`(?:FAILED|FAIL:|ERROR:?) \S`,
  String.raw`=+ (?:FAILURES|ERRORS) =+$`,
  String.raw`[A-Za-z_][\w.]*(?:Error|Exception|Exit): `,
  String.raw`\S+\.py:\d+:(?:\d+:)? `, // flake8, ruff (concise), mypy
  String.raw`\s*--> \S+:\d+:\d+$`, // ruff (full)
  String.raw`would reformat `,
  String.raw`npm ERR! `,
  String.raw`Lock Info:`,
];

const KEYWORDS: readonly string[] = [
  String.raw`Traceback \(most recent call last\)`,
  String.raw`\b(?:AccessDenied|UnauthorizedOperation|ExpiredToken|InvalidClientTokenId|is not authorized to perform)\b`,
  String.raw`\b(?:LimitExceeded|ServiceQuotaExceeded|Throttling|TooManyBuckets)`,
  String.raw`\b(?:i\/o timeout|dial tcp|Read timed out|Connection reset by peer|TLS handshake timeout)\b`,
  String.raw`No space left on device`,
];

// Two regexes, not one: an alternation that mixes anchored and free patterns is tried at every position
// of every line, and this runs on every line of logs that can reach hundreds of megabytes.
const ANCHORED_RE = new RegExp(`^(?:${ANCHORED.join("|")})`);
const KEYWORDS_RE = new RegExp(KEYWORDS.join("|"));

export function isInteresting(line: string): boolean {
  return ANCHORED_RE.test(line) || KEYWORDS_RE.test(line);
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
