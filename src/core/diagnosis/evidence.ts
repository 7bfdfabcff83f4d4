import { redactThenCut } from "../redact/index.js";

const MAX_EVIDENCE_LINES = 15;
const MAX_EVIDENCE_LINE = 300;

const BLOCK_HEAD = /^(?:Error:|##\[error\]|Traceback \(most recent call last\))/;
const ENDS_EVIDENCE = /^(?:Post job cleanup\.|##\[group\]|\[command\])/;
const LOOK_BACK = 8;

/** Lines are redacted before they are cut, so a cut never leaves half a secret. */
function cutLine(line: string): string {
  return line.length > MAX_EVIDENCE_LINE ? redactThenCut(line, MAX_EVIDENCE_LINE, { marker: "…" }) : line;
}

/** A match inside a wrapped diagnostic reads best from the diagnostic's first line. */
function blockStart(lines: string[], index: number): number {
  for (let i = index; i >= 0 && i >= index - LOOK_BACK; i -= 1) {
    const line = (lines[i] ?? "").trim();
    if (BLOCK_HEAD.test(line)) return i;
    if (line === "") break;
  }
  return index;
}

function lineIndexAt(text: string, offset: number): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) count += 1;
  return count;
}

/**
 * The excerpt lines a match covers, plus `after` following lines: what a reader needs to see the cause
 * without the whole log. Blank lines and gap markers are skipped; lines are cut to a readable length.
 */
export function evidenceLines(text: string, start: number, end: number, after: number, before = 0): string[] {
  const lines = text.split("\n");
  const first = Math.max(0, blockStart(lines, lineIndexAt(text, start)) - before);
  const last = Math.min(lines.length - 1, lineIndexAt(text, Math.max(start, end - 1)) + after);
  const out: string[] = [];
  for (let i = first; i <= last && out.length < MAX_EVIDENCE_LINES; i += 1) {
    const line = (lines[i] ?? "").trim();
    if (i > first && ENDS_EVIDENCE.test(line)) break;
    if (line === "" || /^… \d+ lines? omitted …$/.test(line)) continue;
    out.push(cutLine(line));
  }
  return out;
}

/** The lines that look like errors, for a diagnosis no signature produced. */
export function errorLines(text: string, limit = 8): string[] {
  const out: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (/^(?:##\[error\]|Error\b|ERROR\b|FAILED\b|E\s{2,}|\w+(?:Error|Exception): )/.test(line)) {
      out.push(cutLine(line));
      if (out.length >= limit) break;
    }
  }
  return out;
}
