import type { Block } from "../types.js";
import type { BlockSchema } from "../schema/index.js";
import { type LocatedNode, childrenNamed } from "../locate/index.js";
import { VALIDATION_CODES as CODES } from "./codes.js";
import {
  type CheckContext,
  type Syntax,
  assignment,
  push,
  reportDeprecated,
  reportMissing,
  reportUnknown,
} from "./report.js";
import { instances, isObject, looksLikeBlocks } from "./values.js";

export type { CheckContext } from "./report.js";
export { instances } from "./values.js";

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
    const syntax: Syntax | undefined = nodes[0]?.kind;
    const attribute = schema.attributes.get(key);
    const block = schema.blocks.get(key);
    if (attribute?.deprecated || block?.deprecated) reportDeprecated(ctx, key, keyLine, where);
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
