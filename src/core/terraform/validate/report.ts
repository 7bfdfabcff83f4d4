import type { Finding } from "../types.js";
import type { AttributeSchema, BlockSchema, NestedBlockSchema } from "../schema/index.js";
import type { LocatedNode } from "../locate/index.js";
import { VALIDATION_CODES as CODES } from "./codes.js";
import { closestName } from "./suggest.js";

export interface CheckContext {
  file: string;
  /** `.tf.json`: attribute and block syntax look alike there, so syntax findings are skipped. */
  json: boolean;
  findings: Finding[];
}

/** How a name was written: `name = ...`, `name { ... }`, or a `.tf.json` key. */
export type Syntax = LocatedNode["kind"];

export function reportUnknown(
  ctx: CheckContext,
  key: string,
  syntax: Syntax,
  schema: BlockSchema,
  line: number | null,
  where: string,
): void {
  const asBlock = syntax === "block";
  const candidates = [...schema.attributes.keys(), ...schema.blocks.keys()];
  const suggestion = closestName(key, candidates);
  const hint = suggestion ? ` — did you mean "${suggestion}"?` : "";
  const code = asBlock ? CODES.unknownBlock : CODES.unknownArgument;
  const message = `${where}: unknown ${asBlock ? "block" : "argument"} "${key}"${hint}`;
  push(ctx, line, code, message, suggestion);
}

export function reportMissing(
  ctx: CheckContext,
  schema: BlockSchema,
  present: ReadonlySet<string>,
  line: number | null,
  where: string,
): void {
  for (const attribute of schema.attributes.values()) {
    if (!attribute.required || present.has(attribute.name)) continue;
    const message = `${where}: required argument "${attribute.name}" (${attribute.type}) is missing`;
    push(ctx, line, CODES.missingRequiredArgument, message, assignment(attribute));
  }
  for (const block of schema.blocks.values()) {
    if (!block.required || present.has(block.name)) continue;
    const message = `${where}: required block "${block.name}" is missing`;
    push(ctx, line, CODES.missingRequiredBlock, message, requiredBlockSkeleton(block));
  }
}

function requiredBlockSkeleton(block: NestedBlockSchema): string {
  const inner = [...block.attributes.values()].filter((a) => a.required).map((a) => ` ${a.name} = ...`);
  return `${block.name} {${inner.join("")}${inner.length > 0 ? " " : ""}}`;
}

export function assignment(attribute: AttributeSchema): string {
  const type = attribute.type;
  const value =
    type.startsWith("map(") || type === "object" ? "{ ... }" : type.startsWith("list(") ? "[ ... ]" : "...";
  return `${attribute.name} = ${value}`;
}

export function push(
  ctx: CheckContext,
  line: number | null,
  code: string,
  message: string,
  suggestion: string | null,
  severity: "error" | "warning" = "error",
): void {
  ctx.findings.push({ file: ctx.file, line, severity, code, message, suggestion });
}

/** Deprecated arguments and blocks still work: a warning naming the schema version, never an error. */
export function reportDeprecated(ctx: CheckContext, key: string, line: number | null, where: string): void {
  const message = `${where}: "${key}" is deprecated by the provider and will be removed in a future major version`;
  push(ctx, line, CODES.deprecatedArgument, message, null, "warning");
}
