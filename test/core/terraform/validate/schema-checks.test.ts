import { describe, expect, it } from "@jest/globals";
import { loadAwsProviderSchema } from "../../../../src/core/terraform/schema/index.js";
import type { TerraformBody } from "../../../../src/core/terraform/types.js";
import { validateAgainstSchema } from "../../../../src/core/terraform/validate/index.js";

const schema = loadAwsProviderSchema();
const check = (path: string, content: string, body: TerraformBody) =>
  validateAgainstSchema([{ path, content, body }], schema).map((f) => [f.line, f.code, f.suggestion]);

describe("validateAgainstSchema on bodies", () => {
  it("accepts meta-arguments, dynamic blocks and object attributes written as blocks", () => {
    const content = [
      'resource "aws_security_group" "web" {',
      "  count = 1",
      '  dynamic "ingress" {',
      "    for_each = var.rules",
      "    content {",
      "      from_port = 1",
      "    }",
      "  }",
      "  egress {",
      "    from_port = 0",
      "  }",
      "  lifecycle {",
      "    ignore_changes = [tags]",
      "  }",
      '  provisioner "local-exec" {',
      '    command = "true"',
      "  }",
      "}",
    ].join("\n");
    const body: TerraformBody = {
      resource: {
        aws_security_group: {
          web: [
            {
              count: 1,
              dynamic: { ingress: [{ for_each: "${var.rules}", content: [{ from_port: 1 }] }] },
              egress: [{ from_port: 0 }],
              lifecycle: [{ ignore_changes: "${[tags]}" }],
              provisioner: { "local-exec": [{ command: "true" }] },
            },
          ],
        },
      },
    };
    expect(check("sg.tf", content, body)).toEqual([]);
  });

  it("checks the names inside dynamic content but not its required arguments", () => {
    const content = [
      'resource "aws_s3_bucket_lifecycle_configuration" "x" {',
      "  bucket = var.b",
      '  dynamic "rule" {',
      "    for_each = var.rules",
      "    content {",
      "      stat = rule.value",
      "    }",
      "  }",
      "}",
    ].join("\n");
    const body: TerraformBody = {
      resource: {
        aws_s3_bucket_lifecycle_configuration: {
          x: [
            {
              bucket: "${var.b}",
              dynamic: { rule: [{ for_each: "${var.rules}", content: [{ stat: "${rule.value}" }] }] },
            },
          ],
        },
      },
    };
    expect(check("lc.tf", content, body)).toEqual([[6, "unknown_argument", "status"]]);
  });

  it("flags a dynamic block the type does not have", () => {
    const content =
      'resource "aws_sqs_queue" "q" {\n  dynamic "tag" {\n    for_each = {}\n    content {}\n  }\n}\n';
    const body: TerraformBody = {
      resource: { aws_sqs_queue: { q: [{ dynamic: { tag: [{ for_each: "${{}}", content: [{}] }] } }] } },
    };
    expect(check("q.tf", content, body)).toEqual([[2, "unknown_block", "tags"]]);
  });

  it("skips other providers, terraform_data, null_resource and modules", () => {
    const body: TerraformBody = {
      resource: {
        google_storage_bucket: { b: [{ nonsense: 1 }] },
        terraform_data: { d: [{ input: 1 }] },
        null_resource: { n: [{ triggers: {} }] },
        awscc_s3_bucket: { c: [{ anything: true }] },
      },
      module: { m: [{ source: "./m", anything: 1 }] },
    };
    expect(check("other.tf", "", body)).toEqual([]);
  });

  it("reports each declaration of an unknown type at its own line", () => {
    const content = 'resource "aws_nope" "a" {}\nresource "aws_nope" "b" {}\ndata "aws_nope" "c" {}\n';
    const body: TerraformBody = {
      resource: { aws_nope: { a: [{}], b: [{}] } },
      data: { aws_nope: { c: [{}] } },
    };
    expect(check("n.tf", content, body)).toEqual([
      [1, "unknown_resource_type", null],
      [2, "unknown_resource_type", null],
      [3, "unknown_data_source_type", null],
    ]);
  });

  it("checks nested blocks at every level and reports their missing required arguments", () => {
    const content = [
      'data "aws_iam_policy_document" "p" {',
      "  statement {",
      "    principals {",
      '      type = "AWS"',
      "    }",
      "  }",
      "}",
    ].join("\n");
    const body: TerraformBody = {
      data: { aws_iam_policy_document: { p: [{ statement: [{ principals: [{ type: "AWS" }] }] }] } },
    };
    const findings = validateAgainstSchema([{ path: "p.tf", content, body }], schema);
    expect(findings).toEqual([
      {
        file: "p.tf",
        line: 3,
        severity: "error",
        code: "missing_required_argument",
        message:
          'data.aws_iam_policy_document.p.statement.principals: required argument "identifiers" (list(string)) is missing',
        suggestion: "identifiers = [ ... ]",
      },
    ]);
  });

  it("says when an argument is computed by the provider rather than unknown", () => {
    const content = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  arn    = "arn:aws:s3:::b"\n}\n';
    const body: TerraformBody = {
      resource: { aws_s3_bucket: { b: [{ bucket: "b", arn: "arn:aws:s3:::b" }] } },
    };
    expect(validateAgainstSchema([{ path: "b.tf", content, body }], schema)).toEqual([
      {
        file: "b.tf",
        line: 3,
        severity: "error",
        code: "unknown_argument",
        message:
          'aws_s3_bucket.b: "arn" is computed by the provider and cannot be set; read it as aws_s3_bucket.b.arn',
        suggestion: null,
      },
    ]);
  });

  it('checks provider "aws" blocks, allowing alias', () => {
    const content = [
      'provider "aws" {',
      '  region = "eu-west-1"',
      '  alias  = "eu"',
      "  default_tag {",
      '    tags = { Team = "platform" }',
      "  }",
      "}",
      'provider "google" {',
      '  anything = "goes"',
      "}",
    ].join("\n");
    const body: TerraformBody = {
      provider: {
        aws: [{ region: "eu-west-1", alias: "eu", default_tag: [{ tags: { Team: "platform" } }] }],
        google: [{ anything: "goes" }],
      },
    };
    expect(check("providers.tf", content, body)).toEqual([[4, "unknown_block", "default_tags"]]);
  });

  it("does not check inside blocks the provider leaves untyped", () => {
    const body: TerraformBody = {
      resource: {
        aws_quicksight_analysis: { a: [{ analysis_id: "a", name: "n", definition: [{ anything: 1 }] }] },
      },
    };
    expect(check("qs.tf", "", body)).toEqual([]);
  });

  it("falls back to the block's line, or null, when the outline does not have a name", () => {
    const body: TerraformBody = { resource: { aws_sqs_queue: { q: [{ nme: "x" }] } } };
    expect(check("q.tf", 'resource "aws_sqs_queue" "q" {\n}\n', body)).toEqual([
      [1, "unknown_argument", "name"],
    ]);
    expect(check("q.tf", "", body)).toEqual([[null, "unknown_argument", "name"]]);
  });

  it("reads .tf.json blocks given as objects or arrays, and never reports syntax there", () => {
    const content = JSON.stringify(
      {
        resource: {
          aws_s3_bucket_versioning: {
            v: { bucket: "b", versioning_configuration: [{ status: "Enabled" }], "//": "note" },
          },
          aws_s3_bucket: { b: { tags: { Name: "x" }, versioning: { enabled: true } } },
        },
      },
      null,
      2,
    );
    const body = JSON.parse(content) as TerraformBody;
    // aws_s3_bucket's inline `versioning` block still works in 6.x, deprecated: a warning, nothing else.
    expect(check("main.tf.json", content, body)).toEqual([[19, "deprecated_argument", null]]);
  });
});
