import { clipWords } from "../text/clip.js";
import { list, num, raw, str, type Value } from "../recipes/hcl/writer.js";
import type { AwsProviderSchema } from "../terraform/schema/index.js";
import { joinFor, joinTargets, referencesTo } from "./joins.js";
import { refOf, setOnce, type Node } from "./node.js";
import type { Relation } from "./relations.js";
import { trafficRules } from "./traffic.js";
import { singular } from "./words.js";

/** What the linking phase may do to the plan being built (see build.ts). */
export interface LinkEnv {
  nodes: Node[];
  schema: AwsProviderSchema;
  hasType(type: string): boolean;
  add(type: string, why: string, at: number, name?: string): Node;
  find(type: string): string | undefined;
  /** Declares a variable the user must set and returns its reference. */
  variable(name: string, type: string, description: string): string;
}

/** Resources that sit in a security group: a rule the request states needs a group to live in. */
const IN_A_GROUP =
  /^aws_(?:instance|db_instance|rds_cluster|lb|elasticache_.*|launch_template|ecs_service|efs_mount_target|lambda_function|redshift_cluster|opensearch_domain|mq_broker|msk_cluster)$/;

/**
 * "Allow inbound HTTPS from anywhere and all outbound": one `aws_vpc_security_group_*_rule` per rule, in the
 * group the request asks for (or a new one when only the resources that sit in it are asked for). Returns
 * the sentences about traffic that no rule could be read from.
 */
export function addTrafficRules(env: LinkEnv, request: string): string[] {
  const { rules, unparsed } = trafficRules(request);
  if (rules.length === 0) return unparsed.map((s) => `traffic rule: "${clipWords(s, 80)}"`);
  let group = env.nodes.find((n) => n.type === "aws_security_group" && n.origin === "requested");
  if (group === undefined) {
    const consumer = env.nodes.find((n) => IN_A_GROUP.test(n.type));
    if (consumer === undefined && env.find("aws_security_group") === undefined)
      return rules.map((r) => `traffic rule without a resource to apply it to: "${clipWords(r.phrase, 80)}"`);
    group = env.add("aws_security_group", "the traffic the request allows", consumer?.at ?? -1);
  }
  const vpc = env.find("aws_vpc");
  for (const rule of rules) {
    const type = `aws_vpc_security_group_${rule.direction}_rule`;
    const node = env.add(type, `asked for: "${clipWords(rule.phrase, 60)}"`, group.at, rule.name);
    setOnce(node, "security_group_id", raw(`${refOf(group)}.id`));
    setOnce(node, "ip_protocol", str(rule.protocol));
    if (rule.protocol !== "-1") {
      setOnce(node, "from_port", num(rule.fromPort));
      setOnce(node, "to_port", num(rule.toPort));
    }
    const cidr =
      rule.source !== "vpc"
        ? str(rule.source)
        : vpc !== undefined
          ? raw(`${vpc}.cidr_block`)
          : raw(
              env.variable(
                `${rule.name}_cidr`,
                "string",
                `CIDR range allowed by the ${rule.direction} rule ${rule.name} (the request did not say from where).`,
              ),
            );
    setOnce(
      node,
      "cidr_ipv4",
      cidr,
      rule.source === "vpc" && vpc !== undefined ? "from inside the VPC" : `${rule.direction} ${rule.source}`,
    );
  }
  return unparsed.map((s) => `traffic rule: "${clipWords(s, 80)}"`);
}

const JOIN = /^(?:associat|attach|link|connect)/;
/** The verbs, not the nouns: "attachment", "connection", "connectivity" name no link between two things. */
const JOIN_VERB = /^(?:associat(?:e|ed|es|ing)|attach(?:ed|es|ing)?|link(?:ed|s|ing)?|connect(?:ed|s|ing)?)$/;
/** Phrases that put one resource in front of another: a distribution with an instance as its origin. */
const JOIN_PHRASE = /\b(?:in\s+front\s+of|as\s+(?:an?\s+|the\s+|its\s+)?origin)\b/gi;
/** Documented as exclusive: it takes every attachment of the policy over, so it is never the join chosen. */
const EXCLUSIVE = new Set(["aws_iam_policy_attachment"]);

/** A resource the request names at a token position: new ones of the plan, or the one the repo has. */
export interface Mention {
  at: number;
  /** Token position after its last word. */
  to: number;
  type: string;
  refs: string[];
  nodes?: Node[];
}

/**
 * "These DHCP options are associated with the VPC", "link the disk with the Lightsail instance", "associate
 * the role with the Redshift cluster": two resources named in one sentence with a joining verb are
 * connected by the provider's join type for that pair (`aws_vpc_dhcp_options_association`,
 * `aws_lightsail_disk_attachment`, `aws_redshift_cluster_iam_roles`, see joins.ts), unless one of them
 * already points at the other with an argument of its own (a security group's `vpc_id`). Arguments of the
 * two that the join manages stay unset. A resource named with such a verb and no partner keeps the
 * `<type>_association`/`_attachment` of its own type.
 */
export function addAssociations(
  env: LinkEnv,
  request: string,
  tokens: readonly { word: string; at: number }[],
  mentions: readonly Mention[],
): void {
  const boundaries = [...request.matchAll(/[.;!?](?:\s|$)|\n/g)].map((m) => m.index);
  const sentenceOf = (at: number): number => boundaries.filter((b) => b < at).length;
  const verbs = new Set(tokens.filter((t) => JOIN.test(t.word)).map((t) => sentenceOf(t.at)));
  // Token positions of the joining verbs, and of the last token of each "as an origin" phrase.
  const links = [
    ...tokens.flatMap((t, i) => (JOIN_VERB.test(t.word) ? [i] : [])),
    ...[...request.matchAll(JOIN_PHRASE)].map((m) => tokens.findIndex((t) => t.at >= m.index)),
  ];
  const phrases = new Set(links.slice(links.length - [...request.matchAll(JOIN_PHRASE)].length));
  // A verb links the nearest things on either side of it ("the options are associated with the VPC") and
  // the two that follow it ("associate the role with the cluster"); "a distribution with an instance as its
  // origin" links the two nearest before the phrase. Only within one sentence.
  const named = [...mentions, ...shortMentions(tokens, mentions)]
    .filter((m) => m.refs.length > 0)
    .sort((a, b) => a.at - b.at);
  const joined = new Set<string>();
  for (const v of links) {
    const sentence = sentenceOf(tokens[v]?.at ?? -1);
    const here = named.filter((m) => sentenceOf(tokens[m.at]?.at ?? -1) === sentence);
    const before = here.filter((m) => m.at < v);
    const after = here.filter((m) => m.at > v);
    const pairs = phrases.has(v)
      ? [[before.at(-2), before.at(-1)]]
      : [
          [before.at(-1), after[0]],
          [after[0], after[1]],
        ];
    for (const [x, y] of pairs)
      if (x !== undefined && y !== undefined && x.type !== y.type) joinPair(env, x, y, joined);
  }
  for (const node of [...env.nodes]) {
    if (node.origin !== "requested" || node.at < 0 || joined.has(refOf(node))) continue;
    if (!verbs.has(sentenceOf(tokens[node.at]?.at ?? -1))) continue;
    const joining = [`${node.type}_association`, `${node.type}_attachment`].find((t) => env.hasType(t));
    // A policy is attached to a role with the role's own attachment type, never the exclusive one.
    const type =
      node.type === "aws_iam_policy" && env.find("aws_iam_role") !== undefined
        ? "aws_iam_role_policy_attachment"
        : joining;
    if (type === undefined || env.nodes.some((n) => n.type === type)) continue;
    // An Elastic IP with its own `instance` argument needs no aws_eip_association to the planned instance.
    const partners = [...joinTargets(env.schema, type)].filter((t) => t !== node.type);
    if (
      partners.some((t) => env.nodes.some((n) => n.type === t) && referencesTo(env.schema, node.type, t).own)
    )
      continue;
    env.add(type, `asked to associate ${refOf(node)}`, node.at, node.name);
  }
}

/**
 * "A Redshift cluster and a role; associate the role with the cluster": the last word of a thing named
 * earlier in several words, said alone later, is that thing again.
 */
function shortMentions(tokens: readonly { word: string }[], mentions: readonly Mention[]): Mention[] {
  const inside = new Set(mentions.flatMap((m) => Array.from({ length: m.to - m.at }, (_, k) => m.at + k)));
  const out: Mention[] = [];
  tokens.forEach((token, i) => {
    if (inside.has(i)) return;
    const earlier = mentions.find(
      (m) => m.at < i && m.to - m.at > 1 && singular(tokens[m.to - 1]?.word ?? "") === singular(token.word),
    );
    if (earlier !== undefined) out.push({ ...earlier, at: i, to: i + 1 });
  });
  return out;
}

function joinPair(env: LinkEnv, x: Mention, y: Mention, joined: Set<string>): void {
  const xTo = referencesTo(env.schema, x.type, y.type);
  const yTo = referencesTo(env.schema, y.type, x.type);
  // Joined by an argument of their own: the filler wires it, and no `_association` of either is added.
  if (xTo.own || yTo.own) {
    for (const ref of [...x.refs, ...y.refs]) joined.add(ref);
    return;
  }
  const join = joinFor(env.schema, x.type, y.type);
  if (join === undefined || EXCLUSIVE.has(join.type)) return;
  const xArg = join.args.get(x.type);
  const yArg = join.args.get(y.type);
  if (xArg === undefined || yArg === undefined) return;
  // "two subnets associated with the route table": one join for each of the several.
  const [many, one, manyArg, oneArg] =
    x.refs.length >= y.refs.length ? [x, y, xArg, yArg] : [y, x, yArg, xArg];
  for (const [k, ref] of many.refs.entries()) {
    const other = one.refs[Math.min(k, one.refs.length - 1)] ?? "";
    const already = env.nodes.some(
      (n) =>
        n.type === join.type &&
        JSON.stringify(n.set.get(manyArg.arg)) === JSON.stringify(value(ref, manyArg)) &&
        JSON.stringify(n.set.get(oneArg.arg)) === JSON.stringify(value(other, oneArg)),
    );
    if (already) continue;
    const named = many.nodes?.[k] ?? one.nodes?.[0];
    const node = env.add(join.type, `asked to join ${ref} and ${other}`, Math.min(x.at, y.at), named?.name);
    setOnce(node, manyArg.arg, value(ref, manyArg), `joins ${ref}`);
    setOnce(node, oneArg.arg, value(other, oneArg), `joins ${other}`);
    joined.add(ref).add(other);
  }
  // The join manages the link: the two resources' own arguments for it stay unset.
  for (const [mention, args] of [
    [x, xTo.args],
    [y, yTo.args],
  ] as const)
    for (const n of mention.nodes ?? []) n.unset = new Set([...(n.unset ?? []), ...args]);
}

const value = (ref: string, relation: Relation): Value =>
  relation.list ? list(raw(`${ref}.${relation.attribute}`)) : raw(`${ref}.${relation.attribute}`);
