import { z } from "zod";
import { attr, num, str, strs } from "../hcl/writer.js";
import type { Item } from "../hcl/writer.js";
import {
  awsName,
  identOf,
  identSchema,
  nameSchema,
  policyDocument,
  policyJson,
  ref,
  resource,
} from "../common.js";
import type { RecipeDefinition } from "../types.js";

const ISSUER = "token.actions.githubusercontent.com";
const refName = z
  .string()
  .regex(/^[A-Za-z0-9._/-]{1,100}$/, "a branch, tag or environment name without wildcards")
  .refine((v) => !v.includes(".."), "no '..'");

const subject = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("branch"), value: refName }),
  z.object({ kind: z.literal("tag"), value: refName }),
  z.object({ kind: z.literal("environment"), value: refName }),
  z.object({ kind: z.literal("pull_request") }),
]);
type Subject = z.infer<typeof subject>;

const params = z.object({
  name: nameSchema,
  repository: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/, "owner/repo"),
  subjects: z
    .array(subject)
    .min(1)
    .max(10)
    .default([{ kind: "branch", value: "main" }]),
  policy_arns: z
    .array(
      z
        .string()
        .regex(/^arn:aws:iam::(?:aws|\d{12}):policy\/[A-Za-z0-9+=,.@_/-]{1,512}$/, "an IAM policy ARN"),
    )
    .max(10)
    .default([]),
  existing_provider: identSchema
    .optional()
    .describe("identifier of an aws_iam_openid_connect_provider already in the repo"),
  max_session_hours: z.number().int().min(1).max(12).default(1),
});

function claim(repo: string, s: Subject): string {
  if (s.kind === "pull_request") return `repo:${repo}:pull_request`;
  if (s.kind === "environment") return `repo:${repo}:environment:${s.value}`;
  return `repo:${repo}:ref:refs/${s.kind === "branch" ? "heads" : "tags"}/${s.value}`;
}

export const githubOidcRole: RecipeDefinition<typeof params> = {
  id: "github-oidc-role",
  title: "GitHub Actions OIDC role",
  description:
    "IAM role that GitHub Actions in one repository assume through OIDC: audience pinned to sts.amazonaws.com and exact subject claims, no wildcards, no long-lived keys.",
  file: "iam.tf",
  service: "iam",
  params,
  render(p, env) {
    const id = identOf(p.name);
    const name = awsName(env, p.name);
    const provider = p.existing_provider ?? "github";
    const subs = [...new Set(p.subjects.map((s) => claim(p.repository, s)))];
    const blocks: Item[] = [];
    if (p.existing_provider === undefined) {
      // Thumbprints are no longer checked by AWS for GitHub's issuer, so none is pinned here.
      blocks.push(
        resource(
          env,
          "aws_iam_openid_connect_provider",
          provider,
          [attr("url", str(`https://${ISSUER}`)), attr("client_id_list", strs(["sts.amazonaws.com"]))],
          awsName(env, "github-actions-oidc"),
        ),
      );
    }
    blocks.push(
      policyDocument(`${id}_trust`, [
        {
          effect: "Allow",
          actions: ["sts:AssumeRoleWithWebIdentity"],
          principals: [
            {
              type: "Federated",
              identifiers: { k: "list", items: [ref("aws_iam_openid_connect_provider", provider, "arn")] },
            },
          ],
          conditions: [
            { test: "StringEquals", variable: `${ISSUER}:aud`, values: strs(["sts.amazonaws.com"]) },
            { test: "StringEquals", variable: `${ISSUER}:sub`, values: strs(subs) },
          ],
        },
      ]),
      resource(
        env,
        "aws_iam_role",
        id,
        [
          attr("name", name),
          attr("assume_role_policy", policyJson(`${id}_trust`)),
          attr("max_session_duration", num(p.max_session_hours * 3600)),
        ],
        name,
      ),
      ...p.policy_arns.map((arn, i) =>
        resource(env, "aws_iam_role_policy_attachment", `${id}_${i + 1}`, [
          attr("role", ref("aws_iam_role", id, "name")),
          attr("policy_arn", str(arn)),
        ]),
      ),
    );
    return {
      blocks,
      shared: [],
      extraFiles: [],
      notes: [
        p.existing_provider === undefined
          ? `creates the account's GitHub OIDC provider (${ISSUER}); if the account already has one, import it instead`
          : `uses aws_iam_openid_connect_provider.${provider}`,
        "trust pinned to audience sts.amazonaws.com (no thumbprint pinned: needs hashicorp/aws >= 5.81)",
        `trust limited to exactly: ${subs.map((s) => `\`${s}\``).join(", ")} (no wildcards)`,
        `sessions last at most ${p.max_session_hours} h`,
        p.policy_arns.length === 0
          ? "no permissions attached yet: attach a least-privilege policy"
          : `attached policies: ${p.policy_arns.join(", ")}`,
      ],
    };
  },
};
