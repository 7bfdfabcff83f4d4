import type { Cursor } from "./scanner.js";
import { isIdentStart, readIdent, skipExpression, skipQuoted, skipTrivia } from "./scanner.js";
import { createLineIndex, type LineIndex } from "./lines.js";
import type { LocatedFile, LocatedNode } from "./types.js";

// Deeper nesting than any real configuration; stops hostile input from exhausting the stack.
const MAX_DEPTH = 64;

/** Outlines a `.tf` file: every attribute and block with its line, labels and nested content. */
export function locateHcl(text: string): LocatedFile {
  const cursor: Cursor = { text, pos: 0 };
  return { nodes: parseBody(cursor, createLineIndex(text), 0) };
}

function parseBody(s: Cursor, lines: LineIndex, depth: number): LocatedNode[] {
  const nodes: LocatedNode[] = [];
  while (s.pos < s.text.length) {
    skipTrivia(s, true);
    const c = s.text[s.pos];
    if (c === undefined) break;
    if (c === "}") {
      s.pos++;
      if (depth > 0) return nodes;
      continue;
    }
    if (!isIdentStart(c)) {
      // Not a statement start (malformed input): skip the rest of the line and carry on.
      skipExpression(s);
      if (s.text[s.pos] === "}" || s.text[s.pos] === "]" || s.text[s.pos] === ")") s.pos++;
      continue;
    }
    const line = lines.lineAt(s.pos);
    const name = readIdent(s);
    skipTrivia(s, false);
    if (s.text[s.pos] === "=" && s.text[s.pos + 1] !== "=") {
      s.pos++;
      skipExpression(s);
      nodes.push({ kind: "attribute", name, labels: [], line, children: [] });
      continue;
    }
    const labels = readLabels(s);
    if (s.text[s.pos] === "{") {
      s.pos++;
      const children = depth < MAX_DEPTH ? parseBody(s, lines, depth + 1) : skipBlock(s);
      nodes.push({ kind: "block", name, labels, line, children });
    } else {
      skipExpression(s);
    }
  }
  return nodes;
}

function readLabels(s: Cursor): string[] {
  const labels: string[] = [];
  for (;;) {
    skipTrivia(s, false);
    const c = s.text[s.pos];
    if (c === '"') {
      const start = s.pos;
      skipQuoted(s);
      labels.push(unquote(s.text.slice(start, s.pos)));
    } else if (isIdentStart(c)) labels.push(readIdent(s));
    else return labels;
  }
}

function unquote(quoted: string): string {
  const inner = quoted.endsWith('"') && quoted.length > 1 ? quoted.slice(1, -1) : quoted.slice(1);
  return inner.replace(/\\(.)/g, "$1");
}

/** Past the depth limit: consume the block without outlining it. */
function skipBlock(s: Cursor): LocatedNode[] {
  let depth = 1;
  while (s.pos < s.text.length && depth > 0) {
    skipExpression(s);
    const c = s.text[s.pos];
    if (c === "}") depth--;
    else if (c === "{") depth++;
    if (c !== undefined) s.pos++;
  }
  return [];
}
