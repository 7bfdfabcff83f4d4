import { describe, expect, it } from "@jest/globals";

import { renderRecipe } from "../../../src/core/recipes/index.js";

import { describePlan, planChange, planIsComplete, renderPlan } from "../../../src/core/synth/index.js";

import { ctx, hcl, types } from "../../helpers/synth.js";

describe("planChange: request → resource types across the provider", () => {
  it("wires a DNS record to the zone it asks for, names the zone as told, and asks for the domain", () => {
    const plan = planChange(
      'Set up a TXT record for domain verification using Route 53. Name the zone "example"',
      ctx,
    );
    expect(types(plan)).toEqual(["aws_route53_record", "aws_route53_zone"]);
    expect(hcl(plan, "aws_route53_record")).toContain("zone_id = aws_route53_zone.example.");
    expect(plan.variables.map((v) => v.name)).toContain("example_name");
    expect(plan.variables.find((v) => v.name === "example_name")?.description).toMatch(
      /a domain you control/,
    );
    expect(planIsComplete(plan)).toBe(true);
  });

  it("turns request attributes into arguments: point-in-time recovery, retention, schedules", () => {
    const table = planChange("Create a DynamoDB table with point-in-time recovery enabled", ctx);
    expect(hcl(table, "aws_dynamodb_table")).toMatch(/point_in_time_recovery {\n\s+enabled = true/);
    const rule = planChange("an EventBridge rule that runs every 6 hours", ctx);
    expect(hcl(rule, "aws_cloudwatch_event_rule")).toContain('schedule_expression = "rate(6 hours)"');
    const db = planChange("a multi-AZ PostgreSQL 15 database with 7-day backups and 100 GB of storage", ctx);
    const text = hcl(db, "aws_db_instance");
    expect(text).toMatch(/multi_az\s+= true/);
    expect(text).toMatch(/engine\s+= "postgres"/);
    expect(text).toMatch(/engine_version\s+= "15"/);
    expect(text).toMatch(/backup_retention_period\s+= 7/);
    expect(text).toMatch(/allocated_storage\s+= 100/);
  });

  it("reuses the existing resource a modifying request names instead of creating a new one", () => {
    const plan = planChange(
      "add a lifecycle rule to the artifacts bucket expiring objects after 90 days",
      ctx,
    );
    expect(plan.reuse).toEqual([expect.objectContaining({ type: "aws_s3_bucket", name: "artifacts" })]);
    expect(types(plan)).toEqual(["aws_s3_bucket_lifecycle_configuration"]);
    const text = hcl(plan, "aws_s3_bucket_lifecycle_configuration");
    expect(text).toContain("bucket = aws_s3_bucket.artifacts.id");
    expect(text).toMatch(/expiration {\n\s+days = 90/);
  });

  it("gives a new bucket a name from the repo's prefix, encryption and no public access", () => {
    const plan = planChange("CloudFront in front of the static site bucket", ctx);
    expect(types(plan)).toEqual([
      "aws_cloudfront_distribution",
      "aws_cloudfront_origin_access_control",
      "aws_s3_bucket",
      "aws_s3_bucket_policy",
      "aws_s3_bucket_public_access_block",
      "aws_s3_bucket_server_side_encryption_configuration",
    ]);
    expect(hcl(plan, "aws_s3_bucket")).toContain('bucket = "${local.name_prefix}-main"');
    expect(hcl(plan, "aws_cloudfront_distribution")).toContain(
      'viewer_protocol_policy = "redirect-to-https"',
    );
    expect(hcl(plan, "aws_s3_bucket_policy")).toContain(
      '"AWS:SourceArn" = aws_cloudfront_distribution.main.arn',
    );
  });

  it("adds what a resource needs: a Lambda brings its role, baseline policy and log group", () => {
    const plan = planChange("a Lambda function triggered by an EventBridge rule every day at 7 UTC", ctx);
    expect(types(plan)).toEqual(
      expect.arrayContaining([
        "aws_cloudwatch_event_rule",
        "aws_cloudwatch_event_target",
        "aws_cloudwatch_log_group",
        "aws_iam_role",
        "aws_iam_role_policy_attachment",
        "aws_lambda_function",
        "aws_lambda_permission",
      ]),
    );
    expect(hcl(plan, "aws_iam_role")).toContain('Service = "lambda.amazonaws.com"');
    expect(hcl(plan, "aws_lambda_permission")).toContain(
      "source_arn    = aws_cloudwatch_event_rule.main.arn",
    );
  });

  it("never invents a value it cannot know: it declares a described variable", () => {
    const plan = planChange("a Redshift cluster", ctx);
    const nodeType = plan.variables.find((v) => v.name.endsWith("node_type"));
    expect(nodeType).toMatchObject({ type: "string" });
    expect(nodeType?.description).toMatch(/no safe default/);
    const files = renderPlan(plan, ctx.repo, "variables.tf");
    expect(files.find((f) => f.path === "variables.tf")).toMatchObject({ mode: "append" });
  });
});

describe("planChange: honesty", () => {
  it("refuses the whole change when a part is unsafe, with the reason and the safe alternative", () => {
    const plan = planChange("a security group that allows SSH from 0.0.0.0/0", ctx);
    expect(plan.refusals).toEqual([
      expect.objectContaining({
        part: "SSH/RDP open to the internet",
        alternative: expect.stringMatching(/Session Manager/),
      }),
    ]);
    expect(planIsComplete(plan)).toBe(false);
    expect(describePlan(plan)).toContain("Refused — nothing will be written");
  });

  it.each([
    ["an administrator policy", "a role with the AdministratorAccess policy for the deploy job"],
    ["a role any branch may assume", "an OIDC role that any branch can assume"],
    ["a publicly accessible data store", "an S3 bucket with public read access for our reports"],
  ])("refuses %s", (part, request) => {
    expect(planChange(request, ctx).refusals.map((r) => r.part)).toContain(part);
  });

  it("reports what it does not cover instead of dropping it", () => {
    const plan = planChange("a MySQL database with a random_string password", ctx);
    expect(plan.notUnderstood).toEqual(["random_string"]);
    expect(planIsComplete(plan)).toBe(false);
    expect(describePlan(plan)).toContain("**Not understood — not covered by this change:**\n- random_string");
  });

  it("leaves out an explicitly optional part and says so", () => {
    const plan = planChange("an SQS queue, and optionally a random_id suffix for its name", ctx);
    expect(plan.notUnderstood).toEqual([]);
    expect(plan.optional).toEqual(["random_id"]);
    expect(describePlan(plan)).toContain("**Optional parts left out:**\n- random_id");
  });

  it("keeps the recipes as the curated layer: a recipe block still renders", () => {
    expect(renderRecipe("sqs-queue", { name: "orders" }, ctx.repo).resources.length).toBeGreaterThan(0);
  });
});

describe("planChange: classes terraform rejected in the dev eval", () => {
  it("a service the request turns off is not built ('disable streaming to Kinesis', 'without a NAT gateway')", () => {
    const chime = planChange(
      "Create a Chime Voice Connector and configure its streaming with notifications to SNS, and disable streaming to Amazon Kinesis.",
      ctx,
    );
    expect(types(chime)).not.toContain("aws_kinesis_stream");
    expect(types(chime)).toContain("aws_chime_voice_connector_streaming");
    expect(chime.understood).toContainEqual({
      phrase: expect.stringMatching(/kinesis/i),
      meaning: "not wanted (the request turns it off): aws_kinesis_stream",
    });
    expect(types(planChange("a VPC with two private subnets, without a NAT gateway", ctx))).not.toContain(
      "aws_nat_gateway",
    );
    // "no public access" still asks for the block that ensures it.
    expect(types(planChange("an S3 bucket with no public access", ctx))).toContain(
      "aws_s3_bucket_public_access_block",
    );
  });

  it("a Lambda next to a new bucket is not packaged from that bucket (s3_bucket needs s3_key): filename is asked for", () => {
    const plan = planChange("an S3 bucket for cat pictures and a Lambda function behind API Gateway", ctx);
    const lambda = hcl(plan, "aws_lambda_function");
    expect(lambda).not.toMatch(/s3_bucket\s+=/);
    expect(lambda).toMatch(/filename\s+= var\./);
  });

  it("nested blocks the provider requires although the schema does not (hints) are written", () => {
    const plan = planChange("a CloudFront VPC origin", ctx);
    expect(hcl(plan, "aws_cloudfront_vpc_origin")).toMatch(/origin_ssl_protocols {\n\s+items\s+= var\./);
  });
});
