import { redact } from "../redact/index.js";
import { PlanParseError } from "./errors.js";

/** Byte range of one top-level member's value. */
export interface Span {
  start: number;
  end: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const WHITESPACE = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) WHITESPACE[c] = 1;
// Bytes that may form a number or a literal (true, false, null).
const SCALAR = new Uint8Array(256);
for (const c of "0123456789-+.eEtrufalsn") SCALAR[c.charCodeAt(0)] = 1;

/**
 * Finds where each top-level member of a JSON object starts and ends without building it, so a large plan
 * only pays for the sections we read (`prior_state`, `planned_values` and `configuration` are skipped).
 * Skipped values are checked for structure: balanced brackets, closed strings, no stray bytes.
 */
export function scanTopLevel(b: Buffer): Map<string, Span> {
  const members = new Map<string, Span>();
  let pos = skipWhitespace(b, 0);
  if (pos >= b.length) throw new PlanParseError("not JSON: the input is empty");
  if (b[pos] !== OPEN_BRACE) throw notAnObject(b, pos);
  pos = skipWhitespace(b, pos + 1);
  if (b[pos] === CLOSE_BRACE) return finish(b, pos + 1, members);
  for (;;) {
    if (pos >= b.length) throw truncated();
    if (b[pos] !== QUOTE) throw notJson(b, pos, "expected a member name");
    const keyEnd = skipString(b, pos);
    const key = parseKey(b, pos, keyEnd);
    pos = skipWhitespace(b, keyEnd);
    if (pos >= b.length) throw truncated();
    if (b[pos] !== COLON) throw notJson(b, pos, "expected ':'");
    const start = skipWhitespace(b, pos + 1);
    const end = skipValue(b, start);
    members.set(key, { start, end });
    pos = skipWhitespace(b, end);
    if (pos >= b.length) throw truncated();
    if (b[pos] === CLOSE_BRACE) return finish(b, pos + 1, members);
    if (b[pos] !== COMMA) throw notJson(b, pos, "expected ',' or '}'");
    pos = skipWhitespace(b, pos + 1);
  }
}

function finish(b: Buffer, pos: number, members: Map<string, Span>): Map<string, Span> {
  const rest = skipWhitespace(b, pos);
  if (rest < b.length) throw notJson(b, rest, "unexpected data after the top-level object");
  return members;
}

function skipWhitespace(b: Buffer, pos: number): number {
  let i = pos;
  while (i < b.length && WHITESPACE[b[i] ?? 0] === 1) i += 1;
  return i;
}

function skipString(b: Buffer, open: number): number {
  let from = open + 1;
  for (;;) {
    const quote = b.indexOf(QUOTE, from);
    if (quote === -1) throw truncated();
    let slashes = 0;
    for (let k = quote - 1; k > open && b[k] === BACKSLASH; k -= 1) slashes += 1;
    if (slashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** Returns the end (exclusive) of the value starting at `pos`, iteratively so deep nesting cannot overflow. */
function skipValue(b: Buffer, pos: number): number {
  const closers: number[] = [];
  let i = pos;
  for (;;) {
    if (i >= b.length) throw truncated();
    const c = b[i] ?? 0;
    if (c === QUOTE) {
      i = skipString(b, i);
      if (closers.length === 0) return i;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      closers.push(c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET);
      i += 1;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (closers.pop() !== c) throw notJson(b, i, `unexpected '${String.fromCharCode(c)}'`);
      i += 1;
      if (closers.length === 0) return i;
    } else if (closers.length > 0 && (WHITESPACE[c] === 1 || c === COMMA || c === COLON)) {
      i += 1;
    } else if (SCALAR[c] === 1) {
      while (i < b.length && SCALAR[b[i] ?? 0] === 1) i += 1;
      if (closers.length === 0) {
        if (i >= b.length) throw truncated();
        return i;
      }
    } else {
      throw notJson(b, i, "unexpected character");
    }
  }
}

function parseKey(b: Buffer, start: number, end: number): string {
  try {
    return JSON.parse(b.toString("utf8", start, end)) as string;
  } catch {
    throw notJson(b, start, "invalid member name");
  }
}

function truncated(): PlanParseError {
  return new PlanParseError(
    "truncated JSON: the file ends in the middle of the plan (was the write cut short?)",
  );
}

function notJson(b: Buffer, pos: number, what: string): PlanParseError {
  return new PlanParseError(`not JSON: ${what} at byte ${pos}${near(b, pos)}`);
}

function notAnObject(b: Buffer, pos: number): PlanParseError {
  const c = b[pos] ?? 0;
  if (b[pos] === 0x50 && b[pos + 1] === 0x4b) {
    return new PlanParseError(
      "this is a binary plan file; convert it first: terraform show -json tfplan > plan.json",
    );
  }
  const start = b.toString("latin1", pos, pos + 5);
  if (c === OPEN_BRACKET || c === QUOTE || /^(-|\d|true|false|null)/.test(start)) {
    return new PlanParseError("not a Terraform plan: the JSON is not an object");
  }
  return new PlanParseError(`not JSON: the input starts with ${JSON.stringify(excerpt(b, pos))}`);
}

/** A short, printable excerpt so the user can recognise what they passed (an error message, HTML...). */
function excerpt(b: Buffer, pos: number): string {
  // Redact a wider window before cutting, so a secret that straddles the cut is still recognised.
  const text = redact(b.toString("utf8", pos, Math.min(b.length, pos + 400)).replace(/[^\x20-\x7e]+/g, " "));
  return text.slice(0, 40).trim();
}

function near(b: Buffer, pos: number): string {
  const text = excerpt(b, pos);
  return text === "" ? "" : ` near ${JSON.stringify(text)}`;
}
