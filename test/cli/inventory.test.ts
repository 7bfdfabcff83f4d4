import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../helpers/cli.js";

let base: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), "inventory-cli-"));
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

function parseJson(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe("devops-agent inventory", () => {
  it("prints exactly the contract keys for the demo and exits 0", async () => {
    const result = await runCli(["inventory", "examples/demo-infra", "--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(parseJson(result.stdout)).toEqual({
      resources: {
        aws_cloudwatch_log_group: 1,
        aws_iam_role: 1,
        aws_iam_role_policy: 1,
        aws_s3_bucket: 1,
        aws_s3_bucket_public_access_block: 1,
        aws_s3_bucket_server_side_encryption_configuration: 1,
        aws_s3_bucket_versioning: 1,
      },
      dataSources: { aws_caller_identity: 1 },
      modules: [{ name: "app_logs", source: "./modules/log-group" }],
      files: 13,
      errors: [],
    });
  });

  it("prints readable tables without --json", async () => {
    const result = await runCli(["inventory", "test/fixtures/terraform/nested-modules"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "Terraform in test/fixtures/terraform/nested-modules: 7 file(s); root modules: live/prod, live/staging",
        "",
        "Resources (3)",
        "  TYPE                  COUNT",
        "  aws_ecs_cluster       1",
        "  aws_internet_gateway  1",
        "  aws_vpc               1",
        "",
        "Data sources (0)",
        "  (none)",
        "",
        "Module calls (4)",
        "  NAME           SOURCE",
        "  app            ../../modules/app",
        "  app            ../../modules/app",
        "  network        ../network",
        "  vpc_endpoints  terraform-aws-modules/vpc/aws//modules/vpc-endpoints",
        "",
      ].join("\n"),
    );
  });

  it("reports invalid HCL as a finding with its line and exits 1", async () => {
    const result = await runCli(["inventory", "test/fixtures/terraform/evil-invalid-hcl", "--json"]);
    expect(result.code).toBe(1);
    const output = parseJson(result.stdout);
    expect(output["files"]).toBe(2);
    expect(output["errors"]).toEqual([
      {
        file: "main.tf",
        line: 6,
        severity: "error",
        code: "parse_error",
        message:
          "Invalid expression: Expected the start of an expression, but found an invalid expression token. (column 12)",
        suggestion: null,
      },
    ]);
  });

  it("lists problems in the human output too", async () => {
    const result = await runCli(["inventory", "test/fixtures/terraform/evil-invalid-hcl"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "  main.tf:6  error     parse_error  Invalid expression: Expected the start of an expression",
    );
  });

  it("exits 1 with a finding for a binary main.tf and for a 20 MB .tf", async () => {
    await writeFile(join(base, "main.tf"), Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    await writeFile(join(base, "big.tf"), Buffer.alloc(20 * 1024 * 1024, "# comment\n"));
    await writeFile(join(base, "ok.tf"), 'resource "aws_sqs_queue" "q" {}\n');
    const result = await runCli(["inventory", base, "--json"]);
    expect(result.code).toBe(1);
    const output = parseJson(result.stdout);
    expect(output["resources"]).toEqual({ aws_sqs_queue: 1 });
    expect(output["files"]).toBe(3);
    expect((output["errors"] as Array<{ file: string; code: string }>).map((e) => [e.file, e.code])).toEqual([
      ["big.tf", "file_too_large"],
      ["main.tf", "binary_file"],
    ]);
  });

  it("survives a symlink loop and a symlink out of DIR: warnings, exit 0", async () => {
    const root = join(base, "repo");
    await mkdir(join(root, "env"), { recursive: true });
    await writeFile(join(root, "env", "main.tf"), 'resource "aws_sqs_queue" "q" {}\n');
    await symlink("..", join(root, "env", "parent"));
    await symlink("self.tf", join(root, "self.tf"));
    await writeFile(join(base, "outside.tf"), 'resource "aws_sns_topic" "t" {}\n');
    await symlink(join(base, "outside.tf"), join(root, "outside.tf"));
    const result = await runCli(["inventory", root, "--json"]);
    expect(result.code).toBe(0);
    const output = parseJson(result.stdout);
    expect(output["resources"]).toEqual({ aws_sqs_queue: 1 });
    expect(
      (output["errors"] as Array<{ file: string; code: string; severity: string }>).map((e) => [
        e.file,
        e.code,
        e.severity,
      ]),
    ).toEqual([
      ["outside.tf", "symlink_outside_root", "warning"],
      ["self.tf", "unreadable_file", "warning"],
    ]);
  });

  it("says so and exits 1 for an empty directory or one without Terraform", async () => {
    const empty = await runCli(["inventory", base]);
    expect(empty).toEqual({
      code: 1,
      stdout: "",
      stderr: `devops-agent inventory: no Terraform files (.tf, .tf.json, .tofu, .tofu.json) found under ${base}\n`,
    });
    await writeFile(join(base, "README.md"), "# docs only\n");
    const json = await runCli(["inventory", base, "--json"]);
    expect(json.code).toBe(1);
    expect(parseJson(json.stdout)).toEqual({
      resources: {},
      dataSources: {},
      modules: [],
      files: 0,
      errors: [],
    });
  });

  it("exits 2 with a one-line reason for a missing DIR, a file as DIR, and bad usage", async () => {
    expect(await runCli(["inventory", "no/such/dir"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "devops-agent inventory: cannot read no/such/dir: no such directory\n",
    });
    const file = await runCli(["inventory", "examples/demo-infra/s3.tf"]);
    expect(file.code).toBe(2);
    expect(file.stderr).toBe("devops-agent inventory: examples/demo-infra/s3.tf is not a directory\n");
    const none = await runCli(["inventory"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      'devops-agent inventory: expected exactly one DIR, e.g. "inventory examples/demo-infra"\n',
    );
    const flag = await runCli(["inventory", ".", "--yaml"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr.split("\n")).toHaveLength(2);
  });

  it("redacts credentials embedded in a module source", async () => {
    // Built at run time so no token-shaped string sits in the repository.
    const token = ["ghs", "16C7e42F292c6912E7710c838347Ae178B4a"].join("_");
    const source = `git::https://x-access-token:${token}@github.com/acme/modules.git//vpc?ref=v1.2.0`;
    await writeFile(join(base, "main.tf"), `module "private" {\n  source = "${source}"\n}\n`);
    for (const argv of [
      ["inventory", base, "--json"],
      ["inventory", base],
    ]) {
      const result = await runCli(argv);
      expect(result.code).toBe(0);
      expect(result.stdout).not.toContain(token);
      expect(result.stdout).toContain(
        "git::https://x-access-token:[REDACTED]@github.com/acme/modules.git//vpc?ref=v1.2.0",
      );
    }
  });

  it("documents its exit codes in --help", async () => {
    const result = await runCli(["inventory", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("DIR holds no Terraform files");
  });
});
