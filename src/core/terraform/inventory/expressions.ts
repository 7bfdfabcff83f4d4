/**
 * hcl2json writes every non-literal value as a `"${...}"` template. These helpers recover the expression
 * behind such a value, so conventions can be reported the way a person would write them (`var.region`).
 */

/** The inner expression when `value` is exactly one `${...}` interpolation; otherwise null. */
export function pureExpression(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("${") || !value.endsWith("}")) return null;
  const close = matchingBrace(value, 1);
  return close === value.length - 1 ? value.slice(2, -1).trim() : null;
}

/** A literal string (no interpolation) or null. */
export function literalString(value: unknown): string | null {
  return typeof value === "string" && !value.includes("${") ? value : null;
}

/** How a value reads in HCL source: literals quoted, pure expressions bare, templates quoted. */
export function asHcl(value: unknown): string {
  const expression = pureExpression(value);
  if (expression !== null) return expression;
  return JSON.stringify(value);
}

/** The `${...}` interpolations a template starts with, joined by their separators: `${var.a}-${var.b}`. */
export function leadingInterpolations(value: string): string | null {
  let end = 0;
  let position = 0;
  while (value.startsWith("${", position)) {
    const close = matchingBrace(value, position + 1);
    if (close === -1) break;
    end = close + 1;
    position = end;
    const separator = /^[-_/.]/.exec(value.slice(position))?.[0] ?? "";
    if (!value.startsWith("${", position + separator.length)) break;
    position += separator.length;
  }
  return end === 0 ? null : value.slice(0, end);
}

/** Index of the `}` closing the `{` at `open`, skipping nested braces and quoted strings; -1 if none. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === "\\") i++;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === "{") depth++;
    else if (char === "}" && --depth === 0) return i;
  }
  return -1;
}

/** Names referenced as `kind.name` (e.g. `var.tags` → `tags`) in an expression or template. */
export function references(value: unknown, kind: "var" | "local"): string[] {
  if (typeof value !== "string") return [];
  const pattern = new RegExp(`\\b${kind}\\.([A-Za-z_][\\w-]*)`, "g");
  return [...new Set([...value.matchAll(pattern)].map((match) => match[1] ?? ""))];
}
