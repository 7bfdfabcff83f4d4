import { type RiskRule, after, before, hasAfter, list, record, strings } from "./risk-util.js";
import type { Risk } from "./types.js";

const WORLD = new Set(["0.0.0.0/0", "::/0"]);

/** Security-group ingress newly opened to the whole internet (IPv4 or IPv6). */
const INGRESS_TYPES = new Set([
  "aws_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
]);

export const publicIngressRisk: RiskRule = (s) => {
  if (!hasAfter(s.kind) || !INGRESS_TYPES.has(s.change.type)) return [];
  const already = openRules(before(s), s.change.type);
  const opened = [...openRules(after(s), s.change.type)].filter((rule) => !already.has(rule));
  // Web ports on the internet are what a public load balancer is for: worth a look, not an alarm.
  return opened.map((rule) => ({
    address: s.change.address,
    kind: "public-ingress",
    severity: /^tcp (80|443) /.test(rule) ? "high" : "critical",
    reason: `ingress ${rule}`,
  }));
};

/** Rules as "tcp 22 open to 0.0.0.0/0" for the three ways the AWS provider expresses ingress. */
function openRules(values: Record<string, unknown>, type: string): Set<string> {
  const rules = new Set<string>();
  if (type === "aws_security_group") {
    for (const item of list(values.ingress)) {
      const rule = record(item) ?? {};
      addOpen(rules, rule, [...strings(rule.cidr_blocks), ...strings(rule.ipv6_cidr_blocks)]);
    }
  } else if (type === "aws_security_group_rule" && values.type === "ingress") {
    addOpen(rules, values, [...strings(values.cidr_blocks), ...strings(values.ipv6_cidr_blocks)]);
  } else if (type === "aws_vpc_security_group_ingress_rule") {
    addOpen(rules, values, strings([values.cidr_ipv4, values.cidr_ipv6]));
  }
  return rules;
}

function addOpen(rules: Set<string>, rule: Record<string, unknown>, cidrs: string[]): void {
  for (const cidr of cidrs) if (WORLD.has(cidr)) rules.add(`${ports(rule)} open to ${cidr}`);
}

function ports(rule: Record<string, unknown>): string {
  const protocol = scalar(rule.protocol ?? rule.ip_protocol) || "tcp";
  if (protocol === "-1" || protocol === "all") return "all traffic";
  const from = scalar(rule.from_port);
  const to = scalar(rule.to_port);
  if (from === "") return protocol;
  return from === to ? `${protocol} ${from}` : `${protocol} ${from}-${to}`;
}

function scalar(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

const BLOCK_FLAGS = [
  "block_public_acls",
  "block_public_policy",
  "ignore_public_acls",
  "restrict_public_buckets",
];
const PUBLIC_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
const ALL_USERS = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/;

/** S3 public access relaxed: a block turned off or removed, or a public ACL granted. */
export const s3PublicRisk: RiskRule = (s) => {
  const { type, address } = s.change;
  const risk = (reason: string): Risk => ({ address, kind: "s3-public", severity: "critical", reason });
  if (type === "aws_s3_bucket_public_access_block" || type === "aws_s3_account_public_access_block") {
    if (s.kind === "delete") return [risk("public access block removed")];
    if (!hasAfter(s.kind)) return [];
    const off = BLOCK_FLAGS.filter(
      (flag) => after(s)[flag] !== true && (s.kind === "create" || before(s)[flag] === true),
    );
    return off.length === 0 ? [] : [risk(`public access block relaxed: ${off.join(", ")} not enabled`)];
  }
  if ((type === "aws_s3_bucket_acl" || type === "aws_s3_bucket") && hasAfter(s.kind)) {
    const acl = after(s).acl;
    if (typeof acl === "string" && PUBLIC_ACLS.has(acl) && before(s).acl !== acl)
      return [risk(`ACL set to ${acl}`)];
    if (grantsEveryone(after(s)) && !grantsEveryone(before(s)))
      return [risk("ACL grants access to all users")];
  }
  return [];
};

function grantsEveryone(values: Record<string, unknown>): boolean {
  const policies = list(values.access_control_policy);
  return JSON.stringify(policies).match(ALL_USERS) !== null;
}
