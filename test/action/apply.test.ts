// Plan, then apply the saved plan, as a runner runs the Action: real node processes of action/dist, real
// terraform with real plan files (a `terraform_data` root needs no provider and no network), GitHub, OIDC and
// STS on loopback. The hostile cases (tampering, a moved head…) are in test/hostile/action.apply.test.ts.
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readPlanRecord } from "../../src/core/apply/record.js";
import { readPlanFacts } from "../../src/core/plan/facts-record.js";
import { readApplyResult } from "../../src/core/apply/result.js";
import { RunnerDir, startPeers, type World } from "./process.js";

const terraform = (() => {
  try {
    execFileSync("terraform", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
if (!terraform) console.warn("skipping the Action apply tests: no terraform on PATH");
const suite = terraform ? describe : describe.skip;

const SHA = "c0ffee".padEnd(40, "0");
const base = {
  "role-to-assume": "arn:aws:iam::123456789012:role/apply",
  "aws-region": "us-east-1",
  "github-token": "ghs_0123456789abcdefghijklmnopqrstuvwxyzAB",
  "working-directory": "prod",
  "allowed-account-ids": "123456789012",
  cost: "false",
};
const prEvent = {
  name: "pull_request",
  ref: "refs/pull/7/merge",
  runId: "3001",
  payload: {
    repository: { full_name: "acme/infra" },
    pull_request: { number: 7, head: { repo: { full_name: "acme/infra" }, sha: SHA } },
  },
};
const dispatchEvent = {
  name: "workflow_dispatch",
  ref: "refs/heads/main",
  runId: "42",
  payload: { repository: { full_name: "acme/infra", default_branch: "main" }, inputs: { pr: "7" } },
};

let world: World;
let peers: Awaited<ReturnType<typeof startPeers>>;
let runner: RunnerDir;

beforeEach(async () => {
  world = { prState: "open", headSha: SHA, comments: [], runs: {}, inProgress: [] };
  peers = await startPeers(world);
  runner = new RunnerDir();
  mkdirSync(join(runner.workspace, "prod"));
  writeFileSync(
    join(runner.workspace, "prod", "main.tf"),
    'resource "terraform_data" "web" {\n  input = "v1"\n}\n',
  );
});
afterEach(async () => {
  await peers.close();
  runner.cleanup();
});

/** The plan run: plans, comments with the record, leaves the plan file where upload-artifact takes it. */
async function plan() {
  const run = await runner.run(base, prEvent, { githubUrl: peers.github.url, awsUrl: peers.awsUrl });
  expect(run.stdout).not.toContain("::error::");
  expect(run.code).toBe(0);
  world.runs[3001] = {
    id: 3001,
    head_sha: SHA,
    status: "completed",
    conclusion: "success",
    path: ".github/workflows/devops-agent-plan.yml",
    html_url: "https://github.com/acme/infra/actions/runs/3001",
    repository: { full_name: "acme/infra" },
  };
  world.runs[42] = {
    id: 42,
    workflow_id: 9,
    display_title: "devops-agent apply prod (PR 7)",
    head_sha: "1".repeat(40),
    status: "in_progress",
    conclusion: null,
    path: ".github/workflows/devops-agent-apply.yml",
    html_url: "https://github.com/acme/infra/actions/runs/42",
    repository: { full_name: "acme/infra" },
  };
  world.inProgress = [world.runs[42]];
  // actions/download-artifact in the apply run puts the plan run's files here.
  mkdirSync(join(runner.temp, "plan-in"));
  copyFileSync(
    join(runner.temp, "devops-agent-plan", "prod.tfplan"),
    join(runner.temp, "plan-in", "prod.tfplan"),
  );
  return run;
}

function applyInputs(sha256: string) {
  return {
    ...base,
    mode: "apply",
    "pull-request": "7",
    "head-sha": SHA,
    "plan-run-id": "3001",
    "plan-sha256": sha256,
    "plan-dir": join(runner.temp, "plan-in"),
  };
}

suite("the Action's apply mode, end to end", () => {
  it("records the saved plan's hash in the plan comment, then applies exactly that file", async () => {
    const planned = await plan();
    const bytes = readFileSync(join(runner.temp, "devops-agent-plan", "prod.tfplan"));
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    expect(planned.outputs).toContain(`${sha256}  prod`);
    const comment = world.comments[0];
    expect(comment?.body.split("\n")[0]).toBe("<!-- devops-agent:plan:prod -->");
    const record = readPlanRecord(comment?.body ?? "");
    expect(record).toMatchObject({
      root: "prod",
      sha: SHA,
      runId: 3001,
      planSha256: sha256,
      file: "prod.tfplan",
    });
    // The plan's facts for `/agent explain`, from the same real plan.
    expect(readPlanFacts(comment?.body ?? "")).toMatchObject({
      root: "prod",
      sha: SHA,
      counts: { create: 1, update: 0, delete: 0, replace: 0 },
      types: { create: { terraform_data: 1 } },
      risks: [],
    });

    const applied = await runner.run(
      applyInputs(sha256),
      dispatchEvent,
      {
        githubUrl: peers.github.url,
        awsUrl: peers.awsUrl,
      },
      { DEVOPS_AGENT_ENVIRONMENT: "production" },
    );
    expect(applied.stdout).not.toContain("::error::");
    expect(applied.code).toBe(0);
    // The real state now holds the resource the plan created.
    const state = JSON.parse(readFileSync(join(runner.workspace, "prod", "terraform.tfstate"), "utf8")) as {
      resources: { type: string; name: string }[];
    };
    expect(state.resources.map((r) => `${r.type}.${r.name}`)).toEqual(["terraform_data.web"]);
    // One comment tracks plan → approval → apply → result; the record stays for the audit trail.
    expect(world.comments).toHaveLength(1);
    const body = world.comments[0]?.body ?? "";
    expect(body).toContain(
      `✅ **Plan** of \`${SHA.slice(0, 7)}\`, run 3001, plan file SHA-256 \`${sha256.slice(0, 12)}…\``,
    );
    expect(body).toContain("✅ **Approval** for environment `production` (the job started)");
    expect(body).toContain(
      "✅ **Applied** in [apply run](https://github.com/acme/infra/actions/runs/42): Apply complete! Resources: 1 added, 0 changed, 0 destroyed.",
    );
    expect(readPlanRecord(body)?.planSha256).toBe(sha256);
    // The hidden result the app reads to finish its own apply comment, for this run.
    expect(readApplyResult(body)).toMatchObject({ v: 1, runId: 42, root: "prod", stage: "applied" });
    expect(applied.outputs).toMatch(/applied<<.*\ntrue\n/);
    expect(peers.github.violations).toEqual([]);
  });

  it("surfaces a stale plan clearly when the state changed after the plan", async () => {
    await plan();
    const sha256 = createHash("sha256")
      .update(readFileSync(join(runner.temp, "plan-in", "prod.tfplan")))
      .digest("hex");
    // Someone applies something else first: the state's serial moves on and the saved plan is stale.
    execFileSync("terraform", ["apply", "-auto-approve", "-input=false", "-no-color"], {
      cwd: join(runner.workspace, "prod"),
      env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" },
      stdio: "ignore",
    });
    const applied = await runner.run(applyInputs(sha256), dispatchEvent, {
      githubUrl: peers.github.url,
      awsUrl: peers.awsUrl,
    });
    expect(applied.code).toBe(1);
    expect(applied.stdout).toContain("::error::terraform apply refused the saved plan of prod: it is stale");
    const body = world.comments[0]?.body ?? "";
    expect(body).toContain("❌ **Apply failed** at `terraform apply`");
    expect(body).toContain("the saved plan is **stale**");
    expect(body).toMatch(/Saved plan is stale/);
    expect(peers.github.violations).toEqual([]);
  });
});
