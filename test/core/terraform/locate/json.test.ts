import { describe, expect, it } from "@jest/globals";
import { locate } from "../../../../src/core/terraform/locate/index.js";
import { outline } from "./outline.js";

const SOURCE = `{
  "//": "generated",
  "resource": {
    "aws_s3_bucket": {
      "logs": {
        "bucket": "logs",
        "versioning": { "enabled": true },
        "cors_rule": [
          { "allowed_methods": ["GET"] },
          { "allowed_methods": ["PUT"] }
        ],
        "dynamic": { "grant": { "for_each": "\${var.g}", "content": { "type": "Group" } } }
      }
    }
  },
  "data": [{ "aws_caller_identity": { "me": {} } }],
  "module": { "net": { "source": "./net" } },
  "terraform": { "required_version": ">= 1.5" }
}`;

describe("locateJson", () => {
  it("outlines .tf.json with the key lines, treating nested keys as json nodes", () => {
    expect(outline(locate("main.tf.json", SOURCE).nodes)).toEqual([
      "5 block resource aws_s3_bucket logs",
      "  6 json bucket",
      "  7 json versioning",
      "    7 json enabled",
      "  8 json cors_rule",
      "    9 json allowed_methods",
      "  10 json cors_rule",
      "    10 json allowed_methods",
      "  12 block dynamic grant",
      "    12 json for_each",
      "    12 json content",
      "      12 json type",
      "16 block data aws_caller_identity me",
      "17 block module net",
      "  17 json source",
      "18 block terraform",
      "  18 json required_version",
    ]);
  });

  it("returns what it can from malformed JSON", () => {
    expect(outline(locate("x.tf.json", '{"resource": {"aws_x": {"y": {"a": 1,').nodes)).toEqual([
      "1 block resource aws_x y",
      "  1 json a",
    ]);
    expect(locate("x.tf.json", "[1, 2]").nodes).toEqual([]);
    expect(locate("x.tf.json", "").nodes).toEqual([]);
    expect(() => locate("x.tf.json", "[".repeat(100000))).not.toThrow();
  });
});
