import { z } from "zod";
import { attr, block, num, raw, str } from "../hcl/writer.js";
import type { Item } from "../hcl/writer.js";
import { identOf, identSchema, nameSchema, ref, resource, awsName } from "../common.js";
import type { RecipeDefinition, RenderedRecipe } from "../types.js";

const cidr = z.string().refine((text) => {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  return match !== null && match.slice(1, 5).every((octet) => Number(octet) <= 255) && Number(match[5]) <= 32;
}, "an IPv4 CIDR such as 10.0.0.0/16");

const rule = z
  .object({
    from_port: z.number().int().min(0).max(65535),
    to_port: z.number().int().min(0).max(65535).optional(),
    protocol: z.enum(["tcp", "udp"]).default("tcp"),
    cidr,
    description: z
      .string()
      .regex(/^[A-Za-z0-9 .,()_/-]{0,200}$/, "plain words")
      .optional(),
  })
  .refine((r) => r.to_port === undefined || r.to_port >= r.from_port, {
    message: "to_port must be >= from_port",
    path: ["to_port"],
  });
type Rule = z.infer<typeof rule>;

const WEB_PORTS = new Set([80, 443]);
const params = z
  .object({
    name: nameSchema,
    description: z
      .string()
      .regex(/^[A-Za-z0-9 .,()_/-]{1,200}$/, "plain words")
      .optional(),
    vpc: identSchema.optional().describe("identifier of an aws_vpc; otherwise var.vpc_id"),
    ingress: z.array(rule).max(50).default([]),
    egress: z
      .array(rule)
      .max(50)
      .default([{ from_port: 443, protocol: "tcp", cidr: "0.0.0.0/0", description: "HTTPS out" }]),
    allow_public_ingress: z
      .boolean()
      .default(false)
      .describe("permit 0.0.0.0/0 ingress, on ports 80 and 443 only"),
  })
  .superRefine((p, issue) => {
    p.ingress.forEach((r, index) => {
      if (!r.cidr.endsWith("/0")) return;
      const web = WEB_PORTS.has(r.from_port) && (r.to_port ?? r.from_port) === r.from_port;
      if (!p.allow_public_ingress || !web) {
        issue.addIssue({
          code: "custom",
          path: ["ingress", index, "cidr"],
          message:
            "ingress from the whole internet is only allowed for ports 80/443 with allow_public_ingress",
        });
      }
    });
  });

const ruleName = (r: Rule, index: number): string =>
  `${r.protocol}_${r.from_port}${r.to_port !== undefined && r.to_port !== r.from_port ? `_${r.to_port}` : ""}_${index + 1}`;

function ruleBlock(
  env: Parameters<typeof resource>[0],
  type: string,
  sg: string,
  r: Rule,
  index: number,
): Item {
  return resource(env, type, `${sg}_${ruleName(r, index)}`, [
    attr("security_group_id", ref("aws_security_group", sg, "id")),
    attr("description", str(r.description ?? `${r.protocol.toUpperCase()} ${r.from_port}`)),
    attr("ip_protocol", str(r.protocol)),
    attr("from_port", num(r.from_port)),
    attr("to_port", num(r.to_port ?? r.from_port)),
    attr("cidr_ipv4", str(r.cidr)),
  ]);
}

const describe = (r: Rule): string =>
  `${r.protocol}/${r.from_port}${r.to_port !== undefined && r.to_port !== r.from_port ? `-${r.to_port}` : ""} ${r.cidr}`;

export const securityGroup: RecipeDefinition<typeof params> = {
  id: "security-group",
  title: "Security group",
  description:
    "Security group with every rule explicit as its own ingress/egress rule resource; no internet ingress unless explicitly allowed for 80/443, egress HTTPS only by default.",
  file: "security_groups.tf",
  service: "vpc",
  params,
  render(p, env) {
    const id = identOf(p.name);
    const name = awsName(env, p.name);
    const shared: RenderedRecipe["shared"] = [];
    if (p.vpc === undefined) {
      shared.push({
        key: "variable_vpc_id",
        ref: { type: "variable", name: "vpc_id" },
        block: block(
          "variable",
          ["vpc_id"],
          [attr("description", str("VPC the security groups belong to")), attr("type", raw("string"))],
        ),
      });
    }
    const blocks: Item[] = [
      resource(
        env,
        "aws_security_group",
        id,
        [
          attr("name", name),
          attr("description", str(p.description ?? `${p.name} (rules managed as separate resources)`)),
          attr("vpc_id", p.vpc === undefined ? raw("var.vpc_id") : ref("aws_vpc", p.vpc, "id")),
        ],
        name,
      ),
      ...p.ingress.map((r, i) => ruleBlock(env, "aws_vpc_security_group_ingress_rule", id, r, i)),
      ...p.egress.map((r, i) => ruleBlock(env, "aws_vpc_security_group_egress_rule", id, r, i)),
    ];
    return {
      blocks,
      shared,
      extraFiles: [],
      notes: [
        p.ingress.length === 0
          ? "no ingress at all"
          : `ingress only from ${p.ingress.map(describe).join(", ")}`,
        p.egress.length === 0 ? "no egress at all" : `egress only to ${p.egress.map(describe).join(", ")}`,
        "each rule is its own aws_vpc_security_group_*_rule resource, so changes are reviewable one by one",
        ...(p.ingress.some((r) => r.cidr.endsWith("/0"))
          ? ["RISK: ingress open to the internet on a web port, as requested"]
          : []),
      ],
    };
  },
};
