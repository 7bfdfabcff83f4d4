import { isTerraformJson } from "../files.js";
/** Finds the line where a block is declared: `locate("resource", ["aws_s3_bucket", "logs"])`. */
export type BlockLocator = (section: string, labels: string[]) => number | null;

/**
 * hcl2json drops positions, so the inventory reads block header lines from the source text. In `.tf.json`
 * there are no headers: the line of the last label key, searched in document order, stands in for one.
 */
export function createBlockLocator(path: string, content: string): BlockLocator {
  if (isTerraformJson(path)) return (section, labels) => jsonLine(content, [section, ...labels]);
  let headers: Map<string, number> | undefined;
  return (section, labels) => {
    headers ??= hclHeaders(content);
    return headers.get([section, ...labels].join(".")) ?? null;
  };
}

const HEADER =
  /^[ \t]*(resource|data|module|variable|output|provider)[ \t]+("[^"\n]*"|[\w-]+)(?:[ \t]+("[^"\n]*"|[\w-]+))?[ \t]*\{/gm;

function hclHeaders(content: string): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  let scanned = 0;
  for (const match of content.matchAll(HEADER)) {
    line += countNewlines(content, scanned, match.index);
    scanned = match.index;
    const labels = [match[2], match[3]].filter((label) => label !== undefined).map(unquote);
    const key = [match[1], ...labels].join(".");
    if (!lines.has(key)) lines.set(key, line);
  }
  return lines;
}

function jsonLine(content: string, keys: string[]): number | null {
  let index = 0;
  for (const key of keys) {
    const found = content.indexOf(`${JSON.stringify(key)}`, index);
    if (found === -1) return null;
    index = found + 1;
  }
  return countNewlines(content, 0, index) + 1;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

function unquote(label: string): string {
  return label.startsWith('"') ? label.slice(1, -1) : label;
}
