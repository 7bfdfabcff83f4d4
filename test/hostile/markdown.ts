/** The Markdown outside code spans: what GitHub would render as links, mentions or HTML. */
export function outsideCode(markdown: string): string {
  let out = "";
  let i = 0;
  while (i < markdown.length) {
    const run = /^`+/.exec(markdown.slice(i))?.[0];
    if (!run) {
      out += markdown[i];
      i += 1;
      continue;
    }
    const close = markdown.indexOf(run, i + run.length);
    if (close === -1) {
      out += markdown.slice(i);
      break;
    }
    i = close + run.length;
  }
  return out;
}
