/**
 * Folds lines longer than `width` at spaces, so help text fits a terminal whatever width its command's
 * author wrote it at. Continuation lines keep the line's indent, and an option's description column
 * (`--json   print ...`).
 */
export function wrapText(text: string, width: number): string {
  return text
    .split("\n")
    .map((line) => wrapLine(line, width))
    .join("\n");
}

function wrapLine(line: string, width: number): string {
  if (line.length <= width) return line;
  const indent = " ".repeat(/^\s*(?:-\S+(?: [A-Z]+)?\s{2,})?/.exec(line)?.[0].length ?? 0);
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(" ", width);
    // A single word longer than the width stays whole.
    if (cut <= indent.length) break;
    out.push(rest.slice(0, cut).trimEnd());
    rest = indent + rest.slice(cut + 1).trimStart();
  }
  out.push(rest);
  return out.join("\n");
}
