// A Go tokenizer just good enough to walk schema literals in the AWS provider's source: identifiers,
// strings (interpreted and raw), punctuation, and the `// @SDKResource("aws_x")` annotations kept as
// comments. Numbers and operators come out as single punctuation or word tokens, which the walker ignores.

export interface Token {
  kind: "ident" | "string" | "punct" | "comment";
  text: string;
}

const WORD = /[A-Za-z0-9_]/;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
    } else if (source.startsWith("//", i)) {
      const end = source.indexOf("\n", i);
      const stop = end < 0 ? source.length : end;
      tokens.push({ kind: "comment", text: source.slice(i, stop) });
      i = stop;
    } else if (source.startsWith("/*", i)) {
      const end = source.indexOf("*/", i + 2);
      i = end < 0 ? source.length : end + 2;
    } else if (c === '"') {
      let j = i + 1;
      let text = "";
      while (j < source.length && source[j] !== '"') {
        if (source[j] === "\\") {
          text += unescape(source[j + 1] ?? "");
          j += 2;
        } else text += source[j++];
      }
      tokens.push({ kind: "string", text });
      i = j + 1;
    } else if (c === "`") {
      const end = source.indexOf("`", i + 1);
      const stop = end < 0 ? source.length : end;
      tokens.push({ kind: "string", text: source.slice(i + 1, stop) });
      i = stop + 1;
    } else if (c === "'") {
      // A rune literal: skipped whole so that '"' or '{' inside it is not read as a token.
      let j = i + 1;
      while (j < source.length && source[j] !== "'") j += source[j] === "\\" ? 2 : 1;
      i = j + 1;
    } else if (WORD.test(c)) {
      let j = i + 1;
      while (j < source.length && WORD.test(source[j] as string)) j++;
      tokens.push({ kind: "ident", text: source.slice(i, j) });
      i = j;
    } else {
      tokens.push({ kind: "punct", text: c });
      i++;
    }
  }
  return tokens;
}

function unescape(c: string): string {
  return c === "n" ? "\n" : c === "t" ? "\t" : c;
}

/** Index of the token closing the bracket opened at `open` (`{`, `(` or `[`), or the last index. */
export function closing(tokens: readonly Token[], open: number): number {
  const pairs: Record<string, string> = { "{": "}", "(": ")", "[": "]" };
  const opener = tokens[open]?.text ?? "";
  const closer = pairs[opener];
  if (closer === undefined) return open;
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== "punct") continue;
    if (t.text === "{" || t.text === "(" || t.text === "[") depth++;
    else if (t.text === "}" || t.text === ")" || t.text === "]") if (--depth === 0) return i;
  }
  return tokens.length - 1;
}

/**
 * Splits the inside of a bracketed literal (`open` is its bracket) into its top-level elements at commas,
 * as [start, end) index pairs; comments are left out.
 */
export function elements(tokens: readonly Token[], open: number): [number, number][] {
  const end = closing(tokens, open);
  const out: [number, number][] = [];
  let start = open + 1;
  for (let i = open + 1; i < end; i++) {
    const t = tokens[i] as Token;
    if (t.kind === "punct" && (t.text === "{" || t.text === "(" || t.text === "[")) {
      i = closing(tokens, i);
    } else if (t.kind === "punct" && t.text === ",") {
      if (i > start) out.push([start, i]);
      start = i + 1;
    }
  }
  if (end > start) out.push([start, end]);
  return out.map(([a, b]) => trimComments(tokens, a, b)).filter(([a, b]) => b > a);
}

function trimComments(tokens: readonly Token[], a: number, b: number): [number, number] {
  while (a < b && tokens[a]?.kind === "comment") a++;
  while (b > a && tokens[b - 1]?.kind === "comment") b--;
  return [a, b];
}
