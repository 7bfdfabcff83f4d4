import { BIDI_CONTROLS } from "../core/text/invisible.js";

// What one agent run may write. A model that loops or is steered by hostile text must not be able to flood
// a pull request: one turn of a real run writes a handful of files, a whole change rarely twenty.
export const CHANGE_LIMITS = {
  /** Distinct files one change may create or modify. */
  maxFiles: 50,
  /** Total size of everything one change writes (the latest content of each file). */
  maxBytes: 2 * 1024 * 1024,
} as const;

export const TURN_LIMITS = {
  /** Tool calls of one model turn that are run; the rest are answered "not run". */
  maxCalls: 24,
  /** Of those, calls that write (write_file, use_recipe). */
  maxWrites: 12,
} as const;

export const WRITING_TOOLS: ReadonlySet<string> = new Set(["write_file", "use_recipe"]);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0/C1 controls other than tab, line feed, carriage return and form feed (which some HCL and Python
// files contain legitimately).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/u;

/**
 * Why `content` is not a text file the agent may write, or null when it is. Source files in a PR are
 * reviewed by people: NUL bytes make Git treat them as binary (no diff to review), other controls hide
 * text from terminals, and bidirectional controls make code read differently from how it runs
 * ("Trojan Source").
 */
export function textProblem(content: string): string | null {
  if (content.includes("\u0000")) return "binary content (NUL bytes); only text files can be written";
  if (LONE_SURROGATE.test(content)) return "content is not well-formed Unicode (lone surrogates)";
  const control = CONTROL_IN_TEXT.exec(content);
  if (control !== null)
    return `control character U+${codePoint(control[0])} in the content; only text files can be written`;
  BIDI_CONTROLS.lastIndex = 0;
  const bidi = BIDI_CONTROLS.exec(content);
  BIDI_CONTROLS.lastIndex = 0;
  if (bidi !== null)
    return `bidirectional control U+${codePoint(bidi[0])} in the content: it makes code read differently from how it runs`;
  return null;
}

const codePoint = (char: string): string =>
  (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
