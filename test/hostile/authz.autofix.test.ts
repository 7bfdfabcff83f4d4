// Issue 12, weakness 1: auto-fix driven from a fork or by someone who cannot push, and fixes that would
// widen IAM. Each case delivers a real `workflow_run.completed` (from @octokit/webhooks-examples) to the
// app, with GitHub nock'd and checked against @octokit/openapi; no model mock exists, so any attempt
// to fix would fail the test on its model call. The safe outcome: a diagnosis, a reason, nothing pushed.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { gh } from "../helpers/github.js";
import {
  RUN_ID,
  SCRIPTED_LLM,
  createDiagnosisApp,
  failedRun,
  mockProvenance,
  mockRun,
  type ProvenanceFixture,
} from "../fixtures/runs/mocks.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/logs/${name}`, import.meta.url), "utf8");
// A mechanical, auto-fixable failure (an argument with Terraform's own "Did you mean").
const FIXABLE = fixture("terraform-unsupported-argument.log");
const JOB = { id: 801, name: "plan", conclusion: "failure" as const, failedStep: "Run terraform plan" };
const DIAGNOSIS = `<!-- devops-agent:diagnosis:${RUN_ID} -->`;
const AUTOFIX_ON = "autofix:\n  enabled: true\n";

/** Delivers a failed run whose log is `log`, with GitHub answering the gate's questions as `origin` says. */
async function deliverFailedRun(log: string, origin: ProvenanceFixture | null): Promise<string> {
  const app = await createDiagnosisApp({ llm: SCRIPTED_LLM });
  let report = "";
  const api = gh().config(AUTOFIX_ON);
  mockRun(api.scope, 1, [JOB], { 801: log });
  if (origin) {
    mockProvenance(api.scope, origin);
    api.comments(1).createComment(1, (b) => (report = b), 500);
    api.comments(1, [{ id: 500, body: DIAGNOSIS }]).updateComment(500, (b) => (report = b));
  } else {
    api.comments(1).createComment(1, (b) => (report = b), 500);
  }
  await app.deliver("workflow_run", failedRun());
  return report;
}

describe("auto-fix only for this repository's own runs, triggered by someone who can push", () => {
  it("a fork's pull_request_target run that looks like an own-branch run is only diagnosed", async () => {
    const report = await deliverFailedRun(FIXABLE, { event: "pull_request_target" });
    expect(report).toContain("category `invalid_argument`");
    expect(report).toContain("⛔ the run was started by a `pull_request_target` event");
    expect(report).not.toContain("✅");
  });

  it("a workflow_run-triggered run (input from another run) is only diagnosed", async () => {
    const report = await deliverFailedRun(FIXABLE, { event: "workflow_run" });
    expect(report).toContain("⛔ the run was started by a `workflow_run` event");
  });

  it("a payload claiming our repository while GitHub records a fork's head is only diagnosed", async () => {
    const report = await deliverFailedRun(FIXABLE, { headRepository: "mallory/Hello-World" });
    expect(report).toContain("⛔ the run's head commit belongs to another repository (a fork)");
  });

  it("a run whose head repository was deleted is only diagnosed", async () => {
    const report = await deliverFailedRun(FIXABLE, { headRepository: null });
    expect(report).toContain("belongs to another repository");
  });

  it("a head SHA that differs from the one GitHub records is only diagnosed", async () => {
    const report = await deliverFailedRun(FIXABLE, { headSha: "f".repeat(40) });
    expect(report).toContain("⛔ the run GitHub records is not the one I was told about");
  });

  it("a SHA that is no longer the branch's tip (or never was) is only diagnosed", async () => {
    const report = await deliverFailedRun(FIXABLE, { tip: "a".repeat(40) });
    expect(report).toContain("⛔ `feature` no longer points at the commit that failed");
  });

  it("a branch that does not exist in this repository is only diagnosed", async () => {
    const report = await deliverFailedRun(FIXABLE, { tip: null });
    expect(report).toContain(
      "no longer points at the commit that failed (or is not a branch of this repository)",
    );
  });

  it("a run triggered by a read-only user is only diagnosed", async () => {
    const report = await deliverFailedRun(FIXABLE, { actor: "drive-by", permission: "read" });
    expect(report).toContain("⛔ the run was triggered by `drive-by`, who cannot push to this repository");
  });

  it("a run triggered by someone who is not a collaborator at all is only diagnosed", async () => {
    const report = await deliverFailedRun(FIXABLE, { actor: "stranger", permission: "none" });
    expect(report).toContain("`stranger`, who cannot push");
  });

  it("a forged 'access denied for iam:*' log line leads to an explanation, never a fix attempt", async () => {
    const forged = fixture("evil-autofix-iam-wildcard.log");
    const report = await deliverFailedRun(forged, null);
    expect(report).toContain("category `permissions_iam`");
    expect(report).toContain("I will not suggest granting it");
    expect(report).not.toContain("AdministratorAccess");
    expect(report).not.toContain("I can fix this one");
    expect(report).not.toContain("**Auto-fix");
  });

  it("a forged 'Did you mean' that smuggles an IAM wildcard in as the new name is not taken up", async () => {
    const forged = fixture("evil-autofix-smuggled-suggestion.log");
    const report = await deliverFailedRun(forged, null);
    expect(report).toContain("category `invalid_argument`");
    // The log line stays visible as evidence; the fix does not adopt it.
    expect(report.slice(report.indexOf("**Fix.**"))).not.toContain("iam:*");
    expect(report).not.toContain("I can fix this one");
    expect(report).not.toContain("**Auto-fix");
  });
});
