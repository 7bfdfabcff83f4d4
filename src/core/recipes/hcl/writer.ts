/**
 * A tiny HCL printer that emits what `terraform fmt` would: two-space indent, `=` aligned across
 * consecutive single-line attributes, multi-line attributes standing alone. Recipes build trees of
 * these values instead of concatenating strings, so untrusted text can only ever land in an escaped
 * string literal.
 */
export type Value =
  | { readonly k: "str"; readonly v: string }
  | { readonly k: "raw"; readonly v: string }
  | { readonly k: "num"; readonly v: number }
  | { readonly k: "bool"; readonly v: boolean }
  | { readonly k: "list"; readonly items: readonly Value[] }
  | { readonly k: "obj"; readonly entries: readonly (readonly [string, Value])[] }
  | { readonly k: "call"; readonly fn: string; readonly args: readonly Value[] };

export type Item =
  | { readonly k: "attr"; readonly name: string; readonly value: Value }
  | {
      readonly k: "block";
      readonly type: string;
      readonly labels: readonly string[];
      readonly body: readonly Item[];
    }
  | { readonly k: "blank" };

export const str = (v: string): Value => ({ k: "str", v });
/** A Terraform expression written by recipe code (references, function names), never by the user. */
export const raw = (v: string): Value => ({ k: "raw", v });
export const num = (v: number): Value => ({ k: "num", v });
export const bool = (v: boolean): Value => ({ k: "bool", v });
export const list = (...items: Value[]): Value => ({ k: "list", items });
export const strs = (values: readonly string[]): Value => ({ k: "list", items: values.map(str) });
export const obj = (entries: Record<string, Value>): Value => ({
  k: "obj",
  entries: Object.entries(entries),
});
export const call = (fn: string, ...args: Value[]): Value => ({ k: "call", fn, args });
export const attr = (name: string, value: Value): Item => ({ k: "attr", name, value });
export const block = (type: string, labels: readonly string[], body: readonly Item[]): Item => ({
  k: "block",
  type,
  labels,
  body,
});
export const blank: Item = { k: "blank" };

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const INLINE_LIST_LIMIT = 80;

/** Escapes a string into an HCL quoted literal; `${` and `%{` become literal text, not templates. */
export function quote(text: string): string {
  const escaped = text
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t")
    .replace(/\$\{/g, () => "$${")
    .replace(/%\{/g, "%%{")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, "");
  return `"${escaped}"`;
}

const pad = (depth: number): string => "  ".repeat(depth);

/** Renders a value whose first line starts at `depth`; continuation lines carry their own indent. */
export function renderValue(value: Value, depth: number): string {
  switch (value.k) {
    case "str":
      return quote(value.v);
    case "raw":
      return value.v;
    case "num":
      return String(value.v);
    case "bool":
      return value.v ? "true" : "false";
    case "list":
      return renderList(value.items, depth);
    case "obj":
      if (value.entries.length === 0) return "{}";
      return `{\n${renderLines(
        value.entries.map(([name, v]) => ({ k: "attr", name, value: v })),
        depth + 1,
      )}\n${pad(depth)}}`;
    case "call":
      return `${value.fn}(${value.args.map((arg) => renderValue(arg, depth)).join(", ")})`;
  }
}

function renderList(items: readonly Value[], depth: number): string {
  if (items.length === 0) return "[]";
  const inline = items.map((item) => renderValue(item, depth));
  const oneLine = `[${inline.join(", ")}]`;
  if (!oneLine.includes("\n") && oneLine.length <= INLINE_LIST_LIMIT) return oneLine;
  const lines = items.map((item) => `${pad(depth + 1)}${renderValue(item, depth + 1)},`);
  return `[\n${lines.join("\n")}\n${pad(depth)}]`;
}

const keyOf = (name: string): string => (IDENT.test(name) ? name : quote(name));

/** Renders body items at `depth`, aligning `=` across runs of single-line attributes. */
export function renderLines(items: readonly Item[], depth: number): string {
  const out: string[] = [];
  let run: { key: string; text: string }[] = [];
  const flush = (): void => {
    const width = Math.max(0, ...run.map((entry) => entry.key.length));
    for (const entry of run) out.push(`${pad(depth)}${entry.key.padEnd(width)} = ${entry.text}`);
    run = [];
  };
  for (const item of items) {
    if (item.k === "attr") {
      const text = renderValue(item.value, depth);
      if (!text.includes("\n")) {
        run.push({ key: keyOf(item.name), text });
        continue;
      }
      flush();
      out.push(`${pad(depth)}${keyOf(item.name)} = ${text}`);
      continue;
    }
    flush();
    if (item.k === "blank") out.push("");
    else out.push(renderBlock(item, depth));
  }
  flush();
  return out.join("\n");
}

function renderBlock(item: Extract<Item, { k: "block" }>, depth: number): string {
  const head = [item.type, ...item.labels.map(quote)].join(" ");
  if (item.body.length === 0) return `${pad(depth)}${head} {}`;
  return `${pad(depth)}${head} {\n${renderLines(item.body, depth + 1)}\n${pad(depth)}}`;
}

/** Renders top-level blocks separated by one blank line, with an optional leading `#` comment. */
export function renderFile(blocks: readonly Item[], comment?: string): string {
  const header =
    comment === undefined
      ? ""
      : `${comment
          .split("\n")
          .map((line) => `# ${line}`.trimEnd())
          .join("\n")}\n`;
  return `${header}${blocks.map((item) => renderLines([item], 0)).join("\n\n")}\n`;
}
