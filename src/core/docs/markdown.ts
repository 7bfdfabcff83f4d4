import type { DocSection } from "./types.js";

export interface MarkdownBlock {
  level: number;
  heading: string;
  /** Headings from the top of the document down to this one, joined with " > ". */
  path: string;
  body: string;
}

const HEADING = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;

/** Splits markdown on ATX headings, ignoring `#` lines inside fenced code. Never throws on malformed input. */
export function splitMarkdown(markdown: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  const stack: string[] = [];
  let current: MarkdownBlock = { level: 0, heading: "", path: "", body: "" };
  let fence: string | undefined;
  const lines: string[] = [];
  const flush = (): void => {
    current.body = lines.join("\n").trim();
    lines.length = 0;
    if (current.body !== "" || current.level > 0) blocks.push(current);
  };
  for (const line of markdown.split(/\r?\n/)) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch?.[1] !== undefined) {
      const marker = fenceMatch[1];
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      lines.push(line);
      continue;
    }
    const heading = fence === undefined ? HEADING.exec(line) : null;
    if (heading?.[1] === undefined || heading[2] === undefined) {
      lines.push(line);
      continue;
    }
    flush();
    const level = heading[1].length;
    const text = heading[2].trim();
    stack.length = Math.min(stack.length, level - 1);
    while (stack.length < level - 1) stack.push("");
    stack.push(text);
    current = { level, heading: text, path: stack.filter((h) => h !== "").join(" > "), body: "" };
  }
  flush();
  return blocks;
}

/** Cuts `text` into pieces of at most `maxBytes` at paragraph or line boundaries, so each ranks on its own. */
export function chunkText(text: string, maxBytes: number): string[] {
  if (Buffer.byteLength(text) <= maxBytes) return [text];
  const pieces: string[] = [];
  let piece: string[] = [];
  let pieceBytes = 0;
  for (const line of text.split("\n")) {
    const lineBytes = Buffer.byteLength(line);
    const added = piece.length === 0 ? lineBytes : pieceBytes + 1 + lineBytes;
    if (added <= maxBytes) {
      piece.push(line);
      pieceBytes = added;
      continue;
    }
    if (piece.length > 0) pieces.push(piece.join("\n"));
    piece = [];
    pieceBytes = 0;
    if (lineBytes <= maxBytes) {
      piece = [line];
      pieceBytes = lineBytes;
    } else pieces.push(...hardCut(line, maxBytes));
  }
  if (piece.length > 0) pieces.push(piece.join("\n"));
  return pieces;
}

function hardCut(line: string, maxBytes: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest !== "") {
    let end = Math.min(rest.length, maxBytes);
    while (end > 1 && Buffer.byteLength(rest.slice(0, end)) > maxBytes) end = Math.floor(end * 0.9);
    out.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  return out;
}

/** Turns blocks into rankable sections of bounded size; big sections become "(part n)" pieces. */
export function toSections(blocks: MarkdownBlock[], maxBytes: number): DocSection[] {
  const sections: DocSection[] = [];
  for (const block of blocks) {
    if (block.body === "") continue;
    const heading = block.path === "" ? "Overview" : block.path;
    const parts = chunkText(block.body, maxBytes);
    parts.forEach((text, index) => {
      sections.push({ heading: parts.length > 1 ? `${heading} (part ${index + 1})` : heading, text });
    });
  }
  return sections;
}
