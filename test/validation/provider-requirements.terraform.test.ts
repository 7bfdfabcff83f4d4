// provider_not_required names the provider Terraform will actually guess, judged against `terraform
// providers` (offline, no plugins needed): data sources (`data "external" "boot"` is provider `external`),
// the `provider = <name>.<alias>` meta-argument, built-ins, and child modules that do not inherit their
// caller's required_providers. Issue #13 saw `hashicorp/external.boot`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "@jest/globals";
import { validateDirectory } from "../../src/validation/offline.js";

const PLUGINS = "/opt/tf-plugins";
const available = spawnSync("terraform", ["version"]).status === 0;
if (!available)
  console.warn("SKIPPED provider requirements against real terraform: terraform is not on PATH");

const env = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
// Providers whose implied `hashicorp/<name>` source is the right one: no warning for them.
const GUESSED_RIGHT = new Set(["aws", "external", "http", "random", "null", "tls", "local", "time"]);
const AWS = 'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n';

const CASES: Record<string, Record<string, string>> = {
  "data sources named by their type (issue #13)": {
    "main.tf": `${AWS}data "external" "boot" {\n  program = ["true"]\n}\ndata "http" "boot_script" {\n  url = "https://example.com"\n}\n`,
  },
  "the provider meta-argument names the provider": {
    "main.tf": `${AWS}provider "aws" {\n  alias = "east"\n}\nresource "aws_sqs_queue" "q" {\n  provider = aws.east\n}\nresource "mycloud_thing" "y" {\n  provider = other.west\n}\n`,
  },
  "built-ins need no requirement": {
    "main.tf": `${AWS}resource "terraform_data" "t" {}\ndata "terraform_remote_state" "s" {\n  backend = "local"\n}\n`,
  },
  "a community provider nobody requires": {
    "main.tf": `${AWS}resource "datadog_monitor" "m" {}\ndata "datadog_user" "u" {}\n`,
  },
  "child modules do not inherit required_providers": {
    "main.tf":
      'terraform {\n  required_providers {\n    mycloud = { source = "acme/mycloud" }\n  }\n}\nmodule "c" {\n  source = "./child"\n}\nmodule "c2" {\n  source = "./child2"\n}\nresource "mycloud_thing" "root" {}\n',
    "child/main.tf": 'resource "mycloud_thing" "y" {}\n',
    "child2/main.tf":
      'terraform {\n  required_providers {\n    mycloud = { source = "acme/mycloud" }\n  }\n}\nresource "mycloud_thing" "y" {}\n',
  },
};

const dirs: string[] = [];
async function stage(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "provider-req-"));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

/** `module dir → providers` Terraform guesses as `hashicorp/<name>`, from `terraform providers`. */
function terraformGuesses(dir: string): Record<string, string[]> {
  spawnSync("terraform", ["get", "-no-color"], { cwd: dir, env });
  const run = spawnSync("terraform", ["providers", "-no-color"], { cwd: dir, env });
  expect(run.status).toBe(0);
  const out: Record<string, string[]> = {};
  let module = ".";
  for (const line of run.stdout.toString().split("\n")) {
    const call = /──\s+module\.(\S+)/.exec(line);
    if (call) module = call[1] === "c" ? "child" : "child2";
    const provider = /provider\[registry\.terraform\.io\/hashicorp\/([^\]]+)\]/.exec(line);
    if (!provider?.[1] || GUESSED_RIGHT.has(provider[1])) continue;
    const where = line.indexOf("provider[") <= 4 ? "." : module;
    out[where] = [...(out[where] ?? []), provider[1]].sort();
  }
  return out;
}

async function ourWarnings(dir: string): Promise<Record<string, string[]>> {
  const report = await validateDirectory(dir);
  const out: Record<string, string[]> = {};
  for (const f of report.findings.filter((x) => x.code === "provider_not_required")) {
    const name = /Terraform will assume hashicorp\/(\S+)$/.exec(f.message)?.[1] ?? f.message;
    const where = f.file.includes("/") ? dirname(f.file) : ".";
    out[where] = [...(out[where] ?? []), name].sort();
    expect(f.severity).toBe("warning");
  }
  return out;
}

(available ? describe : describe.skip)(
  "provider_not_required, with terraform providers as the oracle",
  () => {
    afterAll(async () => {
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    });

    it.each(Object.entries(CASES))(
      "%s: we warn about exactly the providers terraform guesses wrongly",
      async (_name, files) => {
        const dir = await stage(files);
        expect(await ourWarnings(dir)).toEqual(terraformGuesses(dir));
      },
      30_000,
    );

    it("names the data source by its address and its provider by the type's prefix", async () => {
      const report = await validateDirectory(
        await stage(CASES["a community provider nobody requires"] ?? {}),
      );
      const messages = report.findings
        .filter((f) => f.code === "provider_not_required")
        .map((f) => f.message);
      expect(messages).toEqual([
        '"datadog_monitor.m" uses provider "datadog", which required_providers does not list; Terraform will assume hashicorp/datadog',
      ]);
      const data = await validateDirectory(await stage({ "main.tf": `${AWS}data "datadog_user" "u" {}\n` }));
      expect(data.findings.find((f) => f.code === "provider_not_required")?.message).toMatch(
        /^"data\.datadog_user\.u" uses provider "datadog"/,
      );
    });

    (existsSync(PLUGINS) ? it : it.skip)(
      "terraform init without the guessed provider fails on exactly that source",
      async () => {
        const dir = await stage(CASES["a community provider nobody requires"] ?? {});
        const init = spawnSync(
          "terraform",
          ["init", "-backend=false", `-plugin-dir=${PLUGINS}`, "-no-color"],
          {
            cwd: dir,
            env,
          },
        );
        expect(init.status).not.toBe(0);
        expect(init.stderr.toString() + init.stdout.toString()).toContain("hashicorp/datadog");
      },
      60_000,
    );
  },
);
