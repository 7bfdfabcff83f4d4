import { describe, expect, it } from "@jest/globals";
import { type PlanSummary, parsePlan, summarizePlan } from "../../../src/core/plan/index.js";
import { planFixture } from "./fixtures.js";

const summarize = (name: string): PlanSummary => summarizePlan(parsePlan(planFixture(name)));

describe("risks", () => {
  it("flags deletes, replacements, stateful types, IAM, open ingress and S3 public access, each with a reason", () => {
    expect(summarize("risks.json").risks).toEqual([
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
    ]);
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
