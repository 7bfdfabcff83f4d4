/**
 * The one set of characters that render as nothing (or reorder what is shown) and so can hide text from a
 * human reader while a parser or a model still sees it. Every place that strips invisible content uses this
 * set, so a character added here is gone everywhere: commands, requests, prompts, docs, outputs.
 */
const INVISIBLE_SOURCE = [
  "\\u00AD", // soft hyphen
  "\\u034F", // combining grapheme joiner
  "\\u061C", // Arabic letter mark (bidi)
  "\\u115F\\u1160", // Hangul choseong/jungseong fillers
  "\\u17B4\\u17B5", // Khmer inherent vowels
  "\\u180B-\\u180F", // Mongolian free variation selectors and vowel separator
  "\\u200B-\\u200F", // zero-width space/joiners, LRM, RLM
  "\\u202A-\\u202E", // bidi embeddings and overrides
  "\\u2060-\\u206F", // word joiner, invisible operators, bidi isolates, deprecated format chars
  "\\u3164", // Hangul filler
  "\\uFE00-\\uFE0F", // variation selectors
  "\\uFEFF", // BOM / zero-width no-break space
  "\\uFFA0", // halfwidth Hangul filler
  "\\uFFF0-\\uFFF8", // unassigned specials
  "\\u{1D173}-\\u{1D17A}", // musical formatting
  "\\u{E0000}-\\u{E0FFF}", // tag characters and variation selectors supplement (U+E0100–E01EF)
].join("");

// Built from escapes on purpose: the set is a list of code points, each one stripped on its own.
/** Matches one invisible character (global, unicode). */
// eslint-disable-next-line no-misleading-character-class -- the class lists code points, not graphemes
export const INVISIBLE = new RegExp(`[${INVISIBLE_SOURCE}]`, "gu");
// eslint-disable-next-line no-misleading-character-class -- as above
const HAS_INVISIBLE = new RegExp(`[${INVISIBLE_SOURCE}]`, "u");

/** Bidi controls only: they reorder what a terminal or a browser shows. */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

export function hasInvisible(text: string): boolean {
  return HAS_INVISIBLE.test(text);
}

/** Removes every invisible character; nothing is put in their place (they split words: "or\u200Bders"). */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, "");
}

// C0 controls except tab and newline, DEL, and C1 controls (U+0080–U+009F: 8-bit CSI and OSC among them).
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
export const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// ANSI escape sequences: CSI (colours, cursor moves), OSC (hyperlinks, window titles), and two-byte escapes.
// eslint-disable-next-line no-control-regex -- the escape character is the point
const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\|$)|\u001B[@-Z\\-_]?/g;

/** Removes control characters (keeps tab and newline; a CR is kept only as part of CRLF). */
export function stripControl(text: string): string {
  return text.replace(/\r\n/g, "\n").replace(CONTROL, "");
}

/**
 * Text safe to print to a terminal: no escape sequences (which can move the cursor, rewrite earlier
 * lines, set the window title or make links), no other control characters, no bidi controls or
 * invisible characters (which make the shown text differ from the real text).
 */
export function terminalSafe(text: string): string {
  return stripControl(text.replace(ANSI, "")).replace(INVISIBLE, keepEmojiPresentation);
}

// U+FE0F right after a symbol asks for its emoji form (⏭️, ⚠️): it hides nothing, so it stays.
const EMOJI_BASE = /[\u2000-\u2BFF\u{1F000}-\u{1FAFF}]$/u;
function keepEmojiPresentation(char: string, offset: number, whole: string): string {
  return char === "\uFE0F" && EMOJI_BASE.test(whole.slice(Math.max(0, offset - 2), offset)) ? char : "";
}
