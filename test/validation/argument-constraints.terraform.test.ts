// The provider's cross-argument rules (ConflictsWith, ExactlyOneOf, AtLeastOneOf, RequiredWith), judged
// against real `terraform validate` (offline, AWS provider 5.100.0 from /opt/tf-plugins): every case is a
// child module of one root, validated by one terraform process, and terraform's verdict per module is
// compared with ours. We must reject exactly what terraform rejects; where a value is not known during
// validate (a variable, a reference, a conditional that may be null) terraform accepts, and so do we
// (a conflict then is a warning).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { validateDirectory } from "../../src/validation/offline.js";
import type { Finding } from "../../src/core/terraform/types.js";

const PLUGINS = "/opt/tf-plugins";
const available = spawnSync("terraform", ["version"]).status === 0 && existsSync(PLUGINS);
if (!available)
  console.warn(`SKIPPED argument constraints against real terraform: needs terraform and ${PLUGINS}`);

const VERSIONS = `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "5.100.0"\n    }\n  }\n}\n`;
const LAMBDA = `  function_name = "f"\n  role          = "arn:aws:iam::123456789012:role/f"\n  handler       = "index.handler"\n  runtime       = "python3.12"\n`;

/** [case, main.tf, terraform rejects, our error codes, our warning codes]. */
const CASES: [string, string, boolean, string[], string[]][] = [
  [
    "bucket_both_literal",
    `resource "aws_s3_bucket" "b" {\n  bucket        = "a"\n  bucket_prefix = "b"\n}\n`,
    true,
    ["conflicting_arguments"],
    [],
  ],
  [
    "bucket_prefix_null",
    `resource "aws_s3_bucket" "b" {\n  bucket        = "a"\n  bucket_prefix = null\n}\n`,
    false,
    [],
    [],
  ],
  [
    "bucket_prefix_variable_default_null",
    `variable "p" {\n  type    = string\n  default = null\n}\nresource "aws_s3_bucket" "b" {\n  bucket        = "a"\n  bucket_prefix = var.p\n}\n`,
    false,
    [],
    ["conflicting_arguments"],
  ],
  [
    "bucket_prefix_conditional",
    `variable "f" {\n  type    = bool\n  default = false\n}\nresource "aws_s3_bucket" "b" {\n  bucket        = "a"\n  bucket_prefix = var.f ? "x" : null\n}\n`,
    false,
    [],
    ["conflicting_arguments"],
  ],
  [
    "bucket_prefix_reference",
    `resource "aws_s3_bucket" "other" {\n  bucket = "o"\n}\nresource "aws_s3_bucket" "b" {\n  bucket        = "a"\n  bucket_prefix = aws_s3_bucket.other.id\n}\n`,
    false,
    [],
    ["conflicting_arguments"],
  ],
  [
    "bucket_prefix_known_local",
    `locals {\n  prefix = "p-\${upper("x")}"\n}\nresource "aws_s3_bucket" "b" {\n  bucket        = "a"\n  bucket_prefix = local.prefix\n}\n`,
    true,
    ["conflicting_arguments"],
    [],
  ],
  [
    "website_both_nested",
    `resource "aws_s3_bucket" "b" {\n  bucket = "a"\n  website {\n    index_document           = "index.html"\n    redirect_all_requests_to = "example.com"\n  }\n}\n`,
    true,
    ["conflicting_arguments"],
    [],
  ],
  [
    "website_neither_nested",
    `resource "aws_s3_bucket" "b" {\n  bucket = "a"\n  website {\n    error_document = "error.html"\n  }\n}\n`,
    true,
    ["missing_one_of"],
    [],
  ],
  [
    "route_no_destination",
    `resource "aws_route" "r" {\n  route_table_id = "rtb-12345678"\n  gateway_id     = "igw-12345678"\n}\n`,
    true,
    ["missing_one_of"],
    [],
  ],
  [
    "route_two_destinations",
    `resource "aws_route" "r" {\n  route_table_id              = "rtb-12345678"\n  gateway_id                  = "igw-12345678"\n  destination_cidr_block      = "0.0.0.0/0"\n  destination_ipv6_cidr_block = "::/0"\n}\n`,
    true,
    ["conflicting_arguments"],
    [],
  ],
  [
    "route_destination_variable",
    `variable "cidr" {\n  type    = string\n  default = "10.0.0.0/8"\n}\nresource "aws_route" "r" {\n  route_table_id         = "rtb-12345678"\n  gateway_id             = "igw-12345678"\n  destination_cidr_block = var.cidr\n}\n`,
    false,
    [],
    [],
  ],
  [
    "instance_no_ami",
    `resource "aws_instance" "i" {\n  instance_type = "t3.micro"\n}\n`,
    true,
    ["missing_one_of"],
    [],
  ],
  [
    "lambda_s3_bucket_without_key",
    `resource "aws_lambda_function" "f" {\n${LAMBDA}  s3_bucket     = "code"\n}\n`,
    true,
    ["required_with"],
    [],
  ],
  [
    "lambda_s3_bucket_and_key",
    `resource "aws_lambda_function" "f" {\n${LAMBDA}  s3_bucket     = "code"\n  s3_key        = "f.zip"\n}\n`,
    false,
    [],
    [],
  ],
  [
    "lambda_s3_bucket_from_variable_without_key",
    `variable "code" {\n  type    = string\n  default = null\n}\nresource "aws_lambda_function" "f" {\n${LAMBDA}  s3_bucket     = var.code\n}\n`,
    true,
    ["required_with"],
    [],
  ],
  [
    "lambda_filename_and_image",
    `resource "aws_lambda_function" "f" {\n${LAMBDA}  filename      = "f.zip"\n  image_uri     = "123456789012.dkr.ecr.us-east-1.amazonaws.com/f:1"\n}\n`,
    true,
    ["conflicting_arguments"],
    [],
  ],
  [
    "sg_rule_cidr_and_self",
    `resource "aws_security_group_rule" "r" {\n  type              = "ingress"\n  from_port         = 443\n  to_port           = 443\n  protocol          = "tcp"\n  security_group_id = "sg-12345678"\n  cidr_blocks       = ["10.0.0.0/8"]\n  self              = true\n}\n`,
    true,
    ["conflicting_arguments"],
    [],
  ],
  [
    "sg_rule_cidr_from_reference",
    `resource "aws_security_group" "g" {\n  name = "g"\n}\nresource "aws_security_group_rule" "r" {\n  type                     = "ingress"\n  from_port                = 443\n  to_port                  = 443\n  protocol                 = "tcp"\n  security_group_id        = "sg-12345678"\n  cidr_blocks              = ["10.0.0.0/8"]\n  source_security_group_id = aws_security_group.g.id\n}\n`,
    false,
    [],
    ["conflicting_arguments"],
  ],
  [
    "sqs_queue_kms_and_managed_sse",
    `resource "aws_sqs_queue" "q" {\n  name                    = "q"\n  kms_master_key_id       = "alias/aws/sqs"\n  sqs_managed_sse_enabled = true\n}\n`,
    true,
    ["conflicting_arguments"],
    [],
  ],
  [
    "asg_launch_configuration_and_template",
    `resource "aws_autoscaling_group" "a" {\n  min_size             = 1\n  max_size             = 2\n  availability_zones   = ["us-east-1a"]\n  launch_configuration = "lc"\n  launch_template {\n    id = "lt-12345678"\n  }\n}\n`,
    true,
    ["conflicting_arguments"],
    [],
  ],
];

const OURS = new Set(["conflicting_arguments", "missing_one_of", "required_with"]);
/** Our codes for one case (other checks' warnings, such as a deprecated argument, are not compared). */
const codes = (findings: Finding[], dir: string, severity: Finding["severity"]): string[] => {
  const mine = findings.filter((f) => f.file.startsWith(`${dir}/`) && f.severity === severity);
  const all = mine.map((f) => f.code).filter((c) => severity === "error" || OURS.has(c));
  return [...new Set(all)].sort();
};

(available ? describe : describe.skip)("argument constraints, with terraform as the oracle", () => {
  let root = "";
  let rejected = new Map<string, string[]>();
  let ours: Finding[] = [];
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "constraints-"));
    const calls = CASES.map(([name]) => `module "${name}" {\n  source = "./cases/${name}"\n}\n`);
    await writeFile(join(root, "main.tf"), `${VERSIONS}${calls.join("")}`);
    for (const [name, main] of CASES) {
      await mkdir(join(root, "cases", name), { recursive: true });
      await writeFile(join(root, "cases", name, "main.tf"), main);
    }
    const env = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
    const init = spawnSync("terraform", ["init", "-backend=false", `-plugin-dir=${PLUGINS}`, "-no-color"], {
      cwd: root,
      env,
    });
    expect(init.status).toBe(0);
    const run = spawnSync("terraform", ["validate", "-json", "-no-color"], { cwd: root, env });
    const verdict = JSON.parse(run.stdout.toString()) as {
      diagnostics: { severity: string; summary: string; detail?: string; range?: { filename: string } }[];
    };
    rejected = new Map();
    for (const d of verdict.diagnostics) {
      if (d.severity !== "error") continue;
      const name = /^cases\/([^/]+)\//.exec(d.range?.filename ?? "")?.[1] ?? "(root)";
      rejected.set(name, [...(rejected.get(name) ?? []), `${d.summary}: ${d.detail ?? ""}`]);
    }
    ours = (await validateDirectory(root)).findings;
  }, 120_000);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("terraform reports nothing outside the cases", () => {
    expect(rejected.get("(root)")).toBeUndefined();
  });

  it.each(CASES)("%s", (name, _main, terraformRejects, errors, warnings) => {
    // The oracle first: the case says what terraform does, and terraform must agree.
    expect({ name, rejected: rejected.has(name) }).toEqual({ name, rejected: terraformRejects });
    expect({ name, errors: codes(ours, `cases/${name}`, "error") }).toEqual({ name, errors });
    expect({ name, warnings: codes(ours, `cases/${name}`, "warning") }).toEqual({ name, warnings });
  });

  it("names which argument to remove", () => {
    const finding = ours.find((f) => f.file === "cases/bucket_both_literal/main.tf");
    expect(finding).toMatchObject({
      line: 3,
      code: "conflicting_arguments",
      suggestion: 'remove "bucket_prefix" (or "bucket")',
    });
  });
});
