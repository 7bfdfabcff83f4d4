import { describe, expect, it } from "@jest/globals";
import { applyLessons, type EffectiveLesson, type ModuleInterface } from "../../../src/core/lessons/index.js";

const never = () => false;
const setLesson = (type: string, attribute: string, value: string | number | boolean): EffectiveLesson => ({
  id: `set.${type}.${attribute}`,
  summary: `people set ${attribute}`,
  scope: { resource_type: type },
  set: { attribute, value },
  strength: { count: 2, total: 2 },
  evidence: [],
  pending: false,
});
const moduleLesson: EffectiveLesson = {
  id: "module.aws_s3_bucket",
  summary: "use the module",
  scope: { resource_type: "aws_s3_bucket" },
  module: { source: "./modules/s3-bucket" },
  strength: { count: 1, total: 1 },
  evidence: [],
  pending: true,
};
const S3_MODULE: ModuleInterface = {
  source: "./modules/s3-bucket",
  callSource: "./modules/s3-bucket",
  variables: [
    { name: "bucket", required: true },
    { name: "tags", required: false },
  ],
  outputs: ["id", "arn"],
  resourceTypes: ["aws_s3_bucket", "aws_s3_bucket_versioning", "aws_s3_bucket_public_access_block"],
};

const SQS = `resource "aws_sqs_queue" "orders" {
  name                       = "orders"
  visibility_timeout_seconds = 30
}

resource "aws_sqs_queue" "existing" {
  name = "people-wrote-this"
}
`;

const S3 = `resource "aws_s3_bucket" "reports" {
  bucket = "\${local.name_prefix}-reports"
}

resource "aws_s3_bucket_public_access_block" "reports" {
  bucket                  = aws_s3_bucket.reports.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "reports" {
  bucket = aws_s3_bucket.reports.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "reports" {
  bucket = aws_s3_bucket.reports.id
  rule {
    id     = "retention"
    status = "Enabled"
  }
  depends_on = [aws_s3_bucket_versioning.reports]
}

resource "aws_s3_bucket_policy" "reports" {
  bucket = aws_s3_bucket.reports.id
  policy = jsonencode({ Resource = ["\${aws_s3_bucket.reports.arn}/*"] })
}
`;
const S3_ADDED = [
  "aws_s3_bucket",
  "aws_s3_bucket_public_access_block",
  "aws_s3_bucket_versioning",
  "aws_s3_bucket_lifecycle_configuration",
  "aws_s3_bucket_policy",
].map((type) => ({ type, name: "reports" }));

describe("applying lessons to what the agent wrote", () => {
  it("sets a learned argument on the blocks the agent added, never on blocks people wrote", () => {
    const out = applyLessons({
      files: new Map([["sqs.tf", SQS]]),
      added: [{ type: "aws_sqs_queue", name: "orders" }],
      lessons: [
        setLesson("aws_sqs_queue", "visibility_timeout_seconds", 120),
        setLesson("aws_sqs_queue", "delay_seconds", 5),
      ],
      modules: new Map(),
      isProtected: never,
    });
    const text = out.files.get("sqs.tf") ?? "";
    expect(text).toContain("visibility_timeout_seconds = 120");
    expect(text).toContain("  delay_seconds = 5");
    expect(text).toContain('resource "aws_sqs_queue" "existing" {\n  name = "people-wrote-this"\n}');
    expect(out.applied.map((a) => [a.id, a.where])).toEqual([
      ["set.aws_sqs_queue.visibility_timeout_seconds", ["aws_sqs_queue.orders"]],
      ["set.aws_sqs_queue.delay_seconds", ["aws_sqs_queue.orders"]],
    ]);
  });

  it("turns the bucket into a module call, leaves the module's own blocks to it and rewires the rest", () => {
    const out = applyLessons({
      files: new Map([["s3.tf", S3]]),
      added: S3_ADDED,
      lessons: [moduleLesson],
      modules: new Map([[S3_MODULE.source, S3_MODULE]]),
      isProtected: never,
    });
    const text = out.files.get("s3.tf") ?? "";
    expect(out.skipped).toEqual([]);
    expect(text).toContain(
      'module "reports" {\n  source = "./modules/s3-bucket"\n  bucket = "${local.name_prefix}-reports"\n}',
    );
    expect(text).not.toContain('resource "aws_s3_bucket" "reports"');
    expect(text).not.toContain("aws_s3_bucket_versioning");
    expect(text).not.toContain("aws_s3_bucket_public_access_block");
    expect(text).toContain("bucket = module.reports.id");
    expect(text).toContain("depends_on = [module.reports]");
    expect(text).toContain("${module.reports.arn}/*");
    expect(out.applied[0]?.where).toEqual(["aws_s3_bucket.reports → module.reports"]);
  });

  it("leaves everything as it was, with the reason, when the module cannot take the block", () => {
    const narrow = { ...S3_MODULE, outputs: ["id"] };
    const out = applyLessons({
      files: new Map([["s3.tf", S3]]),
      added: S3_ADDED,
      lessons: [moduleLesson],
      modules: new Map([[S3_MODULE.source, narrow]]),
      isProtected: never,
    });
    expect(out.files.size).toBe(0);
    expect(out.skipped).toEqual([
      { id: "module.aws_s3_bucket", reason: "the module has no output for `aws_s3_bucket.reports.arn`" },
    ]);
    const missing = applyLessons({
      files: new Map([["s3.tf", S3]]),
      added: S3_ADDED,
      lessons: [moduleLesson],
      modules: new Map(),
      isProtected: never,
    });
    expect(missing.skipped[0]?.reason).toContain("is not a module in this repository");
  });
});
