import type { BlockSchema } from "../schema/index.js";
import type { Block } from "../types.js";
import { pureExpression } from "../inventory/expressions.js";
import { instances, isObject } from "../validate/values.js";
import { type SemanticContext, lineOf, report } from "./context.js";

/** The shape of a value where it is knowable without evaluating: enough to catch structural mistakes. */
type Shape = "string" | "number" | "bool" | "list" | "map" | "unknown";

const RESULT: Record<string, Shape> = {};
for (const f of "format join lower upper replace substr trimspace trim trimprefix trimsuffix title chomp jsonencode yamlencode base64encode base64decode tostring md5 sha1 sha256 sha512 templatefile file filebase64 basename dirname abspath cidrhost cidrsubnet cidrnetmask uuid timestamp formatdate indent urlencode".split(
  " ",
))
  RESULT[f] = "string";
for (const f of "length tonumber parseint floor ceil abs max min signum pow log".split(" "))
  RESULT[f] = "number";
for (const f of "tobool contains can alltrue anytrue startswith endswith".split(" ")) RESULT[f] = "bool";
for (const f of "concat tolist toset split keys values flatten distinct compact sort range slice reverse setunion setintersection setsubtract chunklist formatlist cidrsubnets".split(
  " ",
))
  RESULT[f] = "list";
for (const f of "merge tomap zipmap".split(" ")) RESULT[f] = "map";

/** Checks argument values of one resource or data body (and its nested blocks) against schema types. */
export function checkValues(
  ctx: SemanticContext,
  file: string,
  content: string,
  line: number | null,
  body: Block,
  schema: BlockSchema,
  where: string,
): void {
  for (const [key, value] of Object.entries(body)) {
    const attribute = schema.attributes.get(key);
    const block = schema.blocks.get(key);
    if (attribute !== undefined) {
      // Objects in an array are how block syntax parses: `tags { }` is reported by the syntax check.
      if (Array.isArray(value) && value.length > 0 && value.every(isObject)) continue;
      const want = schemaShape(attribute.type);
      const got = valueShape(ctx, value);
      const problem = mismatch(want, got, value);
      if (problem === null) continue;
      const message = `${where}: inappropriate value for "${key}": ${attribute.type} required, got ${problem}`;
      report(ctx, file, lineOf(content, key, line), "wrong_value_type", message, null);
    } else if (block !== undefined && !block.opaque && Array.isArray(value)) {
      if (block.maxItems !== undefined && value.length > block.maxItems) {
        const message = `${where}: at most ${block.maxItems} "${key}" block(s) allowed, found ${value.length}`;
        report(ctx, file, lineOf(content, key, line), "too_many_blocks", message, null);
      }
      // One block is already required by the syntax check; more than one only here. `dynamic` blocks add an
      // unknown number, so the count is only judged without them.
      if (value.length < block.minItems && block.minItems > 1 && !hasDynamic(body, key)) {
        const message = `${where}: at least ${block.minItems} "${key}" blocks required, found ${value.length}`;
        report(ctx, file, lineOf(content, key, line), "too_few_blocks", message, null);
      }
      for (const nested of instances(value))
        checkValues(ctx, file, content, lineOf(content, key, line), nested, block, `${where}.${key}`);
    }
  }
}

function hasDynamic(body: Block, key: string): boolean {
  return instances(body["dynamic"]).some((d) => Object.hasOwn(d, key));
}

/** `merge()` and `concat()` given a value that cannot be a map or list (a string variable, a literal). */
export function checkFunctionArguments(
  ctx: SemanticContext,
  file: string,
  content: string,
  line: number | null,
  value: unknown,
): void {
  const texts =
    typeof value === "string"
      ? [value]
      : Array.isArray(value)
        ? value
        : isObject(value)
          ? Object.values(value)
          : [];
  for (const text of texts) {
    if (typeof text !== "string") {
      if (typeof text === "object" && text !== null) checkFunctionArguments(ctx, file, content, line, text);
      continue;
    }
    for (const match of text.matchAll(/\b(merge|concat)\(([^()]*)\)/g)) {
      const fn = match[1] as "merge" | "concat";
      for (const arg of (match[2] ?? "").split(",").map((a) => a.trim())) {
        const shape = /^"[^"]*"$/.test(arg) ? "string" : /^-?\d/.test(arg) ? "number" : exprShape(ctx, arg);
        if (shape === "unknown" || shape === (fn === "merge" ? "map" : "list")) continue;
        const message = `invalid argument to ${fn}(): ${arg} is a ${shape}, ${fn === "merge" ? "a map or object" : "a list"} is required`;
        report(ctx, file, lineOf(content, `${fn}(`, line), "invalid_function_argument", message, null);
      }
    }
  }
}

function schemaShape(type: string): Shape {
  if (type === "string" || type === "number" || type === "bool") return type;
  if (type.startsWith("list(") || type.startsWith("set(")) return "list";
  if (type.startsWith("map(") || type.startsWith("object")) return "map";
  return "unknown";
}

function valueShape(ctx: SemanticContext, value: unknown): Shape {
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return "list";
  if (isObject(value)) return "map";
  if (typeof value !== "string") return "unknown";
  const expression = pureExpression(value);
  if (expression !== null) return exprShape(ctx, expression);
  return "string";
}

function exprShape(ctx: SemanticContext, expression: string): Shape {
  const call = /^([a-z][a-z0-9_]*)\(/.exec(expression);
  if (call !== null && closesAtEnd(expression, call[0].length - 1))
    return RESULT[call[1] as string] ?? "unknown";
  const variable = /^var\.([A-Za-z_][\w-]*)$/.exec(expression);
  if (variable !== null) {
    const type = ctx.module.variables.get(variable[1] as string)?.[0]?.body["type"];
    const declared = typeof type === "string" ? (pureExpression(type) ?? type) : null;
    return declared === null ? "unknown" : schemaShape(declared.replace(/\s/g, ""));
  }
  if (/^".*"$/s.test(expression) && !expression.slice(1, -1).includes('"')) return "string";
  return "unknown";
}

function closesAtEnd(text: string, open: number): boolean {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i === text.length - 1;
  }
  return false;
}

/** What is wrong, or null: only structural mismatches Terraform cannot convert, never string ↔ number. */
function mismatch(want: Shape, got: Shape, value: unknown): string | null {
  if (want === "unknown" || got === "unknown") return null;
  const collection = (s: Shape): boolean => s === "list" || s === "map";
  if (collection(want) !== collection(got)) return describe(got);
  if (want === "list" && got === "map") return "an object";
  if (want === "map" && got === "list") return "a list";
  if (typeof value === "string" && !value.includes("${")) {
    if (want === "number" && !/^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(value))
      return `the string "${value}"`;
    if (want === "bool" && value !== "true" && value !== "false") return `the string "${value}"`;
  }
  return null;
}

function describe(shape: Shape): string {
  return shape === "list" ? "a list" : shape === "map" ? "an object" : `a ${shape}`;
}
