// Joins, schedules, triggers and event notifications the generic plan adds, judged by real `terraform
// validate` (offline, provider mirror in /opt/tf-plugins): each plan is written into a copy of the demo
// repository, the way `ask` writes it, and all copies share one `terraform init`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";

import { planChange, renderPlan } from "../../../src/core/synth/index.js";

import { DEMO_INFRA } from "../../helpers/git.js";
import { ctx } from "../../helpers/synth.js";

const PLUGINS = "/opt/tf-plugins";
const available = spawnSync("terraform", ["version"]).status === 0 && existsSync(PLUGINS);
if (!available) console.warn(`SKIPPED synth joins against real terraform: needs terraform and ${PLUGINS}`);

/** Requests of our own wording, one child module each. */
const CASES: [string, string][] = [
  [
    "dhcp",
    "Make a set of DHCP options with the domain name corp.internal and a VPC. Then associate the options with that VPC.",
  ],
  ["redshift_role", "I need a Redshift cluster and an IAM role; associate the IAM role with the cluster."],
  [
    "lightsail_disk",
    "Create a Lightsail instance and a Lightsail disk of 20 GB, and attach the disk to the instance.",
  ],
  ["nlb", "A network load balancer in front of two EC2 instances"],
  ["schedule", "Deploy a Lambda function and run it every 6 hours"],
  ["instance_event", "Trigger a Lambda function each time an EC2 instance is stopped"],
  ["unknown_event", "Invoke a Lambda function whenever a CodeCommit repository is deleted"],
  ["upload", "A Lambda function that runs whenever a file is uploaded to a new S3 bucket"],
  ["state_machine", "A Step Functions state machine that starts every day at 2 am"],
  ["queue", "An SQS queue that gets a message every hour from a scheduled rule"],
  ["topic", "Send a message to an SNS topic every day at 9 am"],
  ["redshift_events", "I want a Redshift data warehouse that sends notifications about its events"],
  ["db_events", "A PostgreSQL RDS instance that notifies us of its events"],
  ["vault", "A Glacier vault for archives, with notifications"],
];

(available ? describe : describe.skip)("joins and triggers, with terraform as the judge", () => {
  let root = "";
  /** Error diagnostics by the child module (directory) they are in. */
  const errors = new Map<string, string[]>();
  const env = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
  // Each plan is written into a copy of the demo (without its backend and provider, which the root holds),
  // the way `ask` writes it; one root module calls them all, so one init and one validate judge every case.
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "synth-joins-"));
    const calls: string[] = [];
    for (const [dir, request] of CASES) {
      const plan = planChange(request, ctx);
      const target = join(root, dir);
      await cp(DEMO_INFRA, target, { recursive: true });
      await rm(join(target, "backend.tf"));
      await rm(join(target, "providers.tf"));
      for (const file of renderPlan(plan, ctx.repo, "variables.tf")) {
        const path = join(target, file.path);
        if (file.mode === "append") await appendFile(path, `\n${file.content}`);
        else await writeFile(path, file.content);
      }
      const inputs = plan.variables.map((v) => `  ${v.name} = null\n`).join("");
      calls.push(`module "${dir}" {\n  source = "./${dir}"\n${inputs}}\n`);
    }
    await cp(join(DEMO_INFRA, "versions.tf"), join(root, "versions.tf"));
    await writeFile(join(root, "main.tf"), `provider "aws" {\n  region = "eu-west-1"\n}\n${calls.join("")}`);
    const init = spawnSync("terraform", ["init", "-backend=false", `-plugin-dir=${PLUGINS}`, "-no-color"], {
      cwd: root,
      env,
    });
    expect(init.status).toBe(0);
    const run = spawnSync("terraform", ["validate", "-json", "-no-color"], { cwd: root, env });
    const verdict = JSON.parse(run.stdout.toString()) as {
      diagnostics: { severity: string; summary: string; detail?: string; range?: { filename: string } }[];
    };
    for (const d of verdict.diagnostics.filter((d) => d.severity === "error")) {
      const dir = d.range?.filename.split("/")[0] ?? "(root)";
      errors.set(dir, [...(errors.get(dir) ?? []), `${d.summary}: ${d.detail ?? ""}`]);
    }
  }, 120_000);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("every case is understood in full, and the root module itself is valid", () => {
    for (const [, request] of CASES) expect(planChange(request, ctx).notUnderstood).toEqual([]);
    expect(errors.get("(root)") ?? []).toEqual([]);
    expect(errors.get("main.tf") ?? []).toEqual([]);
  });

  it.each(CASES)("%s: terraform accepts the plan", (dir) => {
    expect(errors.get(dir) ?? []).toEqual([]);
  });
});
