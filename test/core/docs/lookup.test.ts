import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { findArgument } from "../../../src/core/docs/lookup.js";
import { parseProviderMarkdown } from "../../../src/core/docs/provider.js";

const markdown = readFileSync(
  new URL("../../fixtures/docs/s3_bucket.html.markdown", import.meta.url),
  "utf8",
);
const doc = parseProviderMarkdown(markdown, "aws_s3_bucket", "resource");

describe("findArgument", () => {
  it("finds top-level and nested arguments", () => {
    expect(findArgument(doc, "force_destroy").argument?.description).toBe(
      "(Optional, Default:`false`) Whether all objects are deleted when the bucket is destroyed.",
    );
    expect(findArgument(doc, "logging.target_bucket").argument).toEqual({
      name: "target_bucket",
      required: true,
      description: "(Required) Bucket that receives the log objects.",
      block: "logging",
    });
  });

  it("suggests close names within the same block", () => {
    expect(findArgument(doc, "force_destory")).toEqual({
      argument: undefined,
      suggestions: ["force_destroy"],
    });
    expect(findArgument(doc, "versioning.enabld").suggestions).toEqual(["enabled"]);
    expect(findArgument(doc, "target_bucket").argument).toBeUndefined();
  });
});
