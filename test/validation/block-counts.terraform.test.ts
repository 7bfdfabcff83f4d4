// Block counts (min_items/max_items) from terraform's own schema, judged against real `terraform validate`
// (offline, provider mirror in /opt/tf-plugins): where terraform rejects, we reject; where it accepts, we do.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { validateDirectory } from "../../src/validation/offline.js";

const PLUGINS = "/opt/tf-plugins";
const available = spawnSync("terraform", ["version"]).status === 0 && existsSync(PLUGINS);
if (!available) console.warn(`SKIPPED block counts against real terraform: needs terraform and ${PLUGINS}`);

const VERSIONS = `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.0"\n    }\n  }\n}\n`;
const stage = (n: number) =>
  `  stage {\n    name = "s${n}"\n    action {\n      name     = "a${n}"\n      category = "Source"\n      owner    = "AWS"\n      provider = "S3"\n      version  = "1"\n      output_artifacts = ["out${n}"]\n    }\n  }\n`;
const pipeline = (stages: number) =>
  `resource "aws_codepipeline" "p" {\n  name     = "p"\n  role_arn = "arn:aws:iam::123456789012:role/p"\n  artifact_store {\n    location = "bucket"\n    type     = "S3"\n  }\n${Array.from({ length: stages }, (_, i) => stage(i)).join("")}}\n`;
const validator = (i: number) =>
  `  validator {
    type    = "JSON_SCHEMA"
    content = jsonencode({ title = "v${i}" })
  }
`;
const profile = (validators: number) =>
  `resource "aws_appconfig_configuration_profile" "c" {\n  application_id = "abc1234"\n  name           = "c"\n  location_uri   = "hosted"\n${Array.from({ length: validators }, (_, i) => validator(i)).join("")}}\n`;

(available ? describe : describe.skip)("block counts, with terraform as the oracle", () => {
  let dir = "";
  const env = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "block-counts-"));
    await writeFile(join(dir, "versions.tf"), VERSIONS);
    const init = spawnSync("terraform", ["init", "-backend=false", `-plugin-dir=${PLUGINS}`, "-no-color"], {
      cwd: dir,
      env,
    });
    expect(init.status).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function both(main: string): Promise<{ terraform: string[]; ours: string[] }> {
    await writeFile(join(dir, "main.tf"), main);
    const run = spawnSync("terraform", ["validate", "-json", "-no-color"], { cwd: dir, env });
    const verdict = JSON.parse(run.stdout.toString()) as {
      diagnostics: { severity: string; summary: string }[];
    };
    const report = await validateDirectory(dir);
    return {
      terraform: verdict.diagnostics.filter((d) => d.severity === "error").map((d) => d.summary),
      ours: report.findings.filter((f) => f.severity === "error").map((f) => f.code),
    };
  }

  it.each([
    ["a pipeline with one stage (at least 2)", pipeline(1), /Insufficient stage blocks/, "too_few_blocks"],
    [
      "a profile with three validators (at most 2)",
      profile(3),
      /Too many validator blocks/,
      "too_many_blocks",
    ],
  ])(
    "%s: both reject",
    async (_name, main, summary, code) => {
      const { terraform, ours } = await both(main);
      expect(terraform).toEqual([expect.stringMatching(summary)]);
      expect(ours).toEqual([code]);
    },
    30_000,
  );

  it.each([
    ["a pipeline with two stages", pipeline(2)],
    ["a profile with two validators", profile(2)],
  ])(
    "%s: both accept",
    async (_name, main) => {
      expect(await both(main)).toEqual({ terraform: [], ours: [] });
    },
    30_000,
  );
});
