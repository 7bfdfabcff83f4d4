import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { validateTree } from "../../src/validation/index.js";

const versions = (constraint: string): string =>
  `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "${constraint}"\n    }\n  }\n}\n`;
const instance =
  'resource "aws_instance" "web" {\n  ami            = "ami-123"\n  instance_type  = "t3.micro"\n  cpu_core_count = 2\n}\n';

describe("validateTree checks against the provider version the repository gets", () => {
  let dir = "";
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  async function tree(files: Record<string, string>) {
    dir = await mkdtemp(join(tmpdir(), "schema-version-"));
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    const report = await validateTree({ root: dir });
    const codes = report.findings.map((f) => [f.severity, f.code]);
    return { report, codes, offline: report.checks.find((c) => c.name === "offline-schema") };
  }

  it("~> 5.0: cpu_core_count is valid (deprecated: a warning), and the check names schema and constraint", async () => {
    const { report, codes, offline } = await tree({ "versions.tf": versions("~> 5.0"), "main.tf": instance });
    expect(codes).toEqual([["warning", "deprecated_argument"]]);
    expect(report.ok).toBe(true);
    expect(offline?.version).toBe("hashicorp/aws 5.100.0");
    expect(offline?.why).toContain("offline schema 5.100.0 for constraint ~> 5.0");
  });

  it("no constraint: terraform installs 6.x, where cpu_core_count is gone", async () => {
    const { report, codes, offline } = await tree({ "main.tf": instance });
    expect(codes).toEqual([["error", "unknown_argument"]]);
    expect(report.ok).toBe(false);
    expect(offline?.why).toContain("offline schema 6.25.0 (no version constraint");
  });

  it("the lock file wins over the constraint, and a version not bundled says which was used instead", async () => {
    const lock = 'provider "registry.terraform.io/hashicorp/aws" {\n  version = "4.20.1"\n}\n';
    const { codes, offline } = await tree({
      "versions.tf": versions(">= 4.0"),
      ".terraform.lock.hcl": lock,
      "main.tf": instance,
    });
    expect(codes).toEqual([["warning", "deprecated_argument"]]);
    expect(offline?.version).toBe("hashicorp/aws 4.67.0");
    expect(offline?.why).toContain(
      "offline schema 4.67.0 for locked 4.20.1 (nearest bundled; 4.20.1 is not bundled)",
    );
  });

  it("a constraint no bundled schema meets falls back to the nearest, and says so", async () => {
    const { offline } = await tree({ "versions.tf": versions("< 4.0"), "main.tf": instance });
    expect(offline?.why).toContain(
      "offline schema 4.67.0 for constraint < 4.0 (no bundled schema satisfies it; nearest used)",
    );
  });

  it("4.x: a block added in 5.x is unknown", async () => {
    const cpu =
      'resource "aws_instance" "web" {\n  ami           = "ami-123"\n  instance_type = "t3.micro"\n  cpu_options {\n    core_count = 2\n  }\n}\n';
    const { codes } = await tree({ "versions.tf": versions("~> 4.16"), "main.tf": cpu });
    expect(codes).toEqual([["error", "unknown_block"]]);
  });
});
