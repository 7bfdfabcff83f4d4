import { describe, expect, it } from "@jest/globals";
import {
  didYouMean,
  docsRef,
  editDistance,
  pinnedVersion,
  rawMarkdownUrl,
  registryPageUrl,
} from "../../../src/core/docs/urls.js";

describe("provider doc URLs", () => {
  it("uses the release tag only when the version is exact", () => {
    expect(pinnedVersion("5.31.0")).toBe("5.31.0");
    expect(pinnedVersion("= 5.31.0")).toBe("5.31.0");
    expect(pinnedVersion("v6.0.0-beta1")).toBe("6.0.0-beta1");
    expect(pinnedVersion("~> 5.0")).toBeUndefined();
    expect(pinnedVersion(">= 5.0, < 6.0")).toBeUndefined();
    expect(docsRef(undefined)).toBe("main");
    expect(docsRef("5.31.0")).toBe("v5.31.0");
  });

  it("builds raw markdown and registry URLs for resources and data sources", () => {
    expect(rawMarkdownUrl("aws_s3_bucket", "resource", "5.31.0")).toBe(
      "https://raw.githubusercontent.com/hashicorp/terraform-provider-aws/v5.31.0/website/docs/r/s3_bucket.html.markdown",
    );
    expect(rawMarkdownUrl("aws_iam_policy_document", "data")).toBe(
      "https://raw.githubusercontent.com/hashicorp/terraform-provider-aws/main/website/docs/d/iam_policy_document.html.markdown",
    );
    expect(registryPageUrl("aws_sqs_queue", "resource")).toBe(
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sqs_queue",
    );
    expect(registryPageUrl("aws_vpc", "data", "5.1.0")).toBe(
      "https://registry.terraform.io/providers/hashicorp/aws/5.1.0/docs/data-sources/vpc",
    );
  });
});

describe("didYouMean", () => {
  const known = ["aws_s3_bucket", "aws_s3_bucket_policy", "aws_s3_object", "aws_sqs_queue", "aws_sns_topic"];

  it("suggests the closest names first", () => {
    expect(didYouMean("aws_s3_bukcet", known)).toEqual(["aws_s3_bucket"]);
    expect(didYouMean("aws_s3_objekt", known)).toEqual(["aws_s3_object"]);
    expect(didYouMean("aws_sqs", known)).toEqual(["aws_sqs_queue"]);
    expect(didYouMean("completely_different_name", known)).toEqual([]);
  });

  it("computes edit distance with an early stop", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("a", "abcdefghijklmnop", 3)).toBe(4);
  });
});
