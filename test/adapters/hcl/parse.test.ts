import { describe, expect, it } from "@jest/globals";
import { createHclParser } from "../../../src/adapters/hcl/index.js";

const parser = createHclParser();

describe("createHclParser().parse on .tf", () => {
  it("returns the hcl2json body shape: labels as keys, bodies and nested blocks as arrays", async () => {
    const source = [
      'resource "aws_s3_bucket" "logs" {',
      '  bucket = "${local.name_prefix}-logs"',
      '  tags   = { Purpose = "logs" }',
      "  lifecycle {",
      "    prevent_destroy = true",
      "  }",
      "}",
      "locals {",
      "  name_prefix = var.project",
      "}",
      "",
    ].join("\n");
    const result = await parser.parse("s3.tf", source);
    expect(result).toEqual({
      ok: true,
      body: {
        resource: {
          aws_s3_bucket: {
            logs: [
              {
                bucket: "${local.name_prefix}-logs",
                tags: { Purpose: "logs" },
                lifecycle: [{ prevent_destroy: true }],
              },
            ],
          },
        },
        locals: [{ name_prefix: "${var.project}" }],
      },
    });
  });

  it("reports the first diagnostic with its line and column and counts the rest", async () => {
    const result = await parser.parse("main.tf", 'resource "aws_s3_bucket" "b" {\n  bucket = \n}\nfoo bar\n');
    expect(result).toEqual({
      ok: false,
      error: {
        message:
          "Invalid expression: Expected the start of an expression, but found an invalid expression token. (and 1 more)",
        line: 2,
        column: 12,
      },
    });
  });

  it("reports an unclosed block at the line where it opens", async () => {
    const result = await parser.parse("main.tf", 'variable "region" {\n  default = "eu-west-1"\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(1);
    expect(result.error.message).toMatch(/^Unclosed configuration block: There is no closing brace/);
  });

  it("parses an empty file to an empty body", async () => {
    expect(await parser.parse("empty.tf", "")).toEqual({ ok: true, body: {} });
  });
});
