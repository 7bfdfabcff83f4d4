/**
 * Quoting untrusted text in GitHub markdown so it stays text: code spans and fences that the quoted text
 * cannot close, and mentions that notify nobody.
 */

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * An inline code span around `text` that nothing inside can end: the delimiter is one backtick longer than
 * any run inside, and a space pads text that starts or ends with a backtick (CommonMark strips one space
 * on each side). Newlines become spaces, as a span is one line.
 */
export function inlineCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  const ticks = "`".repeat(longestBacktickRun(flat) + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || flat.trim() === "" ? " " : "";
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** A fenced code block around `text` that nothing inside can close (the fence outgrows any backtick run). */
export function codeBlock(text: string, language = "text"): string {
  const ticks = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${ticks}${language}\n${text.replace(/\n+$/, "")}\n${ticks}`;
}

// A GitHub mention: `@login` or `@org/team`, not part of an e-mail address or a word.
const MENTION = /(^|[^\w`@/])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9_.-]+)?)(?![\w@-])/g;

/** Fenced blocks and inline code spans: GitHub renders nothing live inside them. */
const CODE =
  /(^|\n)(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n\2[`~]*[ \t]*(?=\n|$)|$)|(`+)(?!`)[\s\S]*?(?<!`)\3(?!`)/g;

/**
 * Every `@user` and `@org/team` outside code becomes inline code, so a comment the app writes never
 * notifies anyone named by quoted text, a model's summary or a log line. Code is left as it is.
 */
export function neutraliseMentions(markdown: string): string {
  let out = "";
  let last = 0;
  for (const match of markdown.matchAll(CODE)) {
    out += quietMentions(markdown.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + quietMentions(markdown.slice(last));
}

function quietMentions(text: string): string {
  return text.replace(MENTION, (_all, before: string, name: string) => `${before}\`@${name}\``);
}

// A bare web address GitHub would turn into a link (its autolink extension needs no brackets); it ends at
// the placeholder plainText puts in for a backtick.
// eslint-disable-next-line no-control-regex -- that placeholder
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>\u0001]+/gi;

/**
 * Untrusted text as plain prose in Markdown: one line, every character that could start markup (emphasis,
 * links, images, HTML, tables, code spans, headings) escaped, so it renders as the characters it holds.
 * Bare web addresses and mentions are quoted as code: GitHub links and notifies them even when escaped.
 */
export function plainText(text: string): string {
  // Backticks become entities below, so they must not shield a mention or address from the match either.
  const flat = text.replace(/[\r\n]+/g, " ").replace(/`/g, "\u0001");
  let out = "";
  let last = 0;
  for (const match of flat.matchAll(BARE_URL)) {
    out += quietProse(flat.slice(last, match.index)) + inlineCode(match[0]);
    last = match.index + match[0].length;
  }
  return out + quietProse(flat.slice(last));
}

/** Prose with every mention quoted as code and the text between them escaped. */
function quietProse(flat: string): string {
  // Escaping would hide a mention from `neutraliseMentions` (`@a\-b`) while GitHub still links it: quote
  // every mention as code first, and escape only the text between them.
  let out = "";
  let last = 0;
  for (const match of flat.matchAll(MENTION)) {
    const at = match.index + (match[1]?.length ?? 0);
    out += escapeProse(flat.slice(last, at)) + inlineCode(`@${match[2] ?? ""}`);
    last = match.index + match[0].length;
  }
  return out + escapeProse(flat.slice(last));
}

function escapeProse(text: string): string {
  return (
    text
      .replace(/[\\*_{}[\]()#+!|~>=-]/g, "\\$&")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      // A backtick, even escaped, would look like a code span to the mention neutraliser: use its entity.
      // eslint-disable-next-line no-control-regex -- the placeholder plainText put in for backticks
      .replace(/\u0001/g, "&#96;")
  );
}
