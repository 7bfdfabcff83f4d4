import { describe, expect, it } from "@jest/globals";
import { createTestApp } from "../helpers/app.js";
import { commentPayload } from "../helpers/payloads.js";
import {
  REPO,
  accepted,
  headSha,
  planComment,
  planRun,
  pullRequest,
  record,
  PLAN_SHA256,
} from "../helpers/apply.js";

describe("/agent apply", () => {
  it("checks the head's plan and dispatches the apply workflow on the default branch with its inputs", async () => {
    const app = await createTestApp();
    const pr = pullRequest();
    const sha = headSha(pr);
    let dispatched: unknown;
    let reply = "";
    const api = accepted("Codertocat", "write", "maintain");
    api.scope.get(`${REPO}/pulls/1`).reply(200, pr);
    api.comments(1, [planComment(record(sha))]);
    api.scope.get(`${REPO}/actions/runs/3001`).reply(200, planRun(sha));
    api.scope.get(REPO).reply(200, { default_branch: "main", full_name: "Codertocat/Hello-World" });
    api.scope
      .get(`${REPO}/actions/workflows/devops-agent-apply.yml`)
      .reply(200, { id: 6, path: ".github/workflows/devops-agent-apply.yml" });
    api.scope
      .post(`${REPO}/actions/workflows/devops-agent-apply.yml/dispatches`, (body) => {
        dispatched = body;
        return true;
      })
      .reply(200, {
        workflow_run_id: 88,
        run_url: "https://api.github.com/repos/Codertocat/Hello-World/actions/runs/88",
        html_url: "https://github.com/Codertocat/Hello-World/actions/runs/88",
      });
    api.comments(1).createComment(1, (b) => (reply = b));

    await app.deliver("issue_comment", commentPayload("/agent apply infra/prod", { pr: true }));

    expect(dispatched).toEqual({
      ref: "main",
      inputs: { pr: "1", sha, root: "infra/prod", "plan-run-id": "3001", "plan-sha256": PLAN_SHA256 },
      return_run_details: true,
    });
    expect(reply.split("\n")[0]).toBe("<!-- devops-agent:apply:infra/prod -->");
    expect(reply).toContain(
      "✅ **Plan**: [plan run 3001](https://github.com/Codertocat/Hello-World/actions/runs/3001)",
    );
    expect(reply).toContain(
      "⏳ **Approval**: [apply run](https://github.com/Codertocat/Hello-World/actions/runs/88) waits for a required reviewer of the `production` environment.",
    );
    expect(api.scope.isDone()).toBe(true);
  });

  it("asks which root when the head has plans for several", async () => {
    const app = await createTestApp();
    const pr = pullRequest();
    const sha = headSha(pr);
    let reply = "";
    const api = accepted("Codertocat", "admin");
    api.scope.get(`${REPO}/pulls/1`).reply(200, pr);
    api.comments(1, [
      planComment(record(sha)),
      planComment(record(sha, { root: "infra/dev", file: "infra_dev.tfplan" }), { id: 778 }),
    ]);
    api.comments(1).createComment(1, (b) => (reply = b));
    await app.deliver("issue_comment", commentPayload("/agent apply", { pr: true }));
    expect(reply).toContain("this pull request has plans for several roots (`infra/prod`, `infra/dev`)");
    expect(reply).toContain("Nothing was applied.");
  });

  it("explains how to add a missing apply workflow", async () => {
    const app = await createTestApp();
    const pr = pullRequest();
    const sha = headSha(pr);
    let reply = "";
    const api = accepted("Codertocat", "admin");
    api.scope.get(`${REPO}/pulls/1`).reply(200, pr);
    api.comments(1, [planComment(record(sha))]);
    api.scope.get(`${REPO}/actions/runs/3001`).reply(200, planRun(sha));
    api.scope.get(REPO).reply(200, { default_branch: "main", full_name: "Codertocat/Hello-World" });
    api.scope.get(`${REPO}/actions/workflows/devops-agent-apply.yml`).reply(404, { message: "Not Found" });
    api.comments(1).createComment(1, (b) => (reply = b));
    await app.deliver("issue_comment", commentPayload("/agent apply infra/prod", { pr: true }));
    expect(reply).toContain("I could not find the apply workflow `.github/workflows/devops-agent-apply.yml`");
    expect(api.scope.isDone()).toBe(true);
  });
});
