// The Action's apply mode refuses, before any AWS credentials exist, every apply that is not exactly the
// reviewed plan of the pull request's current head. A real node process of action/dist, a real plan file
// (test/fixtures/action/terraform-data.tfplan, written by terraform), and a fake terraform that records calls.
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderPlanRecord, type PlanRecord } from "../../src/core/apply/record.js";
import { RunnerDir, startPeers, type World } from "../action/process.js";

const PLAN = fileURLToPath(new URL("../fixtures/action/terraform-data.tfplan", import.meta.url));
const PLAN_SHA256 = createHash("sha256").update(readFileSync(PLAN)).digest("hex");
const SHA = "c0ffee".padEnd(40, "0");
const NEW_SHA = "beef".padEnd(40, "1");

const dispatch = {
  name: "workflow_dispatch",
  ref: "refs/heads/main",
  runId: "42",
  payload: { repository: { full_name: "acme/infra", default_branch: "main" }, inputs: { pr: "7" } },
};

function record(patch: Partial<PlanRecord> = {}): PlanRecord {
  return {
    v: 1,
    root: "prod",
    sha: SHA,
    runId: 3001,
    runAttempt: 1,
    planSha256: PLAN_SHA256,
    artifact: "devops-agent-plan",
    file: "prod.tfplan",
    at: "2026-12-06T10:00:00.000Z",
    ...patch,
  };
}

const planComment = (rec: PlanRecord, login = "github-actions[bot]") => ({
  id: 901,
  login,
  body: `<!-- devops-agent:plan:prod -->\n## Terraform plan\n${renderPlanRecord(rec)}\n`,
});

const planRun = {
  id: 3001,
  head_sha: SHA,
  status: "completed",
  conclusion: "success",
  path: ".github/workflows/devops-agent-plan.yml",
  html_url: "https://github.com/acme/infra/actions/runs/3001",
  repository: { full_name: "acme/infra" },
};
const selfRun = {
  ...planRun,
  id: 42,
  workflow_id: 9,
  display_title: "devops-agent apply prod (PR 7)",
  status: "in_progress",
  conclusion: null,
  path: ".github/workflows/devops-agent-apply.yml",
};

let world: World;
let peers: Awaited<ReturnType<typeof startPeers>>;
let runner: RunnerDir;
let planDir: string;

beforeEach(async () => {
  world = {
    prState: "open",
    headSha: SHA,
    comments: [planComment(record())],
    runs: { 3001: planRun, 42: selfRun },
    inProgress: [selfRun],
  };
  peers = await startPeers(world);
  runner = new RunnerDir().fakeTerraform();
  mkdirSync(join(runner.workspace, "prod"));
  planDir = join(runner.temp, "plan-in");
  mkdirSync(planDir);
  copyFileSync(PLAN, join(planDir, "prod.tfplan"));
});
afterEach(async () => {
  await peers.close();
  runner.cleanup();
});

async function apply(inputs: Record<string, string> = {}, event = dispatch) {
  const run = await runner.run(
    {
      mode: "apply",
      "role-to-assume": "arn:aws:iam::123456789012:role/apply",
      "aws-region": "us-east-1",
      "github-token": "ghs_0123456789abcdefghijklmnopqrstuvwxyzAB",
      "working-directory": "prod",
      "pull-request": "7",
      "head-sha": SHA,
      "plan-run-id": "3001",
      "plan-sha256": PLAN_SHA256,
      "plan-dir": planDir,
      cost: "false",
      ...inputs,
    },
    event,
    { githubUrl: peers.github.url, awsUrl: peers.awsUrl },
  );
  expect(peers.github.violations).toEqual([]);
  return run;
}

/** Refused: the step fails, terraform never ran, no credentials were asked for. */
function expectRefused(run: Awaited<ReturnType<typeof apply>>, why: string | RegExp) {
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/::error::(apply refused|refusing mode apply)/);
  expect(run.stdout).toMatch(why);
  expect(run.stdout).not.toContain("assumed arn:");
  expect(runner.terraformCalls()).toEqual([]);
}

describe("hostile: the Action's apply mode", () => {
  it("applies the untouched plan file (the control case: the same setup passes)", async () => {
    const run = await apply();
    expect(run.stdout).not.toContain("::error::");
    expect(run.code).toBe(0);
    expect(runner.terraformCalls()).toEqual([
      "prod: init -input=false",
      `prod: apply -input=false -no-color ${join(runner.temp, "devops-agent-apply", "prod.tfplan")}`,
    ]);
  });

  it("refuses a tampered plan file (one byte changed) and says so on the plan comment", async () => {
    const file = join(planDir, "prod.tfplan");
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const run = await apply();
    expectRefused(run, "it is not the file that was planned and reviewed");
    expect(world.comments[0]?.body).toContain("### ⛔ Apply refused");
  });

  it("refuses a swapped plan file even when the dispatch carries its matching hash", async () => {
    writeFileSync(join(planDir, "prod.tfplan"), "another plan");
    const forged = createHash("sha256").update("another plan").digest("hex");
    const run = await apply({ "plan-sha256": forged });
    expectRefused(run, "differs from the one the plan run recorded");
  });

  it("refuses after a new push: the PR head is no longer the planned commit", async () => {
    world.headSha = NEW_SHA;
    const run = await apply();
    expectRefused(run, "the pull request's head moved to beef111 after c0ffee0 was planned");
  });

  it("refuses an older plan run than the one the plan comment records", async () => {
    world.comments = [planComment(record({ runId: 3002 }))];
    const run = await apply();
    expectRefused(run, "the latest plan of prod is run 3002");
  });

  it("refuses a plan record written by another account", async () => {
    world.comments = [planComment(record(), "mallory")];
    const run = await apply();
    expectRefused(run, "no plan comment for prod written by this workflow's account");
  });

  it("refuses a plan run from another workflow", async () => {
    world.runs[3001] = { ...planRun, path: ".github/workflows/evil.yml" };
    const run = await apply();
    expectRefused(run, "not the plan workflow");
  });

  it("refuses a plan file that is a symlink", async () => {
    const file = join(planDir, "prod.tfplan");
    writeFileSync(join(runner.temp, "elsewhere"), readFileSync(PLAN));
    const { rmSync } = await import("node:fs");
    rmSync(file);
    symlinkSync(join(runner.temp, "elsewhere"), file);
    const run = await apply();
    expectRefused(run, "has no plain file prod.tfplan");
  });

  it("refuses while another apply of the same root is running", async () => {
    world.inProgress = [
      selfRun,
      { ...selfRun, id: 41, html_url: "https://github.com/acme/infra/actions/runs/41" },
    ];
    const run = await apply();
    expectRefused(run, "another apply of the same root is running");
  });

  it("refuses a closed pull request", async () => {
    world.prState = "closed";
    const run = await apply();
    expectRefused(run, "pull request #7 is closed");
  });

  it("refuses to run on a pull_request event", async () => {
    const run = await apply({}, { ...dispatch, name: "pull_request" });
    expectRefused(run, "refusing mode apply: it runs only on workflow_dispatch, not on pull_request");
  });

  it("refuses a dispatch on a branch other than the default one", async () => {
    const run = await apply({}, { ...dispatch, ref: "refs/heads/feature" });
    expectRefused(run, "must be dispatched on the default branch (main), not refs/heads/feature");
  });
});
