import { INVISIBLE } from "../text/invisible.js";

// Text from issues and comments is untrusted. Before anything reads it, remove what a human reviewer
// would not see: HTML comments, zero-width and bidi control characters, and other invisible code points.
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function stripHiddenContent(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(HTML_COMMENT, "").replace(INVISIBLE, "").replace(CONTROL, "");
}
