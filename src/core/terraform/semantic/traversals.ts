/**
 * References in an expression, read from hcl2json's `"${...}"` text: each traversal's root and the
 * attribute names after it (`aws_s3_bucket.logs[0].arn` → root `aws_s3_bucket`, parts `logs`, `arn`,
 * with `indexAt` saying where an index or splat sat). Names bound by `for` expressions are reported
 * separately so callers can ignore references to them.
 */

export interface Traversal {
  root: string;
  /** Attribute names after the root; an index or splat between two names is recorded in `indexAt`. */
  parts: string[];
  /** Positions in `parts` that came right after an index (`[0]`, `["k"]`) or a splat. */
  indexAt: number[];
  /** The traversal as written, e.g. `var.tags`. */
  text: string;
}

export interface ExpressionScan {
  traversals: Traversal[];
  /** Names bound by `for x in` / `for k, v in` anywhere in the expression. */
  bound: Set<string>;
  /** Function names called. */
  calls: string[];
}

const KEYWORDS = new Set(["for", "in", "if", "true", "false", "null", "endfor", "endif", "else"]);
const isStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isPart = (c: string | undefined): boolean => c !== undefined && /[\w-]/.test(c);

/** Every traversal in a value: strings are scanned for `${...}`; arrays and objects are walked. */
export function scanValue(value: unknown, into: ExpressionScan = emptyScan()): ExpressionScan {
  if (typeof value === "string") scanTemplate(value, 0, into);
  else if (Array.isArray(value)) for (const item of value) scanValue(item, into);
  else if (typeof value === "object" && value !== null)
    for (const [key, item] of Object.entries(value)) {
      // hcl2json keeps an expression used as an object key as "${...}" too.
      if (key.includes("${")) scanTemplate(key, 0, into);
      scanValue(item, into);
    }
  return into;
}

export function emptyScan(): ExpressionScan {
  return { traversals: [], bound: new Set(), calls: [] };
}

/** A template: literal text with `${...}` / `%{...}` sequences; returns the index after it ends. */
function scanTemplate(text: string, start: number, into: ExpressionScan, quoted = false): number {
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (quoted && c === "\\") i += 2;
    else if (quoted && c === '"') return i + 1;
    else if ((c === "$" || c === "%") && text[i + 1] === "{") {
      if (text[i + 2] === "{" && c === "$")
        i += 1; // `$${` is an escape in templates
      else i = scanExpression(text, i + 2, into, "}");
    } else if ((c === "$" || c === "%") && text[i + 1] === c && text[i + 2] === "{") i += 3;
    else i += 1;
  }
  return i;
}

/** An expression up to the unmatched `close`; returns the index after `close`. */
function scanExpression(text: string, start: number, into: ExpressionScan, close: string): number {
  let i = start;
  let previous = "";
  while (i < text.length) {
    const c = text[i] as string;
    if (c === close) return i + 1;
    if (c === '"') {
      i = scanTemplate(text, i + 1, into, true);
      previous = '"';
    } else if (c === "(") i = scanExpression(text, i + 1, into, ")");
    else if (c === "[") i = scanExpression(text, i + 1, into, "]");
    else if (c === "{") i = scanExpression(text, i + 1, into, "}");
    else if (c === "<" && text.startsWith("<<", i)) i = skipHeredoc(text, i, into);
    else if (c === "#" || (c === "/" && text[i + 1] === "/")) i = skipLine(text, i);
    else if (c === "/" && text[i + 1] === "*") i = text.indexOf("*/", i + 2) + 2 || text.length;
    else if (isStart(c) && !/[\w.]/.test(previous) && !/\d/.test(text[i - 1] ?? "")) {
      i = readTraversal(text, i, into, previous);
      previous = "a";
      continue;
    } else i += 1;
    if (!/\s/.test(c)) previous = c;
  }
  return i;
}

function readTraversal(text: string, start: number, into: ExpressionScan, before: string): number {
  let i = start;
  while (isPart(text[i])) i++;
  const root = text.slice(start, i);
  const next = skipSpaces(text, i);
  if (text[next] === "(") {
    into.calls.push(root);
    return next;
  }
  if (text.startsWith("::", i)) return skipProviderFunction(text, i);
  if (root === "for") return readForBindings(text, i, into);
  if (KEYWORDS.has(root)) return i;
  // `key = value` / `key: value` inside an object constructor names a key, not a reference.
  if ((text[next] === "=" && text[next + 1] !== "=") || (text[next] === ":" && before !== "?")) return i;
  const parts: string[] = [];
  const indexAt: number[] = [];
  while (i < text.length) {
    if (text[i] === "." && text[i + 1] === "*") {
      indexAt.push(parts.length);
      i += 2;
    } else if (text[i] === "." && isStart(text[i + 1])) {
      const from = ++i;
      while (isPart(text[i])) i++;
      parts.push(text.slice(from, i));
    } else if (text[i] === "[") {
      indexAt.push(parts.length);
      i = scanExpression(text, i + 1, into, "]");
    } else break;
  }
  into.traversals.push({ root, parts, indexAt, text: text.slice(start, i).replace(/\[[^\]]*\]/g, "[…]") });
  return i;
}

function readForBindings(text: string, start: number, into: ExpressionScan): number {
  const match = /^\s+([A-Za-z_][\w-]*)\s*(?:,\s*([A-Za-z_][\w-]*)\s*)?in\b/.exec(text.slice(start));
  if (match === null) return start;
  into.bound.add(match[1] as string);
  if (match[2] !== undefined) into.bound.add(match[2]);
  return start + match[0].length;
}

function skipProviderFunction(text: string, start: number): number {
  let i = start;
  while (text[i] === ":" || isPart(text[i])) i++;
  return i;
}

function skipHeredoc(text: string, start: number, into: ExpressionScan): number {
  const match = /^<<-?([A-Za-z_]\w*)\n/.exec(text.slice(start));
  if (match === null) return start + 2;
  const body = start + match[0].length;
  const end = new RegExp(`\\n\\s*${match[1]}\\b`).exec(text.slice(body));
  const stop = end === null ? text.length : body + end.index;
  scanTemplate(text.slice(body, stop), 0, into);
  return end === null ? text.length : stop + end[0].length;
}

function skipLine(text: string, start: number): number {
  const end = text.indexOf("\n", start);
  return end === -1 ? text.length : end;
}

function skipSpaces(text: string, start: number): number {
  let i = start;
  while (text[i] === " " || text[i] === "\t") i++;
  return i;
}
