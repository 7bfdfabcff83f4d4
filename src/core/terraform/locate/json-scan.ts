import type { LineIndex } from "./lines.js";

/** A JSON value with the line each part starts on; enough for locating keys of `.tf.json` files. */
export type JsonValue =
  | { kind: "object"; line: number; entries: { key: string; line: number; value: JsonValue }[] }
  | { kind: "array"; line: number; items: JsonValue[] }
  | { kind: "scalar"; line: number };

const MAX_DEPTH = 64;

/** Reads one JSON value at `pos`; tolerant of malformed input (it returns what it could read). */
export function scanJson(text: string, lines: LineIndex): JsonValue {
  const s = { pos: 0 };
  return value(text, s, lines, 0);
}

function skipSpace(text: string, s: { pos: number }): void {
  while (s.pos < text.length && /[\s\uFEFF]/.test(text[s.pos] ?? "")) s.pos++;
}

function value(text: string, s: { pos: number }, lines: LineIndex, depth: number): JsonValue {
  skipSpace(text, s);
  const line = lines.lineAt(s.pos);
  const c = text[s.pos];
  if (c === "{" && depth < MAX_DEPTH) {
    s.pos++;
    const entries: { key: string; line: number; value: JsonValue }[] = [];
    for (;;) {
      skipSpace(text, s);
      if (text[s.pos] !== '"') break;
      const keyLine = lines.lineAt(s.pos);
      const key = string(text, s);
      skipSpace(text, s);
      if (text[s.pos] !== ":") break;
      s.pos++;
      entries.push({ key, line: keyLine, value: value(text, s, lines, depth + 1) });
      skipSpace(text, s);
      if (text[s.pos] !== ",") break;
      s.pos++;
    }
    if (text[s.pos] === "}") s.pos++;
    return { kind: "object", line, entries };
  }
  if (c === "[" && depth < MAX_DEPTH) {
    s.pos++;
    const items: JsonValue[] = [];
    for (;;) {
      skipSpace(text, s);
      if (text[s.pos] === "]" || s.pos >= text.length) break;
      const start = s.pos;
      items.push(value(text, s, lines, depth + 1));
      skipSpace(text, s);
      if (text[s.pos] === ",") s.pos++;
      else if (s.pos === start || text[s.pos] !== "]") break;
    }
    if (text[s.pos] === "]") s.pos++;
    return { kind: "array", line, items };
  }
  if (c === '"') string(text, s);
  else scalar(text, s);
  return { kind: "scalar", line };
}

function string(text: string, s: { pos: number }): string {
  const start = s.pos;
  s.pos++;
  while (s.pos < text.length && text[s.pos] !== '"') s.pos += text[s.pos] === "\\" ? 2 : 1;
  s.pos++;
  try {
    return JSON.parse(text.slice(start, s.pos)) as string;
  } catch {
    return text.slice(start + 1, s.pos - 1);
  }
}

function scalar(text: string, s: { pos: number }): void {
  const start = s.pos;
  while (s.pos < text.length && /[^\s,\]}]/.test(text[s.pos] ?? "")) s.pos++;
  // A stray character that is not a scalar either: step over it so scanning always advances.
  if (s.pos === start && s.pos < text.length) s.pos++;
}
