import { blocks, isExpression, isLiteralTrue, references, shown, stringList } from "../values.js";
import type { Hit, TableRule } from "./types.js";

const PUBLIC_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
const BLOCK_FLAGS = [
  "block_public_acls",
  "block_public_policy",
  "ignore_public_acls",
  "restrict_public_buckets",
];
const WORLD = new Set(["0.0.0.0/0", "::/0"]);
// Web ports on the whole internet are what a public load balancer is for: worth a note, not a failure.
const WEB_PORTS = new Set(["80", "443"]);

export const s3PublicAcl: TableRule = {
  id: "security/s3-public-acl",
  source: "security",
  level: "error",
  title: "S3 bucket ACL grants public access",
  help: "A public-read, public-read-write or authenticated-read ACL lets anyone read (or write) the objects. Serve public content through CloudFront with an origin access control instead.",
  check(s) {
    if (s.type !== "aws_s3_bucket_acl" && s.type !== "aws_s3_bucket") return [];
    const acl = s.body.acl;
    if (typeof acl === "string" && PUBLIC_ACLS.has(acl))
      return [
        { message: `${s.address} sets the ACL \`${acl}\``, path: ["acl"], suggestion: 'acl = "private"' },
      ];
    const grants = JSON.stringify(s.body.access_control_policy ?? null);
    if (/acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/.test(grants))
      return [{ message: `${s.address} grants access to all users`, path: ["access_control_policy"] }];
    return [];
  },
};

export const s3BlockRelaxed: TableRule = {
  id: "security/s3-public-access-block-off",
  source: "security",
  level: "error",
  title: "S3 public access block not fully enabled",
  help: "All four public access block settings should be true; each one left off allows a way of making objects public.",
  check(s) {
    if (s.type !== "aws_s3_bucket_public_access_block" && s.type !== "aws_s3_account_public_access_block")
      return [];
    // An omitted flag defaults to false in the AWS provider.
    const off = BLOCK_FLAGS.filter((flag) => !isLiteralTrue(s.body[flag]) && !isExpression(s.body[flag]));
    if (off.length === 0) return [];
    const path = off.find((flag) => s.body[flag] !== undefined);
    return [
      {
        message: `${s.address} leaves ${off.map((f) => `\`${f}\``).join(", ")} off`,
        ...(path ? { path: [path] } : {}),
        suggestion: off.map((f) => `${f} = true`).join("; "),
      },
    ];
  },
};

export const s3MissingBlock: TableRule = {
  id: "security/s3-missing-public-access-block",
  source: "security",
  level: "warning",
  title: "S3 bucket without a public access block",
  help: "Declare an aws_s3_bucket_public_access_block with all four settings true (or an account-level block), so the bucket stays private even if the account default changes.",
  check(s, repo) {
    if (s.type !== "aws_s3_bucket") return [];
    if (repo.ofType("aws_s3_account_public_access_block").length > 0) return [];
    const blocked = repo
      .ofType("aws_s3_bucket_public_access_block")
      .some((b) => b.dir === s.dir && references(b.body.bucket, s.type, s.name));
    if (blocked) return [];
    return [{ message: `${s.address} has no aws_s3_bucket_public_access_block` }];
  },
};

export const openIngress: TableRule = {
  id: "security/ingress-open-to-internet",
  source: "security",
  level: "error",
  title: "Ingress open to the whole internet",
  help: "A security group rule from 0.0.0.0/0 or ::/0 exposes the port to everyone. Restrict the source to known CIDRs, a load balancer's security group, or use SSM Session Manager instead of SSH.",
  check(s) {
    const hits: Hit[] = [];
    if (s.type === "aws_security_group") {
      blocks(s.body.ingress).forEach((rule, i) => {
        const cidrs = [...stringList(rule.cidr_blocks), ...stringList(rule.ipv6_cidr_blocks)];
        hits.push(...openHits(s.address, rule, cidrs, [`ingress[${i}]`]));
      });
    } else if (s.type === "aws_security_group_rule" && s.body.type === "ingress") {
      const cidrs = [...stringList(s.body.cidr_blocks), ...stringList(s.body.ipv6_cidr_blocks)];
      hits.push(...openHits(s.address, s.body, cidrs, ["cidr_blocks"]));
    } else if (s.type === "aws_vpc_security_group_ingress_rule") {
      hits.push(
        ...openHits(s.address, s.body, stringList([s.body.cidr_ipv4, s.body.cidr_ipv6]), ["cidr_ipv4"]),
      );
    }
    return hits;
  },
};

function openHits(address: string, rule: Record<string, unknown>, cidrs: string[], path: string[]): Hit[] {
  const open = cidrs.filter((c) => WORLD.has(c));
  if (open.length === 0) return [];
  const protocol = shown(rule.protocol ?? rule.ip_protocol ?? "tcp");
  const from = rule.from_port === undefined ? "" : shown(rule.from_port);
  const to = rule.to_port === undefined ? from : shown(rule.to_port);
  const all = protocol === "-1" || protocol === "all";
  const ports = all ? "all traffic" : from === to ? `${protocol} ${from}` : `${protocol} ${from}-${to}`;
  const web = !all && from === to && WEB_PORTS.has(from);
  return [
    {
      message: `${address} opens ${ports} to ${open.join(" and ")}${web ? " (a public web port: fine for a public load balancer)" : ""}`,
      path,
      ...(web ? { level: "note" as const } : {}),
    },
  ];
}

export const EXPOSURE_RULES: readonly TableRule[] = [
  s3PublicAcl,
  s3BlockRelaxed,
  s3MissingBlock,
  openIngress,
];
