import { INVISIBLE } from "../../text/invisible.js";

/** Requests longer than this are cut: recipes never need an essay, and parsing stays linear and cheap. */
export const MAX_REQUEST_CHARS = 4000;

export interface CleanRequest {
  /** Visible text, NFKC-normalised, whitespace collapsed, original case kept. */
  text: string;
  /** What was removed before parsing, for the summary (never the removed content itself). */
  removed: string[];
}

const HIDDEN = /<!--[\s\S]*?(?:-->|$)/g;
const TAGS = /<\/?[A-Za-z][^>]{0,200}>/g;
const FENCED = /```[\s\S]*?(?:```|$)/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Strips hidden and invisible content so only what a reader of the issue sees is parsed. */
export function cleanRequest(input: string): CleanRequest {
  const removed: string[] = [];
  let text = input.length > MAX_REQUEST_CHARS * 4 ? input.slice(0, MAX_REQUEST_CHARS * 4) : input;
  const strip = (pattern: RegExp, what: string, by = " "): void => {
    const next = text.replace(pattern, by);
    if (next !== text) removed.push(what);
    text = next;
  };
  strip(HIDDEN, "hidden HTML comments");
  strip(FENCED, "code blocks");
  strip(TAGS, "HTML tags");
  text = text.normalize("NFKC");
  // Invisible characters split words ("or<ZWSP>ders"), so they go without leaving a space.
  strip(INVISIBLE, "invisible characters", "");
  strip(CONTROL, "control characters");
  text = text
    .replace(/`+|\*\*+|~~+|[#>|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (text.length > MAX_REQUEST_CHARS) {
    text = text.slice(0, MAX_REQUEST_CHARS);
    removed.push(`text beyond ${MAX_REQUEST_CHARS} characters`);
  }
  return { text, removed };
}
