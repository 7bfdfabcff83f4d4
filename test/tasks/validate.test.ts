import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { validateDirectory, validateFiles } from "../../src/tasks/validate.js";

const FIXTURES = join(process.cwd(), "test", "fixtures", "terraform");
const CLEAN = ["s3-split", "iam-jsonencode", "for-each-dynamic", "nested-modules", "tf-json"];

const read = (path: string): Promise<string> => readFile(join(FIXTURES, path), "utf8");
const lineOf = (text: string, needle: string): number =>
  text.slice(0, text.indexOf(needle)).split("\n").length;
type Brief = { line: number | null; code: string; suggestion: string | null; severity: string };
const brief = (findings: Brief[]) => findings.map((f) => [f.line, f.code, f.suggestion]);
// An injected typo shifts `=` alignment, so a not_formatted warning comes along; these tests look at errors.
const errors = (findings: Brief[]) => brief(findings.filter((f) => f.severity === "error"));

describe("validateDirectory on realistic configurations", () => {
  it.each([...CLEAN.map((name) => join(FIXTURES, name)), join(process.cwd(), "examples", "demo-infra")])(
    "finds nothing wrong in %s",
    async (dir) => {
      const result = await validateDirectory(dir);
      expect(result.findings).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.filesChecked).toBeGreaterThan(0);
    },
  );

  it("catches every injected mistake in s3-mistakes with code, line and suggestion", async () => {
    const result = await validateDirectory(join(FIXTURES, "s3-mistakes"));
    expect(result.ok).toBe(false);
    expect(result.filesChecked).toBe(2);
    expect(result.findings.map((f) => [f.file, f.line, f.code, f.suggestion])).toEqual([
      ["main.tf", 2, "unknown_resource_type", "aws_s3_bucket"],
      ["main.tf", 7, "unknown_argument", "bucket_prefix"],
      ["main.tf", 10, "attribute_as_block", "tags = { ... }"],
      ["main.tf", 14, "unknown_block", "versioning"],
      ["main.tf", 19, "missing_required_argument", "bucket = ..."],
      ["main.tf", 20, "block_as_attribute", "versioning_configuration { ... }"],
      ["main.tf", 25, "missing_required_block", "rule {}"],
      ["main.tf", 32, "unknown_block", "rule"],
      ["main.tf", 41, "unknown_resource_type", 'data "aws_iam_policy_document"'],
      ["main.tf", 47, "unknown_data_source_type", "aws_iam_policy_document"],
    ]);
    expect(result.findings[0]).toEqual({
      file: "main.tf",
      line: 2,
      severity: "error",
      code: "unknown_resource_type",
      message:
        'unknown resource type "aws_s3_bukcet" in the AWS provider 6.25.0 — did you mean "aws_s3_bucket"?',
      suggestion: "aws_s3_bucket",
    });
    expect(result.findings[3]?.message).toBe(
      'aws_s3_bucket.logs: unknown block "versionning" — did you mean "versioning"?',
    );
  });

  it("keeps lines right past block-like text in comments, strings and heredocs (CRLF, unquoted labels)", async () => {
    const result = await validateDirectory(join(FIXTURES, "evil-mistakes"));
    expect(result.findings.map((f) => [f.line, f.severity, f.code, f.suggestion])).toEqual([
      // aws_s3_bucket's inline `policy` is deprecated by the provider: a warning on the right line.
      [9, "warning", "deprecated_argument", null],
      [19, "warning", "not_formatted", "terraform fmt"],
      [20, "error", "unknown_argument", "visibility_timeout_seconds"],
      [21, "error", "unknown_argument", "fifo_queue"],
    ]);
  });

  it("catches mistakes in Terraform JSON", async () => {
    const result = await validateDirectory(join(FIXTURES, "tf-json-mistakes"));
    expect(brief(result.findings)).toEqual([
      [13, "missing_required_argument", "status = ..."],
      [13, "unknown_argument", "status"],
      [19, "unknown_argument", "block_public_acls"],
      [24, "unknown_data_source_type", "aws_caller_identity"],
    ]);
  });
});

describe("validateFiles on fixtures with one injected mistake each", () => {
  it("a misspelled argument", async () => {
    const text = (await read("iam-jsonencode/iam.tf")).replace("assume_role_policy =", "assume_role_polcy =");
    const result = await validateFiles([{ path: "iam.tf", content: text }]);
    expect(errors(result.findings)).toEqual([
      [
        lineOf(text, 'resource "aws_iam_role" "service"'),
        "missing_required_argument",
        "assume_role_policy = ...",
      ],
      [lineOf(text, "assume_role_polcy"), "unknown_argument", "assume_role_policy"],
    ]);
  });

  it("an unknown resource type", async () => {
    const text = (await read("s3-split/main.tf")).replace(
      'resource "aws_s3_bucket_versioning"',
      'resource "aws_s3_bucket_versionning"',
    );
    const result = await validateFiles([{ path: "main.tf", content: text }]);
    expect(errors(result.findings)).toEqual([
      [lineOf(text, "aws_s3_bucket_versionning"), "unknown_resource_type", "aws_s3_bucket_versioning"],
    ]);
  });

  it("a required argument removed", async () => {
    const original = await read("s3-split/main.tf");
    const at = original.indexOf('resource "aws_s3_bucket_public_access_block"');
    const text = original.slice(0, at) + original.slice(at).replace(/\n\s*bucket\s*=[^\n]*/, "");
    const result = await validateFiles([{ path: "main.tf", content: text }]);
    expect(result.findings.map((f) => [f.line, f.code, f.message])).toEqual([
      [
        lineOf(text, 'resource "aws_s3_bucket_public_access_block"'),
        "missing_required_argument",
        'aws_s3_bucket_public_access_block.data: required argument "bucket" (string) is missing',
      ],
    ]);
  });

  it("a block written as an attribute, in a dynamic-heavy configuration", async () => {
    const text = (await read("for-each-dynamic/compute.tf")).replace(/\n(\s*)filter \{/, "\n$1filter = {");
    expect(text).toContain("filter = {");
    const result = await validateFiles([{ path: "compute.tf", content: text }]);
    expect(errors(result.findings)).toEqual([
      [lineOf(text, "filter = {"), "block_as_attribute", "filter { ... }"],
    ]);
  });

  it("a misspelled dynamic block name", async () => {
    const text = (await read("for-each-dynamic/security.tf")).replace(
      'dynamic "ingress"',
      'dynamic "ingres"',
    );
    const result = await validateFiles([{ path: "security.tf", content: text }]);
    expect(errors(result.findings)).toEqual([[lineOf(text, 'dynamic "ingres"'), "unknown_block", "ingress"]]);
  });
});

describe("validateFiles on patterns Terraform allows", () => {
  it("accepts nested dynamic blocks, repeated dynamic blocks and empty content", async () => {
    const content = [
      'resource "aws_s3_bucket_acl" "this" {',
      "  bucket = var.bucket",
      "",
      '  dynamic "access_control_policy" {',
      "    for_each = var.grants == [] ? [] : [true]",
      "    content {",
      '      dynamic "grant" {',
      "        for_each = var.grants",
      "        content {",
      "          permission = grant.value.permission",
      "          grantee {",
      "            type = grant.value.type",
      "          }",
      "        }",
      "      }",
      "      owner {",
      "        id = var.owner",
      "      }",
      "    }",
      "  }",
      "}",
      "",
      'resource "aws_s3_bucket_lifecycle_configuration" "this" {',
      "  bucket = var.bucket",
      "",
      '  dynamic "rule" {',
      "    for_each = var.rules",
      "    content {",
      "      id     = rule.key",
      '      status = "Enabled"',
      "",
      '      dynamic "filter" {',
      "        for_each = rule.value.prefix == null ? [true] : []",
      "        content {",
      "          # no arguments: the whole bucket",
      "        }",
      "      }",
      "",
      '      dynamic "filter" {',
      "        for_each = rule.value.prefix == null ? [] : [rule.value.prefix]",
      "        content {",
      "          prefix = filter.value",
      "        }",
      "      }",
      "    }",
      "  }",
      "",
      "  depends_on = [aws_s3_bucket_acl.this]",
      "}",
      "",
    ].join("\n");
    const result = await validateFiles([{ path: "s3.tf", content }]);
    expect(result.findings).toEqual([]);
  });

  it("checks dynamic blocks written in Terraform JSON", async () => {
    const content = JSON.stringify(
      {
        resource: {
          aws_security_group: {
            web: {
              name: "web",
              dynamic: {
                ingress: { for_each: "${var.rules}", content: { from_port: "${ingress.value}" } },
                egres: { for_each: "${var.rules}", content: {} },
              },
            },
          },
        },
      },
      null,
      2,
    );
    const result = await validateFiles([{ path: "sg.tf.json", content }]);
    expect(errors(result.findings)).toEqual([[lineOf(content, '"egres"'), "unknown_block", "egress"]]);
  });

  it("finds a misspelling inside the second of two dynamic blocks of the same name", async () => {
    const content = [
      'resource "aws_s3_bucket_lifecycle_configuration" "this" {',
      "  bucket = var.bucket",
      '  dynamic "rule" {',
      "    for_each = var.a",
      "    content {",
      '      status = "Enabled"',
      "    }",
      "  }",
      '  dynamic "rule" {',
      "    for_each = var.b",
      "    content {",
      '      statu = "Enabled"',
      "    }",
      "  }",
      "}",
      "",
    ].join("\n");
    const result = await validateFiles([{ path: "s3.tf", content }]);
    expect(errors(result.findings)).toEqual([[12, "unknown_argument", "status"]]);
  });
});
