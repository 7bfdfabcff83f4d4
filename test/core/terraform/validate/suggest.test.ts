import { describe, expect, it } from "@jest/globals";
import { closestName, editDistance } from "../../../../src/core/terraform/validate/index.js";

describe("editDistance", () => {
  it("counts substitutions, insertions, deletions and adjacent swaps as one edit each", () => {
    expect(editDistance("versioning", "versioning")).toBe(0);
    expect(editDistance("versionning", "versioning")).toBe(1);
    expect(editDistance("bukcet", "bucket")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("gives up past the limit", () => {
    expect(editDistance("abcdefgh", "zyxwvuts", 2)).toBe(3);
  });
});

describe("closestName", () => {
  const names = [
    "versioning",
    "versioning_configuration",
    "bucket",
    "bucket_prefix",
    "tags",
    "tags_all",
    "acl",
  ];

  it("finds typos, swaps and case differences", () => {
    expect(closestName("versionning", names)).toBe("versioning");
    expect(closestName("bukcet", names)).toBe("bucket");
    expect(closestName("Bucket", names)).toBe("bucket");
    expect(closestName("bucket_prefx", names)).toBe("bucket_prefix");
    expect(closestName("tag", names)).toBe("tags");
  });

  it("prefers the name a truncation abbreviates, then a name the input extends", () => {
    expect(closestName("versioning_config", names)).toBe("versioning_configuration");
    expect(closestName("bucket_name_here", names)).toBe("bucket");
  });

  it("stays quiet when nothing is close", () => {
    expect(closestName("website", names)).toBeNull();
    expect(closestName("x", names)).toBeNull();
    expect(closestName("zz", names)).toBeNull();
    expect(closestName("buc", names)).toBeNull();
  });

  it("prefers the smallest distance, then the longest shared prefix", () => {
    expect(closestName("aws_s3_bukcet", ["aws_s3_bucket", "aws_s3_bucket_acl", "aws_sns_bucket"])).toBe(
      "aws_s3_bucket",
    );
  });
});
