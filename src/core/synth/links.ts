import { num, raw, str } from "../recipes/hcl/writer.js";
import { refOf, setOnce, type Node } from "./node.js";
import { trafficRules } from "./traffic.js";

/** What the linking phase may do to the plan being built (see build.ts). */
export interface LinkEnv {
  nodes: Node[];
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
  if (rules.length === 0) return unparsed.map((s) => `traffic rule: "${s.slice(0, 80)}"`);
  let group = env.nodes.find((n) => n.type === "aws_security_group" && n.origin === "requested");
  if (group === undefined) {
    const consumer = env.nodes.find((n) => IN_A_GROUP.test(n.type));
    if (consumer === undefined && env.find("aws_security_group") === undefined)
      return rules.map((r) => `traffic rule without a resource to apply it to: "${r.phrase.slice(0, 80)}"`);
    group = env.add("aws_security_group", "the traffic the request allows", consumer?.at ?? -1);
  }
  const vpc = env.find("aws_vpc");
  for (const rule of rules) {
    const type = `aws_vpc_security_group_${rule.direction}_rule`;
    const node = env.add(type, `asked for: "${rule.phrase.slice(0, 60)}"`, group.at, rule.name);
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
  return unparsed.map((s) => `traffic rule: "${s.slice(0, 80)}"`);
}

const JOIN = /^(?:associat|attach|link|connect)/;

/**
 * "Associate the DHCP options with the VPC", "attach the disk to the instance": when the schema has a
 * `<type>_association` or `<type>_attachment` for a resource the request names in the same sentence as such
 * a verb, that joining resource is part of the request; its references are wired like any other.
 */
export function addAssociations(
  env: LinkEnv,
  request: string,
  tokens: readonly { word: string; at: number }[],
): void {
  const boundaries = [...request.matchAll(/[.;!?](?:\s|$)|\n/g)].map((m) => m.index);
  const sentenceOf = (at: number): number => boundaries.filter((b) => b < at).length;
  const verbs = new Set(tokens.filter((t) => JOIN.test(t.word)).map((t) => sentenceOf(t.at)));
  if (verbs.size === 0) return;
  for (const node of [...env.nodes]) {
    if (node.origin !== "requested" || node.at < 0) continue;
    if (!verbs.has(sentenceOf(tokens[node.at]?.at ?? -1))) continue;
    const joining = [`${node.type}_association`, `${node.type}_attachment`].find((t) => env.hasType(t));
    // A policy is attached to a role with the role's own attachment type, never the exclusive one.
    const type =
      node.type === "aws_iam_policy" && env.find("aws_iam_role") !== undefined
        ? "aws_iam_role_policy_attachment"
        : joining;
    if (type === undefined || env.nodes.some((n) => n.type === type)) continue;
    env.add(type, `asked to associate ${refOf(node)}`, node.at, node.name);
  }
}
