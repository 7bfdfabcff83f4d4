/**
 * Just enough structure over canonical (`terraform fmt`) HCL to edit the top-level blocks the agent wrote:
 * a top-level block opens on a line at column 0 ending in `{` and closes at the next `}` at column 0
 * outside heredocs. Lessons run only on text the validator has just accepted as canonical, and the result
 * is formatted and validated again, so anything this reading gets wrong is caught, not shipped.
 */
export interface TopBlock {
  kind: string;
  labels: string[];
  /** Line indexes (0-based) of the header and the closing brace. */
  start: number;
  end: number;
}

const HEADER = /^([a-z_]+)((?:\s+"[^"]*")*)\s*\{\s*(\}?)\s*$/;
const HEREDOC = /<<-?([A-Za-z_][A-Za-z0-9_]*)\s*$/;

export function topBlocks(lines: readonly string[]): TopBlock[] {
  const out: TopBlock[] = [];
  let open: TopBlock | null = null;
  let heredoc: string | null = null;
  lines.forEach((line, index) => {
    if (heredoc !== null) {
      if (line.trim() === heredoc) heredoc = null;
      return;
    }
    const doc = HEREDOC.exec(line);
    if (doc?.[1]) {
      heredoc = doc[1];
      return;
    }
    if (open === null) {
      const header = HEADER.exec(line);
      if (!header?.[1]) return;
      const labels = [...(header[2] ?? "").matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? "");
      const block: TopBlock = { kind: header[1], labels, start: index, end: index };
      if (header[3] === "}") out.push(block);
      else open = block;
      return;
    }
    if (line === "}") {
      out.push({ ...open, end: index });
      open = null;
    }
  });
  return out;
}

const ATTRIBUTE = /^ {2}([a-z_][a-z0-9_]*)\s*=\s*(.*)$/;
const LITERAL = /^(?:"(?:[^"\\$%]|\\.)*"|-?\d+(?:\.\d+)?|true|false)$/;

/** Line index of a depth-1 argument of the block, and whether its value is a one-line literal. */
export function findArgument(
  lines: readonly string[],
  block: TopBlock,
  name: string,
): { line: number; literal: boolean } | null {
  let depth = 0;
  for (let i = block.start + 1; i < block.end; i += 1) {
    const line = lines[i] ?? "";
    if (depth === 0) {
      const match = ATTRIBUTE.exec(line);
      if (match?.[1] === name) return { line: i, literal: LITERAL.test((match[2] ?? "").trim()) };
    }
    depth += count(line, /[{[(]/g) - count(line, /[}\])]/g);
  }
  return null;
}

/** The depth-1 arguments of a block with one-line values, in order: `name → expression text`. */
export function simpleArguments(lines: readonly string[], block: TopBlock): Map<string, string> {
  const out = new Map<string, string>();
  let depth = 0;
  for (let i = block.start + 1; i < block.end; i += 1) {
    const line = lines[i] ?? "";
    if (depth === 0) {
      const match = ATTRIBUTE.exec(line);
      const value = (match?.[2] ?? "").trim();
      if (match?.[1] && balanced(value)) out.set(match[1], value);
    }
    depth += count(line, /[{[(]/g) - count(line, /[}\])]/g);
  }
  return out;
}

function balanced(text: string): boolean {
  return count(text, /[{[(]/g) === count(text, /[}\])]/g);
}

function count(text: string, pattern: RegExp): number {
  // Brackets inside string literals do not nest.
  return (text.replace(/"(?:[^"\\]|\\.)*"/g, '""').match(pattern) ?? []).length;
}

/** An HCL literal for a lesson value: strings quoted and escaped, templates made literal. */
export function literal(value: string | number | boolean): string {
  if (typeof value !== "string") return String(value);
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$\{/g, "$${").replace(/%\{/g, "%%{")}"`;
}
