import { describe, expect, it } from "@jest/globals";
import { childrenNamed, locate, topBlocks } from "../../../../src/core/terraform/locate/index.js";
import { outline } from "./outline.js";

const SOURCE = [
  '# resource "aws_fake" "in_comment" {',
  'resource "aws_s3_bucket" "logs" {',
  '  bucket = "logs-${var.env}-${join("-", ["a", "}"])}"',
  "  /* versioning { */",
  "  tags = {",
  '    Name = "logs" // a comment',
  "  }",
  "  policy = <<-EOF",
  "    {",
  '      "resource" "x" {',
  "    EOF",
  "  lifecycle { prevent_destroy = true }",
  '  dynamic "cors_rule" {',
  "    for_each = { for k, v in var.rules : k => v }",
  "    content {",
  "      allowed_methods = cors_rule.value",
  "    }",
  "  }",
  "  count = var.enabled ? 1 : 0",
  "}",
  "",
  'data "aws_iam_policy_document" "p" {',
  "  statement {",
  '    actions = ["s3:*"]',
  "    principals {",
  '      type        = "AWS"',
  '      identifiers = ["*"]',
  "    }",
  "  }",
  "}",
  'module "net" { source = "./net" }',
].join("\n");

describe("locateHcl", () => {
  it("outlines blocks and attributes with lines, skipping strings, comments and heredocs", () => {
    expect(outline(locate("main.tf", SOURCE).nodes)).toEqual([
      "2 block resource aws_s3_bucket logs",
      "  3 attribute bucket",
      "  5 attribute tags",
      "  8 attribute policy",
      "  12 block lifecycle",
      "    12 attribute prevent_destroy",
      "  13 block dynamic cors_rule",
      "    14 attribute for_each",
      "    15 block content",
      "      16 attribute allowed_methods",
      "  19 attribute count",
      "22 block data aws_iam_policy_document p",
      "  23 block statement",
      "    24 attribute actions",
      "    25 block principals",
      "      26 attribute type",
      "      27 attribute identifiers",
      "31 block module net",
      "  31 attribute source",
    ]);
  });

  it("finds blocks by labels and children by name", () => {
    const file = locate("main.tf", SOURCE);
    const [bucket] = topBlocks(file, "resource", ["aws_s3_bucket", "logs"]);
    expect(bucket?.line).toBe(2);
    expect(childrenNamed(bucket, "dynamic", "cors_rule").map((n) => n.line)).toEqual([13]);
    expect(childrenNamed(bucket, "tags").map((n) => n.kind)).toEqual(["attribute"]);
    expect(topBlocks(file, "resource", ["aws_fake"])).toEqual([]);
  });

  it("tells `name = {}` from `name {}`, and handles CRLF, tabs and escaped template markers", () => {
    const text =
      'resource "aws_x" "y" {\r\n\ttags {\r\n\t}\r\n\tname = "$${literal} \\"q\\""\r\n\tversioning = {}\r\n}\r\n';
    expect(outline(locate("a.tf", text).nodes)).toEqual([
      "1 block resource aws_x y",
      "  2 block tags",
      "  4 attribute name",
      "  5 attribute versioning",
    ]);
  });

  it("survives malformed and hostile text without throwing", () => {
    const deep = `resource "a" "b" {\n${"x {\n".repeat(5000)}`;
    const quotes = `a = "${'${"'.repeat(20000)}\nb = 1\n`;
    expect(() => locate("x.tf", deep)).not.toThrow();
    expect(outline(locate("x.tf", quotes).nodes)).toEqual(["1 attribute a", "2 attribute b"]);
    expect(outline(locate("x.tf", "= = }}} ]\nok = 1\n\u0000\u0001").nodes)).toEqual(["2 attribute ok"]);
    expect(outline(locate("x.tf", 'resource "a" "b" {\n  x = <<EOF\nnever closed\n').nodes)).toEqual([
      "1 block resource a b",
      "  2 attribute x",
    ]);
  });
});
