/** A parse failure located in the source, when the parser said where. */
export interface HclParseError {
  message: string;
  line: number | null;
  column: number | null;
}

// We hand hcl2json this fixed name so its diagnostics can be split reliably whatever the real path is.
export const DIAGNOSTIC_FILENAME = "input.tf";

const DIAGNOSTIC = /input\.tf:(\d+),(\d+)(?:-(?:\d+,)?\d+)?: /g;
const MAX_MESSAGE = 300;

/**
 * Turns hcl2json's error text (`parse config: [input.tf:2,7-3,1: Summary; Detail. input.tf:…]`) into the
 * first diagnostic's position and a readable message that counts the others.
 */
export function hclErrorFromText(text: string): HclParseError {
  const matches = [...text.matchAll(DIAGNOSTIC)];
  const first = matches[0];
  if (first === undefined)
    return { message: clip(text.replace(/^parse config: /, "")), line: null, column: null };
  const start = (first.index ?? 0) + first[0].length;
  const end = matches[1]?.index ?? text.length;
  const body = text
    .slice(start, end)
    .replace(/\]\s*$/, "")
    .trim();
  const [summary = body, ...detail] = body.split("; ");
  const more = matches.length > 1 ? ` (and ${matches.length - 1} more)` : "";
  const message = detail.length > 0 ? `${summary}: ${detail.join("; ")}` : summary;
  return { message: clip(message) + more, line: Number(first[1]), column: Number(first[2]) };
}

/**
 * JSON.parse messages carry a position and, in newer engines, a snippet of the input: keep the position
 * (as line/column) and drop the snippet, since file contents must not leak through error text.
 */
export function jsonErrorFromException(error: unknown, content: string): HclParseError {
  const raw = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(raw)?.[1];
  const reason = raw
    .replace(/, "[\s\S]*" is not valid JSON$/, "")
    .replace(/ in JSON at position \d+.*$/s, "");
  const message = clip(`invalid JSON: ${reason}`);
  if (position === undefined) {
    return /Unexpected end of JSON input/.test(raw)
      ? { message, ...locate(content, content.length) }
      : { message, line: null, column: null };
  }
  return { message, ...locate(content, Number(position)) };
}

function locate(content: string, offset: number): { line: number; column: number } {
  const before = content.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}
