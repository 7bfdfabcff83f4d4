import { describe, expect, it } from "@jest/globals";
import { type PlanSummary, parsePlan, summarizePlan } from "../../../src/core/plan/index.js";
import { planFixture } from "./fixtures.js";

const RANK = { critical: 0, high: 1, info: 2 } as const;
const summarize = (name: string): PlanSummary => summarizePlan(parsePlan(planFixture(name)));

describe("risks", () => {
  it("flags deletes, replacements, stateful types, IAM, open ingress and S3 public access, each with a reason", () => {
    const risks = summarize("risks.json").risks;
    const plain = risks.map(({ address, kind, reason }) => ({ address, kind, reason }));
    expect(risks.map((r) => r.severity)).toEqual(
      [...risks.map((r) => r.severity)].sort((a, b) => RANK[a] - RANK[b]),
    );
    expect(plain).toHaveLength(22);
    expect(plain).toEqual(
      expect.arrayContaining([
        {
          address: "aws_dynamodb_table.orders",
          kind: "delete",
          reason: "destroyed: removed from the configuration",
        },
        {
          address: "aws_dynamodb_table.orders",
          kind: "stateful",
          reason: "stateful table: destroying it loses its data",
        },
        {
          address: "module.storage.aws_s3_bucket.data",
          kind: "replace",
          reason: "destroyed, then re-created; forced by object_lock_enabled",
        },
        {
          address: "module.storage.aws_s3_bucket.data",
          kind: "stateful",
          reason: "stateful bucket: the replacement starts empty, existing data is lost unless restored",
        },
        {
          address: "aws_kms_key.main",
          kind: "replace",
          reason: "destroyed, then re-created; replacement was requested (-replace)",
        },
        {
          address: "aws_kms_key.main",
          kind: "stateful",
          reason: "encryption key: once the old key is deleted, data encrypted under it cannot be decrypted",
        },
        { address: "aws_cloudwatch_log_group.app", kind: "delete", reason: "destroyed" },
        {
          address: "aws_cloudwatch_log_group.app",
          kind: "stateful",
          reason: "stateful log group: destroying it loses its data",
        },
        { address: "aws_iam_policy.admin", kind: "iam", reason: "permissions added; allows every action" },
        {
          address: "aws_iam_role_policy.reader",
          kind: "iam",
          reason: "permissions changed; allows every action",
        },
        { address: "aws_iam_role.deploy", kind: "iam", reason: "policy changed (assume_role_policy)" },
        {
          address: "aws_iam_role_policy_attachment.ci_admin",
          kind: "iam",
          reason: "permissions added; attaches AdministratorAccess",
        },
        {
          address: "aws_s3_bucket_policy.site",
          kind: "iam",
          reason: 'permissions added; open to any principal ("*") without a condition',
        },
        {
          address: "aws_security_group.web",
          kind: "public-ingress",
          reason: "ingress tcp 22 open to 0.0.0.0/0",
        },
        { address: "aws_security_group.web", kind: "public-ingress", reason: "ingress tcp 22 open to ::/0" },
        {
          address: "aws_security_group_rule.all",
          kind: "public-ingress",
          reason: "ingress all traffic open to 0.0.0.0/0",
        },
        {
          address: "aws_vpc_security_group_ingress_rule.rdp",
          kind: "public-ingress",
          reason: "ingress tcp 3389 open to ::/0",
        },
        {
          address: "aws_s3_bucket_public_access_block.site",
          kind: "s3-public",
          reason: "public access block relaxed: block_public_policy, restrict_public_buckets not enabled",
        },
        { address: "aws_s3_account_public_access_block.account", kind: "delete", reason: "destroyed" },
        {
          address: "aws_s3_account_public_access_block.account",
          kind: "s3-public",
          reason: "public access block removed",
        },
        { address: "aws_s3_bucket_acl.site", kind: "s3-public", reason: "ACL set to public-read" },
        { address: "aws_s3_bucket_acl.grants", kind: "s3-public", reason: "ACL grants access to all users" },
      ]),
    );
  });

  it("does not flag a role whose policies did not change, egress, a private CIDR, or a data source", () => {
    const addresses = summarize("risks.json").risks.map((r) => r.address);
    for (const quiet of [
      "aws_iam_role.tags_only",
      "aws_security_group_rule.egress",
      "aws_vpc_security_group_ingress_rule.office",
      "aws_instance.app",
    ]) {
      expect(addresses).not.toContain(quiet);
    }
    expect(summarize("all-actions.json").risks.map((r) => r.address)).not.toContain("data.aws_ami.ubuntu");
  });
});

describe("IAM risks judged by what they grant", () => {
  const plan = (before: object, after: object) => {
    const raw = JSON.parse(planFixture("risks.json").toString()) as {
      resource_changes: Record<string, unknown>[];
    };
    raw.resource_changes = [
      {
        address: "aws_iam_policy.app",
        mode: "managed",
        type: "aws_iam_policy",
        name: "app",
        provider_name: "registry.terraform.io/hashicorp/aws",
        change: {
          actions: ["update"],
          before,
          after,
          after_unknown: {},
          before_sensitive: {},
          after_sensitive: {},
        },
      },
    ];
    return summarizePlan(parsePlan(Buffer.from(JSON.stringify(raw)))).risks;
  };
  const narrow = JSON.stringify({
    Statement: [
      { Effect: "Allow", Action: ["ssm:GetParameter"], Resource: "arn:aws:ssm:eu-west-1:1:parameter/app/*" },
    ],
  });
  const wide = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });

  it("does not call a tag-only change a permissions change", () => {
    expect(plan({ policy: narrow, tags: { team: "a" } }, { policy: narrow, tags: { team: "b" } })).toEqual(
      [],
    );
  });

  it("ranks a narrow policy change as info and an allow-everything one as critical", () => {
    const other = JSON.stringify({
      Statement: [{ Effect: "Allow", Action: ["ssm:GetParameters"], Resource: "*" }],
    });
    expect(plan({ policy: narrow }, { policy: other }).map((r) => r.severity)).toEqual(["info"]);
    expect(plan({ policy: narrow }, { policy: wide })).toEqual([
      {
        address: "aws_iam_policy.app",
        kind: "iam",
        severity: "critical",
        reason: "permissions changed; allows every action",
      },
    ]);
  });
});
