import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { diagnose, diagnosisFingerprint } from "../../src/core/diagnosis/index.js";
import { excerptFromText } from "../../src/core/logs/index.js";
import { REPO, gh } from "../helpers/github.js";
import { commentPayload, examplePayload, patchPayload, type Payload } from "../helpers/payloads.js";
import { HEAD_SHA, RUN_ID, createDiagnosisApp, mockProvenance, mockRun } from "../fixtures/runs/mocks.js";

const COMMENT_ID = 492700400;
const LOG = readFileSync(
  new URL("../fixtures/logs/terraform-unsupported-argument.log", import.meta.url),
  "utf8",
);
const JOB = {
  id: 901,
  name: "validate",
  conclusion: "failure" as const,
  failedStep: "Run terraform validate -no-color",
};

function pullRequest(patch: Payload = {}): Payload {
  const pr = examplePayload("pull_request", "opened").pull_request as Payload;
  return patchPayload(pr, { number: 1, state: "open", head: { ref: "feature", sha: HEAD_SHA }, ...patch });
}

function accepted() {
  return gh().noConfig().permission("Codertocat", "write").reaction(COMMENT_ID);
}

const failedRuns = (runs: Payload[]) => ({ total_count: runs.length, workflow_runs: runs });
const run = {
  id: RUN_ID,
  name: "Terraform",
  run_attempt: 1,
  head_branch: "feature",
  head_sha: HEAD_SHA,
  html_url: `https://github.com/Codertocat/Hello-World/actions/runs/${RUN_ID}`,
  event: "pull_request",
  status: "completed",
  conclusion: "failure",
  created_at: "2024-05-01T12:00:00Z",
};

describe("/agent fix", () => {
  it("says so when the PR's head commit has no failed run", async () => {
    const app = await createDiagnosisApp();
    let reply = "";
    const api = accepted();
    api.scope.get(`${REPO}/pulls/1`).reply(200, pullRequest());
    api.scope
      .get(`${REPO}/actions/runs`)
      .query({ head_sha: HEAD_SHA, status: "failure", per_page: "50" })
      .reply(200, failedRuns([]));
    api.comments(1).createComment(1, (b) => (reply = b));

    await app.deliver("issue_comment", commentPayload("/agent fix", { pr: true }));

    expect(reply).toContain(
      `I found no failed workflow run for the head commit \`${HEAD_SHA.slice(0, 7)}\` of this pull request, so there is nothing to fix.`,
    );
  });

  it("refuses a fork's pull request", async () => {
    const app = await createDiagnosisApp();
    let reply = "";
    const api = accepted();
    api.scope
      .get(`${REPO}/pulls/1`)
      .reply(200, pullRequest({ head: { repo: { full_name: "mallory/Hello-World" } } }));
    api.comments(1).createComment(1, (b) => (reply = b));
    await app.deliver("issue_comment", commentPayload("/agent fix", { pr: true }));
    expect(reply).toContain(
      "This pull request comes from a fork (`mallory/Hello-World`): I cannot push to its branch.",
    );
  });

  it("diagnoses the latest failed run and respects the loop guard even when asked", async () => {
    const app = await createDiagnosisApp();
    const found = diagnose(excerptFromText(LOG));
    if (!found) throw new Error("fixture must match");
    const ledger = {
      id: 61,
      body: `<!-- devops-agent:autofix:feature@${diagnosisFingerprint(found)} -->\n<!-- devops-agent:attempts 2 -->`,
    };
    const diagnosis = { id: 500, body: `<!-- devops-agent:diagnosis:${RUN_ID} -->` };
    let report = "";
    let reply = "";
    const api = accepted();
    api.scope.get(`${REPO}/pulls/1`).reply(200, pullRequest());
    api.scope
      .get(`${REPO}/actions/runs`)
      .query(true)
      .reply(200, failedRuns([{ ...run, id: 11, created_at: "2024-04-01T00:00:00Z" }, run]));
    api.scope.get(REPO).reply(200, {
      ...(examplePayload("pull_request", "opened").repository as Payload),
      default_branch: "main",
    });
    mockRun(api.scope, 1, [JOB], { 901: LOG });
    mockProvenance(api.scope);
    api.comments(1, [ledger]).createComment(1, () => undefined, 500);
    api.comments(1, [ledger, diagnosis]);
    api.comments(1, [ledger, diagnosis]).updateComment(500, (b) => (report = b));
    api.comments(1, [ledger, diagnosis]).createComment(1, (b) => (reply = b), 502);

    await app.deliver("issue_comment", commentPayload("/agent fix", { pr: true }));

    expect(report).toContain("category `invalid_argument`");
    expect(report).toContain("⛔ I already tried to fix this failure 2 times on `feature` (the limit is 2)");
    expect(reply).toContain(
      `I diagnosed [Terraform run ${RUN_ID}](https://github.com/Codertocat/Hello-World/actions/runs/${RUN_ID})`,
    );
  });
});
