// The Action's drift mode as a runner runs it: a real node process of action/dist on a schedule event, a fake
// terraform replaying a real `terraform show -json` (a tag added in the console, which the plan would remove),
// OIDC and STS on loopback. It prints one report line per root and writes nothing to GitHub.
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readDriftLines } from "../../src/core/drift/report.js";
import { RunnerDir, startPeers, type World } from "./process.js";

const SHA = "d1f7".padEnd(40, "2");
const plan = (name: string) => fileURLToPath(new URL(`../fixtures/plan/${name}`, import.meta.url));
const inputs = {
  mode: "drift",
  "role-to-assume": "arn:aws:iam::123456789012:role/plan",
  "aws-region": "us-east-1",
  "github-token": "ghs_0123456789abcdefghijklmnopqrstuvwxyzAB",
  "working-directory": "prod\ndev",
  "allowed-account-ids": "123456789012",
  comment: "never",
  cost: "false",
};
const schedule = { name: "schedule", payload: { schedule: "17 6 * * 1-5" } };

let peers: Awaited<ReturnType<typeof startPeers>>;
let runner: RunnerDir;

function root(name: string, script: { plan?: number; show?: string; init?: number; err?: string }) {
  mkdirSync(join(runner.workspace, name));
  const dir = join(runner.dir, "tf", name);
  mkdirSync(dir);
  if (script.plan !== undefined) writeFileSync(join(dir, "plan.code"), String(script.plan));
  if (script.init !== undefined) writeFileSync(join(dir, "init.code"), String(script.init));
  if (script.err !== undefined) writeFileSync(join(dir, "init.err"), script.err);
  if (script.show) copyFileSync(plan(script.show), join(dir, "show.out"));
}

beforeEach(async () => {
  const world: World = { prState: "open", headSha: SHA, comments: [], runs: {}, inProgress: [] };
  peers = await startPeers(world);
  runner = new RunnerDir().fakeTerraform();
});
afterEach(async () => {
  await peers.close();
  runner.cleanup();
});

describe("the Action's drift mode", () => {
  it("reports a drifted root with the console-added tag and a clean root, one line each", async () => {
    root("prod", { plan: 2, show: "drift-console-tag.json" });
    root("dev", { plan: 0, show: "no-changes.json" });
    const run = await runner.run(
      inputs,
      schedule,
      { githubUrl: peers.github.url, awsUrl: peers.awsUrl },
      { GITHUB_SHA: SHA },
    );
    expect(run.stdout).not.toContain("::error::");
    expect(run.code).toBe(0);
    const reports = readDriftLines(run.stdout);
    expect(reports.map((r) => [r.root, r.status])).toEqual([
      ["prod", "drift"],
      ["dev", "clean"],
    ]);
    expect(reports[0]).toMatchObject({
      sha: SHA,
      counts: { create: 0, update: 1, delete: 0, replace: 0 },
      resources: [{ address: "aws_s3_bucket.logs", actions: ["update"] }],
      tagGaps: [{ address: "aws_s3_bucket.logs", key: "CostCenter", value: "cc-42" }],
    });
    expect(run.outputs).toMatch(/drifted-roots<<.*\nprod\n/);
    expect(run.summary).toContain("### Drift: <code>prod</code> — 1 resource(s) differ from the code");
    // The app owns the issues: the Action made no GitHub request at all.
    expect(peers.github.requests).toEqual([]);
  });

  it("reports a root whose plan failed and fails the step, after reporting the others", async () => {
    root("prod", { init: 1, err: "Error: Failed to get existing workspaces: AccessDenied" });
    root("dev", { plan: 0, show: "no-changes.json" });
    const run = await runner.run(
      inputs,
      schedule,
      { githubUrl: peers.github.url, awsUrl: peers.awsUrl },
      { GITHUB_SHA: SHA },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error::the drift check failed in prod");
    const reports = readDriftLines(run.stdout);
    expect(reports[0]).toMatchObject({ root: "prod", status: "failed" });
    expect(reports[0]?.error).toContain("terraform init exited with 1");
    expect(reports[1]).toMatchObject({ root: "dev", status: "clean" });
  });

  it("refuses to run on a pull request", async () => {
    root("prod", { plan: 2, show: "drift-console-tag.json" });
    const run = await runner.run(
      inputs,
      { name: "pull_request", payload: { repository: { full_name: "acme/infra" } } },
      { githubUrl: peers.github.url, awsUrl: peers.awsUrl },
      { GITHUB_SHA: SHA },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "::error::refusing mode drift: it runs only on schedule or workflow_dispatch, not on pull_request.",
    );
    expect(runner.terraformCalls()).toEqual([]);
  });
});
