// Cross-argument rules without terraform (the real-terraform comparison is in
// test/validation/argument-constraints.terraform.test.ts): what is known during validate, and what is not.
import { describe, expect, it } from "@jest/globals";
import { loadAwsProviderSchema } from "../../../src/core/terraform/schema/index.js";
import { validateFiles } from "../../../src/validation/offline.js";

const schema = loadAwsProviderSchema("5");
const CODES = new Set(["conflicting_arguments", "missing_one_of", "required_with"]);

async function judge(main: string): Promise<string[]> {
  const result = await validateFiles([{ path: "main.tf", content: main }], { schema, semantic: true });
  return result.findings.filter((f) => CODES.has(f.code)).map((f) => `${f.severity} ${f.code}`);
}

const bucket = (prefix: string, extra = "") =>
  `${extra}resource "aws_s3_bucket" "b" {\n  bucket        = "a"\n  bucket_prefix = ${prefix}\n}\n`;

describe("argument constraints (offline)", () => {
  it.each([
    ["a literal", '"b"', "", ["error conflicting_arguments"]],
    [
      "a local built from literals",
      "local.p",
      'locals {\n  p = "x-${lower("Y")}"\n}\n',
      ["error conflicting_arguments"],
    ],
    [
      "a local built from a variable",
      "local.p",
      'variable "v" {}\nlocals {\n  p = var.v\n}\n',
      ["warning conflicting_arguments"],
    ],
    ["timestamp(), unknown until apply", "timestamp()", "", ["warning conflicting_arguments"]],
    ["each.value", "each.value", "", ["warning conflicting_arguments"]],
    ["a literal null", "null", "", []],
  ])("bucket and bucket_prefix from %s", async (_name, prefix, extra, want) => {
    expect(await judge(bucket(prefix, extra))).toEqual(want);
  });

  it("does not judge a nested rule through a dynamic or repeated block", async () => {
    const dynamic = `resource "aws_s3_bucket" "b" {\n  bucket = "a"\n  dynamic "website" {\n    for_each = [1]\n    content {\n      error_document = "e"\n    }\n  }\n}\n`;
    expect(await judge(dynamic)).toEqual([]);
    const website = `  website {\n    error_document = "e"\n  }\n`;
    const twice = `resource "aws_s3_bucket" "b" {\n  bucket = "a"\n${website}${website}}\n`;
    expect(await judge(twice)).toEqual([]);
  });

  it("a one-of with an unknown member is not missing; with two known members it conflicts", async () => {
    const route = (lines: string) =>
      `resource "aws_route" "r" {\n  route_table_id = "rtb-1"\n  gateway_id     = "igw-1"\n${lines}}\n`;
    expect(await judge(route("  destination_cidr_block = var.cidr\n"))).toEqual([]);
    expect(await judge(route(""))).toEqual(["error missing_one_of"]);
    expect(
      await judge(route('  destination_cidr_block = "0.0.0.0/0"\n  destination_prefix_list_id = "pl-1"\n')),
    ).toEqual(["error conflicting_arguments"]);
  });
});
