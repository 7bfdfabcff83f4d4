/** Small Markdown/HTML builders that keep hostile text (addresses, map keys) from changing the layout. */

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]+/g;

/** One line of text safe inside HTML (a <summary>, a <code>): no markup, no line breaks. */
export function inline(text: string): string {
  return text
    .replace(CONTROL, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

export function code(text: string): string {
  return `<code>${inline(text)}</code>`;
}

/** A ```diff block; every line starts with `+`, `-`, `~` or a space, so nothing inside can close the fence. */
export function diffFence(body: string): string {
  return `\`\`\`diff\n${body}\n\`\`\`\n`;
}

/** A collapsed section. The blank lines matter: without them GitHub renders Markdown inside as raw text. */
export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n</details>\n\n`;
}

/** A marker key that cannot end the HTML comment early or break the line. */
export function markerKey(text: string): string {
  const key = text.replace(/[^A-Za-z0-9._/@+=,:-]+/g, "_").replace(/-{2,}/g, "-");
  return key === "" ? "." : key;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}
