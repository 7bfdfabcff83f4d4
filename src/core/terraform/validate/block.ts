import type { Block, Finding } from "../types.js";
import type { AttributeSchema, BlockSchema, NestedBlockSchema } from "../schema/index.js";
import { type LocatedNode, childrenNamed } from "../locate/index.js";
import { VALIDATION_CODES as CODES } from "./codes.js";
import { closestName } from "./suggest.js";

export interface CheckContext {
  file: string;
  /** `.tf.json`: attribute and block syntax look alike there, so syntax findings are skipped. */
  json: boolean;
  findings: Finding[];
}

export interface BodyOptions {
  /** Names Terraform handles itself at this level (`count`, `lifecycle`, ...). */
  meta: ReadonlySet<string>;
  /** False for `dynamic` content, whose required arguments may come from elsewhere. */
  checkRequired: boolean;
  /** Attributes only the provider sets, as `squash()`ed names, for a clearer message than "unknown". */
  computed?: ReadonlySet<string>;
}

/** Names compared without case and underscores: jsii-derived computed names may be split differently. */
export function squash(name: string): string {
  return name.replace(/_/g, "").toLowerCase();
}

const NESTED: BodyOptions = { meta: new Set(), checkRequired: true };
type Syntax = LocatedNode["kind"] | undefined;

/** Checks one block body against its schema; `where` names it in messages (`aws_s3_bucket.logs.versioning`). */
export function checkBody(
  ctx: CheckContext,
  body: Block,
  schema: BlockSchema,
  node: LocatedNode | undefined,
  where: string,
  options: BodyOptions,
): void {
  const present = new Set<string>();
  const line = node?.line ?? null;
  for (const [key, value] of Object.entries(body)) {
    if (options.meta.has(key) || (ctx.json && key === "//")) continue;
    if (key === "dynamic" && isObject(value)) {
      for (const name of checkDynamic(ctx, value, schema, node, where)) present.add(name);
      continue;
    }
    present.add(key);
    const nodes = childrenNamed(node, key);
    const keyLine = nodes[0]?.line ?? line;
    const syntax: Syntax = nodes[0]?.kind;
    const attribute = schema.attributes.get(key);
    const block = schema.blocks.get(key);
    if (attribute) {
      if (syntax === "block" && !attribute.objectTyped) {
        const message = `${where}: "${key}" is an argument, not a block: write it as ${assignment(attribute)}`;
        push(ctx, keyLine, CODES.attributeAsBlock, message, assignment(attribute));
      }
    } else if (block) {
      if (syntax === "attribute") {
        const message = `${where}: "${key}" is a block, not an argument: write it as ${key} { ... } without "="`;
        push(ctx, keyLine, CODES.blockAsAttribute, message, `${key} { ... }`);
      } else if (!block.opaque) {
        instances(value).forEach((instance, i) => {
          checkBody(ctx, instance, block, nodes[i] ?? nodes[0], `${where}.${key}`, NESTED);
        });
      }
    } else if (options.computed?.has(squash(key)) && syntax !== "block") {
      const message = `${where}: "${key}" is computed by the provider and cannot be set; read it as ${where}.${key}`;
      push(ctx, keyLine, CODES.unknownArgument, message, null);
    } else {
      reportUnknown(
        ctx,
        key,
        syntax ?? (looksLikeBlocks(value) && !ctx.json ? "block" : "attribute"),
        schema,
        keyLine,
        where,
      );
    }
  }
  if (options.checkRequired) reportMissing(ctx, schema, present, line, where);
}

/** `dynamic "x" { content { ... } }` counts as block `x` being present; its content is checked loosely. */
function checkDynamic(
  ctx: CheckContext,
  dynamics: Block,
  schema: BlockSchema,
  node: LocatedNode | undefined,
  where: string,
): string[] {
  const names: string[] = [];
  for (const [name, value] of Object.entries(dynamics)) {
    const nodes = childrenNamed(node, "dynamic", name);
    const line = nodes[0]?.line ?? node?.line ?? null;
    const block = schema.blocks.get(name);
    names.push(name);
    if (!block) {
      // Attributes the provider also accepts in block syntax (security group `ingress`) work with dynamic too.
      if (!schema.attributes.get(name)?.objectTyped) reportUnknown(ctx, name, "block", schema, line, where);
      continue;
    }
    if (block.opaque) continue;
    instances(value).forEach((instance, i) => {
      const dynamicNode = nodes[i] ?? nodes[0];
      const contentNodes = childrenNamed(dynamicNode, "content");
      instances(instance["content"]).forEach((content, j) => {
        const options = { meta: new Set<string>(), checkRequired: false };
        checkBody(ctx, content, block, contentNodes[j] ?? dynamicNode, `${where}.${name}`, options);
      });
    });
  }
  return names;
}

function reportUnknown(
  ctx: CheckContext,
  key: string,
  syntax: NonNullable<Syntax>,
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

function reportMissing(
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

function assignment(attribute: AttributeSchema): string {
  const type = attribute.type;
  const value =
    type.startsWith("map(") || type === "object" ? "{ ... }" : type.startsWith("list(") ? "[ ... ]" : "...";
  return `${attribute.name} = ${value}`;
}

function push(
  ctx: CheckContext,
  line: number | null,
  code: string,
  message: string,
  suggestion: string | null,
): void {
  ctx.findings.push({ file: ctx.file, line, severity: "error", code, message, suggestion });
}

/** hcl2json gives blocks as arrays of bodies; Terraform JSON may also give one body as an object. */
export function instances(value: unknown): Block[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

function looksLikeBlocks(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every(isObject);
}

function isObject(value: unknown): value is Block {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
