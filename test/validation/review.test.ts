import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";
import { Ajv } from "ajv";
import {
  annotationsOf,
  batches,
  conclusionOf,
  renderReviewSummary,
  toSarif,
  type ReviewReport,
} from "../../src/core/review/index.js";
import { reviewTree } from "../../src/validation/review.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/review");
const insecure = () => reviewTree({ root: join(FIXTURES, "insecure") });

const security = (report: ReviewReport) =>
  report.findings
    .filter((f) => f.source !== "validator")
    .map((f) => `${f.level} ${f.ruleId} ${f.file}:${f.line ?? "-"} ${f.address ?? ""}`)
    .sort();

describe("reviewTree: the security and cost tables over a real tree", () => {
  it("finds every planted problem on the line that causes it, and nothing the insecure tree does right", async () => {
    const report = await insecure();
    expect(security(report)).toEqual(
      [
        "error security/iam-admin iam.tf:15 aws_iam_role_policy_attachment.deploy_admin",
        "error security/iam-admin iam.tf:20 aws_iam_policy.everything",
        "error security/policy-open-to-anyone iam.tf:53 aws_sqs_queue_policy.jobs",
        "warning security/iam-wildcard iam.tf:41 data.aws_iam_policy_document.s3_all",
        "error security/s3-public-acl main.tf:7 aws_s3_bucket_acl.site",
        "error security/s3-public-access-block-off main.tf:12 aws_s3_bucket_public_access_block.site",
        "error security/ingress-open-to-internet main.tf:26 aws_security_group.admin",
        "note security/ingress-open-to-internet main.tf:33 aws_security_group.admin",
        "warning security/s3-missing-public-access-block main.tf:18 aws_s3_bucket.logs",
        "warning security/unencrypted-store main.tf:41 aws_db_instance.orders",
        "warning security/missing-deletion-protection main.tf:41 aws_db_instance.orders",
        "warning security/missing-backups main.tf:48 aws_db_instance.orders",
        "note security/missing-backups main.tf:49 aws_db_instance.orders",
        "warning security/missing-deletion-protection main.tf:53 aws_dynamodb_table.events",
        "warning security/missing-backups main.tf:53 aws_dynamodb_table.events",
        "warning security/unencrypted-store main.tf:65 aws_sns_topic.alerts",
        "warning security/unencrypted-store main.tf:69 aws_ebs_volume.scratch",
        "note cost/instance-size main.tf:44 aws_db_instance.orders",
        "note cost/provisioned-capacity main.tf:56 aws_dynamodb_table.events",
        "note cost/nat-gateway main.tf:74 aws_nat_gateway.main",
        // People wrote it, so a warning: reviewers should know it runs during plan.
        "warning security/executable-external run.tf:1 ",
      ].sort(),
    );
    // The Deny-everything statement next to the Allow-everything one is not a finding of its own.
    expect(report.findings.filter((f) => f.address === "aws_iam_policy.everything")).toHaveLength(1);
    expect(report.conclusion).toBe("failure");
    expect(report.checks.map((c) => [c.name, c.ran])).toEqual([
      ["offline-schema", true],
      ["terraform-validate", false],
      ["policy", true],
      ["security-table", true],
      ["cost-table", true],
    ]);
  });

  it("passes the same resources written safely (a narrow IAM policy is not a wildcard)", async () => {
    const report = await reviewTree({ root: join(FIXTURES, "secure") });
    expect(report.findings.filter((f) => f.level !== "note")).toEqual([]);
    expect(report.conclusion).toBe("success");
  });

  it("judges and annotates only the changed files, and lists the rest as not counted", async () => {
    const report = await reviewTree({ root: join(FIXTURES, "insecure"), changed: ["iam.tf"] });
    expect(report.conclusion).toBe("failure");
    const annotations = annotationsOf(report);
    expect(new Set(annotations.map((a) => a.path))).toEqual(new Set(["iam.tf"]));
    expect(annotations[0]).toEqual({
      path: "iam.tf",
      start_line: 15,
      end_line: 15,
      annotation_level: "failure",
      title: "security/iam-admin",
      message:
        "aws_iam_role_policy_attachment.deploy_admin attaches the AWS managed policy AdministratorAccess",
    });
    // Costs are about what the change adds: none from the untouched main.tf.
    expect(report.findings.filter((f) => f.source === "cost")).toEqual([]);
    const summary = renderReviewSummary(report);
    expect(summary).toContain("## ❌ Changes requested by the review");
    expect(summary).toContain("**3 errors, 1 warning, 0 notes in changed files.**");
    expect(summary).toMatch(
      /<details><summary>\d+ findings in files this change does not touch \(not counted\)/,
    );
    expect(summary).toContain("⏭️ not run: terraform-validate");
  });

  it("passes a change that touches none of the reviewed files, and turns warnings alone into neutral", async () => {
    const report = await reviewTree({ root: join(FIXTURES, "insecure"), changed: ["README.md"] });
    expect(report.conclusion).toBe("success");
    expect(annotationsOf(report)).toEqual([]);
    const warnings = report.findings.filter((f) => f.level === "warning");
    expect(conclusionOf(warnings)).toBe("neutral");
    expect(conclusionOf(report.findings.filter((f) => f.level === "note"))).toBe("success");
  });

  it("cuts annotations into requests of at most 50", () => {
    const sizes = batches(Array.from({ length: 121 }, (_, i) => i)).map((b) => b.length);
    expect(sizes).toEqual([50, 50, 21]);
  });
});

describe("SARIF 2.1.0", () => {
  const require = createRequire(import.meta.url);
  // The OASIS schema as @microsoft/jest-sarif ships it. It is written for draft-04 but uses nothing that
  // differs in later drafts (no boolean exclusiveMinimum; `id` only at the top), so Ajv 8 checks it as is
  // once the draft-04 header fields are dropped (and its patterns are read without the u flag, as draft-04 did).
  const {
    $schema: _draft,
    id: _id,
    ...schema
  } = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json") as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
  const validate = ajv.compile(schema);

  it("validates against the OASIS SARIF 2.1.0 schema, with rules, levels and repository-relative locations", async () => {
    const report = await insecure();
    const log = toSarif(report, { version: "0.1.0", prefix: "infra/" });
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const run = log.runs[0];
    const rules = run?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toContain("security/iam-admin");
    for (const rule of rules) {
      expect(rule.shortDescription.text).not.toBe("");
      expect(rule.help.text).not.toBe("");
    }
    const admin = run?.results.find((r) => r.ruleId === "security/iam-admin");
    expect(admin).toMatchObject({
      level: "error",
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "infra/iam.tf", uriBaseId: "%SRCROOT%" },
            region: { startLine: 15 },
          },
        },
      ],
    });
    expect(rules[admin?.ruleIndex ?? -1]?.id).toBe("security/iam-admin");
    expect(run?.invocations[0]?.toolExecutionNotifications.map((n) => n.message.text)).toContain(
      "terraform-validate did not run: not requested",
    );
  });

  it("is still valid for an empty review", () => {
    const log = toSarif({ findings: [], rules: [], checks: [] }, { version: "0.1.0" });
    expect(validate(log) ? [] : validate.errors).toEqual([]);
  });
});
