import { type Item, raw, str } from "../recipes/hcl/writer.js";
import type { AttributeSchema, TypeSchema } from "../terraform/schema/index.js";
import { namedArguments, patternArguments, engineOf, type AttributeHit } from "./attributes.js";
import { addCompanions, principalFor, trustPolicy } from "./companions.js";
import { categoryOf, DEFAULTS } from "./defaults.js";
import { matchTypes, type TypeMatch } from "./lexicon.js";
import { refOf, setOnce, type Node } from "./node.js";
import { relationOf } from "./relations.js";
import { attachNamedPolicies } from "./iam.js";
import { addAssociations, addTrafficRules, type LinkEnv } from "./links.js";
import type { PlannedVariable, SynthContext } from "./types.js";
import { isDomainArg, knownValue, nameValue, type ValueEnv } from "./values.js";
import type { Token } from "./words.js";

/** Types that are never added just to satisfy a reference: they cost money or need decisions of their own. */
const NOT_A_DEPENDENCY =
  /^aws_(?:instance|eks_cluster|db_instance|rds_cluster|lb|nat_gateway|redshift_cluster|msk_cluster|ecs_service|cloudfront_distribution|elasticache_.*)$/;
const MAX_NODES = 40;
const OWN_ROLE =
  /^(?:role_arn|role|service_role(?:_arn)?|execution_role_arn|service_execution_role|iam_role_arn)$/;
/** Shared infrastructure a new resource joins rather than duplicates when the repo has one. */
const SHARED =
  /^aws_(?:vpc|subnet|kms_key|route53_zone|internet_gateway|ecs_cluster|eks_cluster|cloudwatch_event_bus|lb|db_subnet_group|sns_topic)$/;

export interface Built {
  nodes: Node[];
  reused: { type: string; name: string; why: string }[];
  variables: PlannedVariable[];
  data: { type: string; name: string; body: Item[] }[];
  claimed: Set<number>;
  understood: { phrase: string; meaning: string }[];
  missing: string[];
}

const IDENT = /^[a-z][a-z0-9_]{0,40}$/;
const NOT_NAMES = new Set(
  "new private public secure encrypted basic simple small large main default existing the a an my our this that".split(
    " ",
  ),
);

/** The local name a request gives a resource: `named "orders"`, `called web`, `the orders table`. */
function nameFor(
  tokens: readonly Token[],
  match: TypeMatch,
  claimed: ReadonlySet<number>,
): string | undefined {
  const after = tokens.slice(match.to, match.to + 3);
  const namedAt = after.findIndex((t) => t.word === "named" || t.word === "called");
  const candidate = namedAt >= 0 ? after[namedAt + 1] : after[0]?.word.startsWith('"') ? after[0] : undefined;
  if (candidate !== undefined) {
    const ident = candidate.word
      .replace(/^"/, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "");
    if (IDENT.test(ident)) return ident;
  }
  const before = tokens[match.from - 1];
  if (
    before !== undefined &&
    !claimed.has(match.from - 1) &&
    /^[a-z][a-z0-9]{2,20}$/.test(before.word) &&
    !NOT_NAMES.has(before.word) &&
    !/^(?:an?|the|to|of|for|with|and|in|on|create|add|set|make|new|two|three|multiple|some)$/.test(
      before.word,
    )
  )
    return undefined; // adjectives and verbs are too often mistaken for names; keep `main` unless named
  return undefined;
}

const PLURAL_COUNT: Record<string, number> = { two: 2, "2": 2, three: 3, "3": 3, multiple: 2, several: 2 };

export function build(request: string, tokens: readonly Token[], ctx: SynthContext): Built {
  const { schema, repo } = ctx;
  const prefix = repo.namePrefixExpression;
  const existing = repo.existingResources;
  const taken = new Set(existing.map((r) => `${r.type}.${r.name}`));
  const words = new Set(tokens.map((t) => t.word));
  const engine = engineOf(request);
  const nodes: Node[] = [];
  const reused: Built["reused"] = [];
  const understood: Built["understood"] = [];
  const missing: string[] = [];
  const variables: PlannedVariable[] = [];
  const data: Built["data"] = [];
  const claimed = new Set<number>();

  const freshName = (type: string, wanted: string): string => {
    let name = wanted;
    for (let i = 2; taken.has(`${type}.${name}`); i++) name = `${wanted}_${i}`;
    taken.add(`${type}.${name}`);
    return name;
  };
  const inRepo = (type: string, hint?: string): string | undefined => {
    const all = existing.filter((r) => r.type === type);
    const named = hint === undefined ? undefined : all.find((r) => r.name === hint || r.name.includes(hint));
    const chosen = named ?? all[0];
    return chosen === undefined ? undefined : `${type}.${chosen.name}`;
  };
  const find = (type: string): string | undefined => {
    const node =
      nodes.find((n) => n.type === type && n.origin === "requested") ?? nodes.find((n) => n.type === type);
    return node !== undefined ? refOf(node) : inRepo(type);
  };
  const addNode = (
    type: string,
    origin: Node["origin"],
    why: string,
    at: number,
    name = "main",
    serves?: Node,
  ): Node => {
    const node: Node = {
      type,
      name: freshName(type, name),
      origin,
      why,
      set: new Map(),
      notes: [],
      at,
      ...(serves ? { serves: serves.type } : {}),
    };
    nodes.push(node);
    return node;
  };

  // 1. What the request names: new resources, or ones the repo has ("the existing bucket", "the artifacts bucket").
  for (const match of matchTypes(tokens, schema.resourceTypes())) {
    for (let i = match.from; i < match.to; i++) claimed.add(i);
    const context = tokens.slice(Math.max(0, match.from - 3), match.from).flatMap((t) => [t.word, t.raw]);
    const named = existing.find((r) => r.type === match.type && context.includes(r.name.toLowerCase()));
    const wantsExisting = context.includes("existing") || context.includes("current") || named !== undefined;
    const found = wantsExisting ? (named ? `${match.type}.${named.name}` : inRepo(match.type)) : undefined;
    if (found !== undefined) {
      if (!reused.some((r) => `${r.type}.${r.name}` === found))
        reused.push({
          type: match.type,
          name: found.slice(match.type.length + 1),
          why: `the request names it ("${match.phrase}")`,
        });
      understood.push({ phrase: match.phrase, meaning: `the existing ${found}` });
      continue;
    }
    if (wantsExisting) {
      missing.push(`the existing ${match.phrase} (the repository declares no ${match.type})`);
      continue;
    }
    const raw = tokens[match.to - 1]?.raw ?? "";
    const countWord = tokens[match.from - 1]?.word ?? "";
    const count =
      PLURAL_COUNT[countWord] ??
      (raw.endsWith("s") &&
      !raw.endsWith("ss") &&
      /(?:subnet|disk|instance|record|bucket|queue|topic|table|zone|user|rule)s$/.test(raw)
        ? 2
        : 1);
    const explicit = nameFor(tokens, match, claimed);
    const same = nodes.filter((n) => n.type === match.type && n.origin === "requested");
    // "DNS … Route 53 … the zone" is one zone: a type named again adds nothing unless it gets a new name.
    if (
      same.length > 0 &&
      (explicit === undefined || same.some((n) => n.name === explicit || n.name === "main"))
    ) {
      const unnamed = same.find((n) => n.name === "main");
      if (unnamed !== undefined && explicit !== undefined && !taken.has(`${match.type}.${explicit}`)) {
        taken.delete(`${match.type}.main`);
        unnamed.name = freshName(match.type, explicit);
      }
      understood.push({ phrase: match.phrase, meaning: match.type });
      continue;
    }
    const name = explicit ?? "main";
    for (let k = 0; k < Math.min(count, 3); k++) {
      if (nodes.length >= MAX_NODES) break;
      addNode(
        match.type,
        "requested",
        `asked for: "${match.phrase}"`,
        match.from,
        k === 0 ? name : `${name}_${k + 1}`,
      );
    }
    understood.push({ phrase: match.phrase, meaning: count > 1 ? `${count} × ${match.type}` : match.type });
  }

  // Rules the request states for traffic, and the joins it asks for ("associate … with …").
  const linkEnv: LinkEnv = {
    nodes,
    hasType: (type) => schema.resource(type) !== undefined,
    add: (type, why, at, name = "main") => addNode(type, "requested", why, at, name),
    find,
    variable: (wanted, type, description) => {
      const name = uniqueVariable(wanted);
      variables.push({ name, type, description, sensitive: false });
      return `var.${name}`;
    },
  };
  missing.push(...addTrafficRules(linkEnv, request));
  addAssociations(linkEnv, request, tokens);

  const typeSchema = (type: string): TypeSchema | undefined => schema.resource(type);

  // 2. Attributes the request sets, each given to the nearest resource that has the argument.
  const requested = nodes.filter((n) => n.origin === "requested");
  const hits: { node: Node; hit: AttributeHit }[] = [];
  for (const node of requested) {
    const ts = typeSchema(node.type);
    if (ts === undefined) continue;
    for (const hit of namedArguments(tokens, ts, claimed)) hits.push({ node, hit });
  }
  const byPosition = new Map<string, { node: Node; hit: AttributeHit }>();
  for (const entry of hits) {
    const key = `${entry.hit.at}:${entry.hit.path}`;
    const previous = byPosition.get(key);
    if (
      previous === undefined ||
      Math.abs(entry.node.at - entry.hit.at) < Math.abs(previous.node.at - previous.hit.at)
    )
      byPosition.set(key, entry);
  }
  for (const { node, hit } of byPosition.values()) {
    if (setOnce(node, hit.path, hit.value, `${hit.path} from "${hit.phrase}"`)) {
      hit.tokens.forEach((t) => claimed.add(t));
      understood.push({ phrase: hit.phrase, meaning: `${node.type}.${node.name}: ${hit.path}` });
    }
  }
  for (const node of requested) {
    const ts = typeSchema(node.type);
    if (ts === undefined) continue;
    const has = (path: string): boolean => ts.attributes.has(path) && !ts.computed.includes(path);
    for (const hit of patternArguments(request, has))
      if (setOnce(node, hit.path, hit.value, `${hit.path} from "${hit.phrase}"`))
        understood.push({ phrase: hit.phrase, meaning: `${node.type}.${node.name}: ${hit.path}` });
  }

  // 3. Companions, then references wired to what the plan or the repo has; missing targets are added.
  const adopted = new Set<Node>();
  function readData(type: string, name: string, body: Item[]): string {
    if (
      !data.some((d) => d.type === type && d.name === name) &&
      !existing.some((r) => r.type === `data.${type}` && r.name === name)
    )
      data.push({ type, name, body });
    return `data.${type}.${name}`;
  }
  const companionEnv = {
    nodes,
    data: readData,
    add: (type: string, why: string, serves?: Node): Node => {
      const same =
        nodes.find(
          (n) => n.type === type && n.why === why && (serves === undefined || n.serves === serves.type),
        ) ?? nodes.find((n) => n.type === type && n.origin === "requested" && !adopted.has(n));
      if (same !== undefined) {
        adopted.add(same);
        return same;
      }
      return addNode(type, "companion", why, serves?.at ?? -1, serves?.name ?? "main", serves);
    },
    find,
    has: (type: string) => find(type) !== undefined,
    words,
    engine,
    kmsKey: ctx.kmsKey,
    request,
    variable: (node: Node, path: string, type: string, description: string): string => {
      const name = uniqueVariable(
        `${node.name === "main" ? node.type.replace(/^aws_/, "") : node.name}_${path.replace(/\./g, "_")}`,
      );
      variables.push({ name, type, description, sensitive: false });
      return `var.${name}`;
    },
  };
  missing.push(...attachNamedPolicies(companionEnv, request));
  addCompanions(companionEnv);
  const accompanied = new Set(nodes);

  function uniqueVariable(wanted: string): string {
    let name = wanted.slice(0, 64);
    while (
      existing.some((r) => r.type === "variable" && r.name === name) ||
      variables.some((v) => v.name === name)
    )
      name = `${name}_2`;
    return name;
  }
  const valueEnvFor = (node: Node): ValueEnv => ({
    type: node.type,
    name: node.name,
    prefix,
    find,
    engine,
    ordinal: nodes.filter((n) => n.type === node.type).indexOf(node),
    data: readData,
  });
  const variableFor = (node: Node, path: string, spec: AttributeSchema, docUrl: string): string => {
    const name = uniqueVariable(
      `${node.name === "main" ? node.type.replace(/^aws_/, "") : node.name}_${path.replace(/\./g, "_")}`,
    );
    const domain = isDomainArg(node.type, path.split(".").pop() ?? path);
    variables.push({
      name,
      type: /^(?:string|number|bool|list\(string\)|set\(string\)|map\(string\))$/.test(spec.type)
        ? spec.type.replace(/^set/, "list")
        : "any",
      description: domain
        ? `DNS name for ${node.type}.${node.name} (${path}); a domain you control.`
        : `${path} of ${node.type}.${node.name}: the request did not say and there is no safe default (${docUrl}).`,
      sensitive: /password|secret|token/.test(path),
    });
    return `var.${name}`;
  };

  // References between new resources, so that wiring an optional argument never closes a cycle.
  const edges = new Map<Node, Set<Node>>();
  const reaches = (from: Node, to: Node, seen = new Set<Node>()): boolean => {
    if (from === to) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    return [...(edges.get(from) ?? [])].some((n) => reaches(n, to, seen));
  };

  /** Fills one argument: a reference, a known safe value, or a variable. */
  const fill = (node: Node, path: string, spec: AttributeSchema, docUrl: string, required: boolean): void => {
    if (node.set.has(path)) return;
    const arg = path.split(".").pop() ?? path;
    const relation = relationOf(node.type, arg, spec, schema);
    // `s3_bucket` of a Lambda or a Beanstalk version is where its package lives: never any bucket nearby.
    if (!required && relation?.target === "aws_s3_bucket" && /^s3_/.test(arg)) return;
    // A service's own role is part of it: the service cannot act without one, even where the schema
    // leaves the argument optional (SageMaker pipelines, Kinesis analytics, Firehose destinations).
    if (
      relation?.target === "aws_iam_role" &&
      OWN_ROLE.test(arg) &&
      principalFor(node.type) !== undefined &&
      !/^aws_(?:iam_|cloudwatch_event_target$)/.test(node.type)
    )
      required = true;
    if (relation !== null) {
      // A role is shared only when asked for; a role added for one service is that service's alone.
      const usable = (n: Node): boolean =>
        n.type === relation.target &&
        n !== node &&
        !reaches(n, node) &&
        (n.type !== "aws_iam_role" || n.origin === "requested" || n.serves === node.type);
      let target = nodes.find((n) => usable(n) && n.origin === "requested") ?? nodes.find(usable);
      const named = reused.find((r) => r.type === relation.target);
      const existingRef =
        target !== undefined
          ? undefined
          : named !== undefined
            ? `${named.type}.${named.name}`
            : required && SHARED.test(relation.target)
              ? inRepo(relation.target)
              : undefined;
      if (
        target === undefined &&
        existingRef === undefined &&
        required &&
        !NOT_A_DEPENDENCY.test(relation.target) &&
        nodes.length < MAX_NODES
      )
        target = addNode(
          relation.target,
          "dependency",
          `${node.type}.${node.name} needs one (${arg})`,
          node.at,
          node.name === "main" ? "main" : node.name,
          node,
        );
      // Whatever takes a list of subnets spans two zones (subnet groups and load balancers insist on it).
      if (
        required &&
        target?.origin === "dependency" &&
        relation.list &&
        relation.target === "aws_subnet" &&
        nodes.filter(usable).length < 2 &&
        nodes.length < MAX_NODES
      )
        addNode(target.type, "dependency", target.why, node.at, `${target.name}_2`, node);
      const targets = target === undefined ? [] : relation.list ? nodes.filter(usable) : [target];
      for (const t of targets) edges.set(node, new Set([...(edges.get(node) ?? []), t]));
      const refs = target !== undefined ? targets.map(refOf) : existingRef !== undefined ? [existingRef] : [];
      if (refs.length > 0) {
        const value = relation.list
          ? { k: "list" as const, items: refs.map((r) => raw(`${r}.${relation.attribute}`)) }
          : raw(`${refs[0]}.${relation.attribute}`);
        setOnce(node, path, value);
        return;
      }
    }
    if (!required) {
      const known = knownValue(arg, spec, valueEnvFor(node), path, false);
      if (known !== undefined) setOnce(node, path, known);
      return;
    }
    if (node.type === "aws_iam_role" && arg === "assume_role_policy") {
      const principal =
        principalFor(node.serves ?? "") ??
        principalFor(
          nodes.find((n) => principalFor(n.type) !== undefined && n.type !== "aws_iam_role")?.type ?? "",
        );
      if (principal !== undefined) {
        setOnce(node, path, trustPolicy(principal), `only ${principal} may assume it`);
        return;
      }
    }
    if (node.type === "aws_lambda_permission" && arg === "principal") {
      setOnce(node, path, str("events.amazonaws.com"));
      return;
    }
    const known = knownValue(arg, spec, valueEnvFor(node), path, required);
    if (known !== undefined) setOnce(node, path, known);
    else if (required) setOnce(node, path, raw(variableFor(node, path, spec, docUrl)));
  };

  // 4. Every resource gets its required arguments and blocks, the provider's one-of choices, then the
  //    secure defaults of its category. New resources added on the way are filled in the same loop.
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as Node;
    // Resources added to satisfy a reference bring their own companions (a Lambda's new role, its policy).
    if (!accompanied.has(node)) {
      accompanied.add(node);
      addCompanions(companionEnv, [node]);
    }
    const ts = typeSchema(node.type);
    if (ts === undefined) continue;
    const walk = (
      block: {
        attributes: ReadonlyMap<string, AttributeSchema>;
        blocks: ReadonlyMap<
          string,
          {
            required: boolean;
            attributes: ReadonlyMap<string, AttributeSchema>;
            blocks: ReadonlyMap<string, unknown>;
          }
        >;
      },
      base: string,
      depth: number,
    ): void => {
      // References first: a VPC added for `vpc_id` is then there for `cidr_block` to be carved from.
      const ordered = [...block.attributes].sort(
        ([a], [b]) => Number(/_(?:id|arn)s?$/.test(b)) - Number(/_(?:id|arn)s?$/.test(a)),
      );
      for (const [name, spec] of ordered) {
        const path = `${base}${name}`;
        // Subnets are placed in distinct zones so that subnet groups (RDS, ElastiCache) accept them.
        if (spec.required || (node.type === "aws_subnet" && path === "availability_zone"))
          fill(node, path, spec, ts.docUrl, true);
        else if (!ts.computed.includes(name)) fill(node, path, spec, ts.docUrl, false);
      }
      const required = new Set(ctx.hints.blocks[node.type] ?? []);
      for (const [name, nested] of block.blocks) {
        const path = `${base}${name}`;
        const used = [...node.set.keys()].some((k) => k.startsWith(`${path}.`));
        if ((nested.required || required.has(path) || used) && depth < 4)
          walk(nested as never, `${path}.`, depth + 1);
      }
    };
    walk(ts, "", 0);
    for (const group of ctx.hints.oneOf[node.type] ?? []) {
      if (group.some((p) => node.set.has(p) || [...node.set.keys()].some((k) => k.startsWith(`${p}.`))))
        continue;
      // Prefer the choice the plan or the repo can answer (a VPC it has) over the first one listed.
      const wired = group.find((p) => {
        const spec = lookup(ts, p);
        const relation =
          spec === undefined ? null : relationOf(node.type, p.split(".").pop() ?? p, spec, schema);
        return (
          relation !== null &&
          (nodes.some((n) => n.type === relation.target) ||
            (SHARED.test(relation.target) && find(relation.target) !== undefined))
        );
      });
      const choice =
        wired ??
        group.find(
          (p) =>
            lookup(ts, p) !== undefined &&
            knownValue(
              p.split(".").pop() ?? p,
              lookup(ts, p) as AttributeSchema,
              valueEnvFor(node),
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
    const category = categoryOf(node.type);
    const env = { kmsKey: ctx.kmsKey, finalSnapshot: nameValue({ prefix }, node.name, "-final") };
    for (const rule of DEFAULTS) {
      if (!rule.categories.includes(category) || lookup(ts, rule.path) === undefined) continue;
      const parent = rule.path.includes(".") ? rule.path.slice(0, rule.path.lastIndexOf(".")) : "";
      if (
        parent !== "" &&
        !(lookupBlock(ts, parent)?.nesting === "single" || lookupBlock(ts, parent) !== undefined)
      )
        continue;
      if (rule.path === "sqs_managed_sse_enabled" && node.set.has("kms_master_key_id")) continue;
      const value = rule.value(env);
      if (value !== undefined) setOnce(node, rule.path, value, rule.note);
    }
    if (
      repo.tags.style === "per_resource_merge" &&
      repo.tags.expression !== undefined &&
      ts.attributes.has("tags")
    )
      setOnce(node, "tags", raw(repo.tags.expression), "tagged by the repository's convention");
  }
  // References to resources added later in the loop (the VPC a subnet brought, after the security group
  // was filled) are wired now; fill only links to what the plan has, it adds nothing here.
  for (const node of nodes) {
    const ts = typeSchema(node.type);
    if (ts === undefined) continue;
    for (const [name, spec] of ts.attributes)
      if (!ts.computed.includes(name) && relationOf(node.type, name, spec, schema) !== null)
        fill(node, name, spec, ts.docUrl, false);
  }
  return { nodes, reused, variables, data, claimed, understood, missing };
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
