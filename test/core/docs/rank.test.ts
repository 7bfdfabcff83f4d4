import { describe, expect, it } from "@jest/globals";
import { cutToBytes, queryTerms, rankAndFit, sectionBytes } from "../../../src/core/docs/rank.js";
import type { RetrievedSection } from "../../../src/core/docs/types.js";

const section = (type: string, heading: string, text: string): RetrievedSection => ({
  type,
  url: `https://x/${type}`,
  heading,
  text,
  source: "live",
});

const candidates: RetrievedSection[] = [
  section("aws_s3_bucket", "Resource: aws_s3_bucket", "Manages an S3 bucket."),
  section(
    "aws_s3_bucket",
    "Argument Reference",
    "* `bucket` - (Optional) Name.\n* `force_destroy` - (Optional) Delete objects.",
  ),
  section(
    "aws_s3_bucket",
    "Argument Reference > versioning Configuration Block",
    "* `enabled` - (Optional) Whether versioning is on. mfa_delete too.",
  ),
  section("aws_s3_bucket", "Import", "terraform import aws_s3_bucket.b name ".repeat(40)),
  section(
    "aws_sqs_queue",
    "Argument Reference",
    "* `redrive_policy` - (Optional) dead-letter queue maxReceiveCount.",
  ),
  section("aws_sqs_queue", "Attribute Reference", "* `arn` - ARN."),
];

describe("rankAndFit", () => {
  it("puts the section that answers the query in, and gives every type its best section", () => {
    const picked = rankAndFit(candidates, "turn on versioning for the bucket", 400);
    // In page order; the long Import section does not fit once the relevant ones are in.
    expect(picked.map((s) => `${s.type}|${s.heading}`)).toEqual([
      "aws_s3_bucket|Resource: aws_s3_bucket",
      "aws_s3_bucket|Argument Reference",
      "aws_s3_bucket|Argument Reference > versioning Configuration Block",
      "aws_sqs_queue|Argument Reference",
      "aws_sqs_queue|Attribute Reference",
    ]);
    // Too tight for the queue's argument list (and too small to cut): the smaller section that fits goes in.
    const tight = rankAndFit(candidates, "turn on versioning for the bucket", 160);
    expect(tight.map((s) => `${s.type}|${s.heading}`)).toEqual([
      "aws_s3_bucket|Argument Reference > versioning Configuration Block",
      "aws_sqs_queue|Attribute Reference",
    ]);
  });

  it("never exceeds the budget, cutting a type's best section with a note when it alone is too big", () => {
    const big = [section("aws_big", "Argument Reference", "* `x` - (Optional) words words.\n".repeat(400))];
    const picked = rankAndFit(big, "x", 1024);
    expect(picked).toHaveLength(1);
    expect(picked.reduce((sum, s) => sum + sectionBytes(s), 0)).toBeLessThanOrEqual(1024);
    expect(picked[0]?.text.endsWith("[… cut to fit the documentation budget]")).toBe(true);
    for (const budget of [100, 700, 2000, 5000]) {
      const fitted = rankAndFit(candidates, "dead-letter queue for orders", budget);
      expect(fitted.reduce((sum, s) => sum + sectionBytes(s), 0)).toBeLessThanOrEqual(budget);
    }
  });

  it("handles an empty query and no candidates", () => {
    expect(rankAndFit([], "anything")).toEqual([]);
    expect(rankAndFit(candidates, "", 200).map((s) => s.heading)).toEqual([
      "Argument Reference",
      "Argument Reference",
    ]);
  });
});

describe("queryTerms and cutToBytes", () => {
  it("drops stopwords and duplicates and splits snake_case", () => {
    expect(queryTerms("Add the aws_s3_bucket and the bucket")).toEqual(["aws", "s3", "bucket"]);
  });

  it("cuts multi-byte text within the byte limit", () => {
    const cut = cutToBytes("ééééé\nééééééééé", 11);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(11);
    expect(cut).toBe("ééééé");
  });
});
