import { raw } from "../recipes/hcl/writer.js";
import type { AttributeSchema, TypeSchema } from "../terraform/schema/index.js";
import { isPackageLocation, SHARED, type Closer } from "./close.js";
import { addCompanions } from "./companions.js";
import { addTopicKeys } from "./closure.js";
import { clashes } from "./constraints.js";
import { categoryOf, DEFAULTS } from "./defaults.js";
import { addGrants } from "./grants.js";
import { setOnce, type Node } from "./node.js";
import { relationOf } from "./relations.js";
import type { BuildState } from "./state.js";
import { knownValue, nameValue } from "./values.js";
import { blocksInPractice, requiredInPractice } from "./practice.js";

interface Block {
  attributes: ReadonlyMap<string, AttributeSchema>;
  blocks: ReadonlyMap<
    string,
    {
      required: boolean;
      attributes: ReadonlyMap<string, AttributeSchema>;
      blocks: ReadonlyMap<string, unknown>;
    }
  >;
}

/**
 * Phase 4, write: every resource gets its required arguments and blocks, the provider's one-of choices,
 * then the secure defaults of its category and the repo's tags. Resources added on the way (a VPC for a
 * subnet) are filled in the same loop; at the end, references to resources added later are wired.
 */
export function write(state: BuildState, closer: Closer): void {
  const { nodes, ctx } = state;
  const filled = writeFrom(state, closer, 0);
  // Once every reference is wired, each new service role is granted what its service reaches.
  addGrants(closer.companions);
  writeFrom(state, closer, filled);
  // References to resources added later in the loop (the VPC a subnet brought, after the security group
  // was filled) are wired now; fill only links to what the plan has, it adds nothing here.
  for (const node of nodes) {
    const ts = state.typeSchema(node.type);
    if (ts === undefined) continue;
    for (const [name, spec] of ts.attributes)
      if (!ts.computed.includes(name) && relationOf(node.type, name, spec, ctx.schema) !== null)
        closer.fill(node, name, spec, ts.docUrl, false);
  }
  // Topics are keyed once every reference to them is wired: who publishes decides whose key.
  const wired = nodes.length;
  addTopicKeys(closer.companions);
  writeFrom(state, closer, wired);
}

/** Writes the resources from index `start` on, and those added on the way; returns how many there are. */
function writeFrom(state: BuildState, closer: Closer, start: number): number {
  const { nodes, ctx } = state;
  const { fill, accompanied } = closer;
  for (let i = start; i < nodes.length; i++) {
    const node = nodes[i] as Node;
    // Resources added to satisfy a reference bring their own companions (a Lambda's new role, its policy).
    if (!accompanied.has(node)) {
      accompanied.add(node);
      addCompanions(closer.companions, [node]);
    }
    const ts = state.typeSchema(node.type);
    if (ts === undefined) continue;
    const walk = (block: Block, base: string, depth: number): void => {
      // References first: a VPC added for `vpc_id` is then there for `cidr_block` to be carved from.
      const ordered = [...block.attributes].sort(
        ([a], [b]) => Number(/_(?:id|arn)s?$/.test(b)) - Number(/_(?:id|arn)s?$/.test(a)),
      );
      for (const [name, spec] of ordered) {
        const path = `${base}${name}`;
        // Subnets are placed in distinct zones so that subnet groups (RDS, ElastiCache) accept them.
        if (
          spec.required ||
          requiredInPractice(node.type, path) ||
          (node.type === "aws_subnet" && path === "availability_zone")
        )
          fill(node, path, spec, ts.docUrl, true);
        else if (!ts.computed.includes(name)) fill(node, path, spec, ts.docUrl, false);
      }
      const required = new Set([
        ...(ctx.hints.blocks[node.type] ?? []),
        ...blocksInPractice(node.type, (t) => state.find(t) !== undefined),
      ]);
      for (const [name, nested] of block.blocks) {
        const path = `${base}${name}`;
        const used = [...node.set.keys()].some((k) => k.startsWith(`${path}.`));
        const wanted = nested.required || required.has(path) || node.blocks?.has(path) === true;
        if ((wanted || used) && depth < 4) {
          walk(nested as never, `${path}.`, depth + 1);
          if (wanted) pointAt(state, closer, node, nested as never, path, ts.docUrl);
        }
      }
    };
    walk(ts, "", 0);
    oneOfChoices(state, closer, node, ts, walk);
    closer.settle(node);
    defaults(state, node, ts);
  }
  return nodes.length;
}

/**
 * A block that must be there but whose arguments are all optional (`production_variants` of a SageMaker
 * endpoint configuration) exists to point at something: its first reference is wired as if required (the
 * model it serves), else its first argument becomes a variable, so the block is written at all.
 */
function pointAt(
  state: BuildState,
  { fill }: Closer,
  node: Node,
  block: Block,
  path: string,
  docUrl: string,
): void {
  if ([...node.set.keys()].some((k) => k.startsWith(`${path}.`))) return;
  const attributes = [...block.attributes.values()];
  const pointer = attributes.find(
    (a) => relationOf(node.type, a.name, a, state.ctx.schema, path.split(".").pop()) !== null,
  );
  const first = pointer ?? attributes[0];
  if (first !== undefined) fill(node, `${path}.${first.name}`, first, docUrl, true);
}

/** One argument of each group the provider requires one of (`records` or `alias`) is set. */
function oneOfChoices(
  state: BuildState,
  { fill }: Closer,
  node: Node,
  ts: TypeSchema,
  walk: (block: Block, base: string, depth: number) => void,
): void {
  const { nodes, ctx } = state;
  for (const group of ctx.hints.oneOf[node.type] ?? []) {
    if (group.some((p) => node.set.has(p) || [...node.set.keys()].some((k) => k.startsWith(`${p}.`))))
      continue;
    // Prefer the choice the plan or the repo can answer (a VPC it has) over the first one listed.
    const wired = group.find((p) => {
      const spec = lookup(ts, p);
      const relation =
        spec === undefined ? null : relationOf(node.type, p.split(".").pop() ?? p, spec, ctx.schema);
      return (
        relation !== null &&
        !isPackageLocation(relation.target, p.split(".").pop() ?? p) &&
        (nodes.some((n) => n.type === relation.target) ||
          (SHARED.test(relation.target) && state.find(relation.target) !== undefined))
      );
    });
    const choice =
      wired ??
      group.find(
        (p) =>
          lookup(ts, p) !== undefined &&
          // A reference to something the plan does not have is no answer (`replication_group_id`).
          relationOf(node.type, p.split(".").pop() ?? p, lookup(ts, p) as AttributeSchema, ctx.schema) ===
            null &&
          knownValue(
            p.split(".").pop() ?? p,
            lookup(ts, p) as AttributeSchema,
            state.valueEnvFor(node),
            p,
            false,
          ) !== undefined,
      ) ??
      // A list of references (`subnets`) over a nested block that spells each one out.
      group.find((p) => !p.includes(".") && /^(?:set|list)\(/.test(lookup(ts, p)?.type ?? "")) ??
      group[0];
    if (choice === undefined) continue;
    const spec = lookup(ts, choice);
    if (spec !== undefined) fill(node, choice, spec, ts.docUrl, true);
    else {
      const nested = lookupBlock(ts, choice);
      if (nested !== undefined) walk(nested as never, `${choice}.`, 1);
      if (![...node.set.keys()].some((k) => k.startsWith(`${choice}.`))) {
        const first = nested === undefined ? undefined : [...nested.attributes.values()][0];
        if (first !== undefined) fill(node, `${choice}.${first.name}`, first, ts.docUrl, true);
      }
    }
  }
}

/** The secure defaults of the resource's category (one table), then the repo's tags. */
function defaults(state: BuildState, node: Node, ts: TypeSchema): void {
  const { ctx, prefix } = state;
  const category = categoryOf(node.type);
  const env = { kmsKey: ctx.kmsKey, finalSnapshot: nameValue({ prefix }, node.name, "-final") };
  for (const rule of DEFAULTS) {
    if (!rule.categories.includes(category) || lookup(ts, rule.path) === undefined) continue;
    if (rule.onlyWith !== undefined && !rule.onlyWith.some((a) => ts.attributes.has(a))) continue;
    const parent = rule.path.includes(".") ? rule.path.slice(0, rule.path.lastIndexOf(".")) : "";
    if (parent !== "" && lookupBlock(ts, parent) === undefined) continue;
    const value = rule.value(env);
    if (value !== undefined && !clashes(ts, node, rule.path)) setOnce(node, rule.path, value, rule.note);
  }
  const tags = ctx.repo.tags;
  if (tags.style === "per_resource_merge" && tags.expression !== undefined && ts.attributes.has("tags"))
    setOnce(node, "tags", raw(tags.expression), "tagged by the repository's convention");
}

function lookupBlock(
  ts: TypeSchema,
  path: string,
): { attributes: ReadonlyMap<string, AttributeSchema>; nesting: string } | undefined {
  let block: { blocks: ReadonlyMap<string, unknown> } | undefined = ts;
  let found:
    | {
        attributes: ReadonlyMap<string, AttributeSchema>;
        nesting: string;
        blocks: ReadonlyMap<string, unknown>;
      }
    | undefined;
  for (const part of path.split(".")) {
    found = block?.blocks.get(part) as typeof found;
    block = found;
  }
  return found;
}

function lookup(ts: TypeSchema, path: string): AttributeSchema | undefined {
  const parts = path.split(".");
  const last = parts.pop() ?? "";
  const block = parts.length === 0 ? ts : lookupBlock(ts, parts.join("."));
  return block?.attributes.get(last);
}
