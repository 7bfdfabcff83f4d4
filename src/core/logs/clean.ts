import { redactThenCut } from "../redact/index.js";

/**
 * Line cleaning for GitHub Actions job logs: the runner prefixes every line with an ISO timestamp
 * (seven fractional digits), tools colour their output with ANSI codes, and Terraform draws boxes around
 * its diagnostics. None of that helps a reader or a signature, so it goes before anything else looks.
 */
const TIMESTAMP = /^\uFEFF?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z ?/;
// Colour codes are nearly all simple SGR sequences; the full pattern runs only for what is left.
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;
// CSI sequences (colours, cursor moves) and OSC sequences (hyperlinks, titles).
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
// Control characters other than tab, plus the replacement character left by invalid UTF-8.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/;
const BOX_PREFIX = /^[│┃|] ?/u;
const BOX_ONLY = /^[╷╵]\s*$/u;

export const DEFAULT_MAX_LINE_LENGTH = 1000;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The runner's `2024-05-01T12:00:00.1234567Z ` prefix, checked by position first: this runs per line. */
function stripTimestamp(line: string): string {
  const offset = line.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!isDigit(line.charCodeAt(offset)) || line.charCodeAt(offset + 10) !== 84 /* T */) return line;
  const z = line.indexOf("Z", offset + 19);
  if (z === -1 || z > offset + 40) return line;
  const match = TIMESTAMP.exec(line);
  return match ? line.slice(match[0].length) : line;
}

/**
 * Returns the readable text of one raw log line, or `null` for lines that carry no information
 * (Terraform's box corners). Long lines are cut so one minified blob cannot fill an excerpt.
 */
export function cleanLine(raw: string, maxLength = DEFAULT_MAX_LINE_LENGTH): string | null {
  let line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
  line = stripTimestamp(line);
  if (line.includes("\u001b")) {
    line = line.replace(SGR, "");
    if (line.includes("\u001b")) line = line.replace(ANSI, "");
  }
  if (HAS_CONTROL.test(line)) line = line.replace(CONTROL, "");
  if (BOX_ONLY.test(line)) return null;
  if (line.startsWith("│") || line.startsWith("┃")) line = line.replace(BOX_PREFIX, "");
  line = line.trimEnd();
  // Redacted before the cut: a secret straddling the cut would otherwise leave a tail no pattern knows.
  return line.length > maxLength ? redactThenCut(line, maxLength, { marker: " …[line cut]" }) : line;
}

/** Characters in `text` (up to `limit`) that no text log contains: NUL, stray controls, invalid UTF-8. */
export function countBadChars(text: string, limit = text.length): number {
  let bad = 0;
  const end = Math.min(limit, text.length);
  for (let i = 0; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd || (code < 0x20 && code !== 9 && code !== 10 && code !== 13 && code !== 27)) bad += 1;
  }
  return bad;
}

/**
 * True when a sample of the input is mostly not text. Logs occasionally contain a stray binary line;
 * only a sample that is largely garbage counts.
 */
export function looksBinary(sample: string): boolean {
  return sample.length > 0 && countBadChars(sample) / sample.length > 0.1;
}
