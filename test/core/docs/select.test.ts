import { describe, expect, it } from "@jest/globals";
import { selectTopics } from "../../../src/core/docs/select.js";

describe("selectTopics", () => {
  it("maps plain English to resource types", () => {
    expect(
      selectTopics("we need an encrypted bucket for audit logs and a queue with a dead-letter queue").types,
    ).toEqual(["aws_s3_bucket", "aws_sqs_queue"]);
    expect(selectTopics("a python lambda that runs every 15 minutes").types).toEqual([
      "aws_lambda_function",
      "aws_scheduler_schedule",
    ]);
    expect(selectTopics("hello there").types).toEqual([]);
  });

  it("prefers explicit aws_* tokens, data sources included, and keeps explicit types first", () => {
    const topics = selectTopics("use data.aws_iam_policy_document and aws_s3_bucket_policy on the bucket", [
      "aws_kms_key",
    ]);
    expect(topics.types).toEqual(["aws_kms_key", "data.aws_iam_policy_document", "aws_s3_bucket_policy"]);
  });

  it("reads types from a plan and findings, and IAM actions from an error", () => {
    const topics = selectTopics({
      plan: { resources: [{ type: "aws_sqs_queue" }, { type: "aws_sqs_queue" }, { type: "null_resource" }] },
      findings: [
        {
          code: "unknown_argument",
          message: 'aws_s3_bucket: unknown argument "versionning"',
          suggestion: "versioning",
        },
      ],
      error:
        "AccessDenied: User: arn:aws:sts::123456789012:assumed-role/ci/gh is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::b/k",
    });
    expect(topics.types).toEqual(["aws_sqs_queue", "aws_s3_bucket"]);
    expect(topics.actions).toEqual(["s3:PutObject"]);
    expect(topics.text).toContain("versionning");
  });

  it("bounds the number of types and the text it keeps", () => {
    const many = Array.from({ length: 20 }, (_, i) => `aws_thing_${i}`).join(" ");
    expect(selectTopics(many).types).toHaveLength(6);
    expect(selectTopics("x".repeat(100_000)).text).toHaveLength(20_000);
  });
});

describe("selectTopics addresses", () => {
  it("finds types inside module addresses and keeps data sources apart", () => {
    expect(selectTopics("module.app.aws_s3_bucket.logs and data.aws_caller_identity.current").types).toEqual([
      "aws_s3_bucket",
      "data.aws_caller_identity",
    ]);
  });
});
