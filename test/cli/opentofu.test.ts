import { afterEach, describe, expect, it } from "@jest/globals";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../helpers/cli.js";

const FIXTURE = "test/fixtures/terraform/opentofu";
const SHADOWED = [
  {
    file: "main.tf",
    line: null,
    severity: "warning",
    code: "tofu_shadowed",
    message:
      "not read: OpenTofu loads main.tofu instead (Terraform, which ignores .tofu files, would read this one)",
    suggestion: null,
  },
  {
    file: "variables.tf.json",
    line: null,
    severity: "warning",
    code: "tofu_shadowed",
    message:
      "not read: OpenTofu loads variables.tofu.json instead (Terraform, which ignores .tofu files, would read this one)",
    suggestion: null,
  },
];

let dir = "";
afterEach(() => (dir ? rm(dir, { recursive: true, force: true }) : Promise.resolve()));

async function copy(): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), "tofu-cli-"));
  await cp(FIXTURE, dir, { recursive: true });
  return dir;
}

describe("an OpenTofu repository (.tofu beside .tf)", () => {
  it("inventory reads .tofu and .tofu.json, skips the .tf twins OpenTofu ignores, and says so", async () => {
    const result = await runCli(["inventory", FIXTURE, "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      // main.tofu's bucket, not main.tf's legacy one; topics.tf has no twin and counts.
      resources: { aws_s3_bucket: 1, aws_sns_topic: 1, aws_sqs_queue: 1 },
      dataSources: {},
      modules: [{ name: "jobs", source: "./modules/queue" }],
      files: 5,
      errors: SHADOWED,
    });
  });

  it("validate checks the OpenTofu view: registry.opentofu.org's aws provider, the .tofu.json variables", async () => {
    const result = await runCli(["validate", FIXTURE, "--json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      findings: unknown[];
      checks: { name: string; version: string | null }[];
    };
    expect(report.ok).toBe(true);
    // "~> 5.70" on registry.opentofu.org/hashicorp/aws selects the 5.x provider line, as hashicorp/aws would.
    expect(report.checks.find((c) => c.name === "offline-schema")?.version).toMatch(/^hashicorp\/aws 5\./);
    // variables.tf.json's legacy_only is never read, so nothing reports it unused or duplicated.
    expect(report.findings).toEqual(SHADOWED);
  });

  it("validate finds a mistake in a .tofu file at its line, and in a .tofu.json file", async () => {
    const root = await copy();
    await writeFile(
      join(root, "main.tofu"),
      'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n  acl_policy = "private"\n}\n',
    );
    await writeFile(
      join(root, "variables.tofu.json"),
      '{\n  "variable": { "region": { "type": "string" } },\n  "resource": { "aws_sqs_queue": { "dlq": { "nam": "x" } } }\n}\n',
    );
    const result = await runCli(["validate", root, "--json"]);
    expect(result.code).toBe(1);
    const { findings } = JSON.parse(result.stdout) as {
      findings: { file: string; line: number; code: string }[];
    };
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: "main.tofu", line: 3, code: "unknown_argument" }),
        expect.objectContaining({ file: "variables.tofu.json", line: 3, code: "unknown_argument" }),
      ]),
    );
  });

  it("a lone main.tf is read when its twin is gone: the shadowing is by name, not by folder", async () => {
    const root = await copy();
    await rm(join(root, "main.tofu"));
    const result = await runCli(["inventory", root, "--json"]);
    const inventory = JSON.parse(result.stdout) as { resources: Record<string, number>; errors: unknown[] };
    expect(inventory.resources["aws_s3_bucket"]).toBe(1);
    expect(inventory.errors).toEqual([SHADOWED[1]]);
  });
});
