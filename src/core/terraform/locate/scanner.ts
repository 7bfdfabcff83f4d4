/**
 * Character-level skipping for HCL native syntax: quoted strings with `${}`/`%{}` templates, heredocs,
 * comments and bracketed expressions. Enough to find where statements start and end, not to evaluate.
 */
export interface Cursor {
  readonly text: string;
  pos: number;
}

const HEREDOC = /<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/y;
const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;

export function isIdentStart(c: string | undefined): boolean {
  return c !== undefined && IDENT_START.test(c);
}

export function readIdent(s: Cursor): string {
  const start = s.pos;
  while (s.pos < s.text.length && IDENT_PART.test(s.text[s.pos] ?? "")) s.pos++;
  return s.text.slice(start, s.pos);
}

/** Skips spaces, comments and (when `newlines`) line breaks. */
export function skipTrivia(s: Cursor, newlines: boolean): void {
  const { text } = s;
  while (s.pos < text.length) {
    const c = text[s.pos];
    const next = text[s.pos + 1];
    if (c === " " || c === "\t" || c === "\r" || c === "\uFEFF" || (newlines && c === "\n")) s.pos++;
    else if (c === "#" || (c === "/" && next === "/")) skipLineComment(s);
    else if (c === "/" && next === "*") skipBlockComment(s);
    else return;
  }
}

function skipLineComment(s: Cursor): void {
  const end = s.text.indexOf("\n", s.pos);
  s.pos = end === -1 ? s.text.length : end;
}

function skipBlockComment(s: Cursor): void {
  const end = s.text.indexOf("*/", s.pos + 2);
  s.pos = end === -1 ? s.text.length : end + 2;
}

/**
 * Skips a quoted string starting at `"`, including templates, which may hold quoted strings of their own.
 * Iterative, so hostile nesting cannot exhaust the stack. Stops at a line break if unterminated.
 */
export function skipQuoted(s: Cursor): void {
  const { text } = s;
  // -1: inside a string; n > 0: inside a `${`/`%{` template at brace depth n.
  const stack: number[] = [-1];
  s.pos++;
  while (s.pos < text.length && stack.length > 0) {
    const c = text[s.pos];
    const next = text[s.pos + 1];
    const top = stack.length - 1;
    if (stack[top] === -1) {
      if (c === "\\") s.pos += 2;
      else if (c === '"') {
        stack.pop();
        s.pos++;
      } else if (c === "\n") return;
      else if ((c === "$" || c === "%") && next === c && text[s.pos + 2] === "{") s.pos += 3;
      else if ((c === "$" || c === "%") && next === "{") {
        stack.push(1);
        s.pos += 2;
      } else s.pos++;
      continue;
    }
    if (c === '"') stack.push(-1);
    else if (c === "{") stack[top] = (stack[top] ?? 0) + 1;
    else if (c === "}" && (stack[top] = (stack[top] ?? 1) - 1) === 0) stack.pop();
    s.pos++;
  }
}

/** Skips a heredoc if one starts here; returns false (and does not move) otherwise. */
function skipHeredoc(s: Cursor): boolean {
  HEREDOC.lastIndex = s.pos;
  const match = HEREDOC.exec(s.text);
  if (!match) return false;
  const marker = match[2] ?? "";
  let lineStart = s.pos + match[0].length;
  while (lineStart < s.text.length) {
    const end = s.text.indexOf("\n", lineStart);
    const lineEnd = end === -1 ? s.text.length : end;
    if (s.text.slice(lineStart, lineEnd).trim() === marker) {
      s.pos = lineEnd;
      return true;
    }
    lineStart = lineEnd + 1;
  }
  s.pos = s.text.length;
  return true;
}

/**
 * Skips an attribute's value: up to a line break outside brackets, or an unmatched `}` (the end of a
 * one-line block such as `lifecycle { prevent_destroy = true }`), which is left for the caller.
 */
export function skipExpression(s: Cursor): void {
  const { text } = s;
  let depth = 0;
  while (s.pos < text.length) {
    const c = text[s.pos];
    const next = text[s.pos + 1];
    if (c === '"') {
      skipQuoted(s);
      continue;
    }
    if (c === "<" && next === "<" && skipHeredoc(s)) continue;
    if (c === "#" || (c === "/" && next === "/")) {
      skipLineComment(s);
      continue;
    }
    if (c === "/" && next === "*") {
      skipBlockComment(s);
      continue;
    }
    if (c === "{" || c === "[" || c === "(") depth++;
    else if (c === "}" || c === "]" || c === ")") {
      if (depth === 0) return;
      depth--;
    } else if (c === "\n" && depth === 0) return;
    s.pos++;
  }
}
