import { describe, expect, it } from "@jest/globals";
import { createHclParser } from "../../../src/adapters/hcl/index.js";
import { loadAwsProviderSchema } from "../../../src/core/terraform/schema/index.js";
import { checkSemantics } from "../../../src/core/terraform/semantic/index.js";
import type { ParsedFile } from "../../../src/core/terraform/types.js";

const parser = createHclParser();
const schema = loadAwsProviderSchema();

async function check(files: Record<string, string>): Promise<[string, number | null, string][]> {
  const parsed: ParsedFile[] = [];
  for (const [path, content] of Object.entries(files)) {
    const result = await parser.parse(path, content);
    if (!result.ok) throw new Error(`${path}: ${result.error.message}`);
    parsed.push({ path, content, body: result.body });
  }
  return checkSemantics(parsed, schema)
    .map((f): [string, number | null, string] => [f.file, f.line, f.code])
    .sort((a, b) => a[0].localeCompare(b[0]) || (a[1] ?? 0) - (b[1] ?? 0) || a[2].localeCompare(b[2]));
}

const QUEUE = 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n';

describe("checkSemantics: what terraform validate rejects", () => {
  it("references to undeclared variables, locals, resources, data sources and modules", async () => {
    const main = [
      'resource "aws_sqs_queue" "a" {',
      "  name = var.name",
      "  tags = local.tags",
      "  policy = data.aws_iam_policy_document.p.json",
      "  kms_master_key_id = aws_kms_key.k.arn",
      "  delay_seconds = module.m.delay",
      "}",
    ].join("\n");
    expect(await check({ "main.tf": main })).toEqual([
      ["main.tf", 2, "undeclared_variable"],
      ["main.tf", 3, "undeclared_local"],
      ["main.tf", 4, "undeclared_data_source"],
      ["main.tf", 5, "undeclared_resource"],
      ["main.tf", 6, "undeclared_module"],
    ]);
  });

  it("attributes a resource type does not have, found across files", async () => {
    const out =
      'output "u" {\n  value = aws_sqs_queue.q.queue_url\n}\noutput "a" {\n  value = aws_sqs_queue.q.arn\n}\n';
    expect(await check({ "main.tf": QUEUE, "outputs.tf": out })).toEqual([
      ["outputs.tf", 2, "unsupported_attribute"],
    ]);
  });

  it("values of the wrong shape, literal strings where numbers go, merge() on a string", async () => {
    const main = [
      'variable "env" {\n  type = string\n}',
      'resource "aws_sqs_queue" "q" {',
      '  name = ["a", "b"]',
      '  delay_seconds = "soon"',
      "  tags = merge(var.env, { a = 1 })",
      "}",
      'resource "aws_sqs_queue" "r" {',
      "  name = jsonencode({})",
      '  tags = "x"',
      "}",
    ].join("\n");
    expect(await check({ "main.tf": main })).toEqual([
      ["main.tf", 5, "wrong_value_type"],
      ["main.tf", 6, "wrong_value_type"],
      ["main.tf", 7, "invalid_function_argument"],
      ["main.tf", 11, "wrong_value_type"],
    ]);
  });

  it("duplicate declarations across files, each/count outside their blocks, bad local module calls", async () => {
    const child =
      'variable "needed" {}\nvariable "optional" {\n  default = 1\n}\noutput "id" {\n  value = 1\n}\n';
    const main = [
      'module "m" {\n  source = "./child"\n  unknown = 1\n}',
      'output "x" {\n  value = module.m.nope\n}',
      'output "y" {\n  value = each.key\n}',
    ].join("\n");
    expect(await check({ "a.tf": QUEUE, "b.tf": QUEUE, "main.tf": main, "child/main.tf": child })).toEqual([
      ["b.tf", 1, "duplicate_resource"],
      ["main.tf", 1, "missing_module_input"],
      ["main.tf", 1, "unknown_module_input"],
      ["main.tf", 6, "unknown_module_output"],
      ["main.tf", 9, "invalid_meta_reference"],
    ]);
  });
});

describe("checkSemantics: what terraform validate accepts", () => {
  it("for expressions, dynamic iterators, count/each, splats, indexes, templates and built-ins", async () => {
    const main = `
variable "names" {
  type    = list(string)
  default = ["a"]
}
locals {
  upper = [for n in var.names : upper(n)]
  by    = { for k, v in var.names : v => k }
}
resource "aws_sqs_queue" "q" {
  count = length(var.names)
  name  = "\${var.names[count.index]}-\${path.module}-\${terraform.workspace}"
  tags  = { Name = local.upper[0], "Env" = "x" }
}
resource "aws_sqs_queue" "e" {
  for_each = toset(var.names)
  name     = each.value
  policy   = jsonencode({ Resource = aws_sqs_queue.q[0].arn, All = aws_sqs_queue.q[*].id })
}
resource "aws_security_group" "sg" {
  name = "x"
  dynamic "ingress" {
    for_each = var.names
    iterator = rule
    content {
      from_port   = 443
      to_port     = 443
      protocol    = "tcp"
      cidr_blocks = [rule.value]
      description = lookup({ a = "b" }, rule.key, "z")
    }
  }
  lifecycle {
    ignore_changes = [tags]
  }
}
output "urls" {
  value = { for k, q in aws_sqs_queue.e : k => q.url }
}
output "first" {
  value = aws_sqs_queue.e["a"].url != "" ? aws_security_group.sg.id : null
}
`;
    expect(await check({ "main.tf": main })).toEqual([]);
  });
});
