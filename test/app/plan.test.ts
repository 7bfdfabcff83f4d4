import { describe, expect, it } from "@jest/globals";
import { createTestApp } from "../helpers/app.js";
import { REPO, gh } from "../helpers/github.js";
import { commentPayload, examplePayload, patchPayload, type Payload } from "../helpers/payloads.js";

const COMMENT_ID = 492700400;

function pullRequest(patch: Payload = {}): Payload {
  const pr = examplePayload("pull_request", "opened").pull_request as Payload;
  return patchPayload(pr, { number: 1, state: "open", ...patch });
}

function accepted() {
  return gh().noConfig().permission("Codertocat", "write").reaction(COMMENT_ID);
}

describe("/agent plan", () => {
  it("dispatches the plan workflow on a same-repository PR's head and links the run", async () => {
    const app = await createTestApp();
    let reply = "";
    let dispatched: unknown;
    const pr = pullRequest();
    const head = pr.head as { ref: string; sha: string };
    const api = accepted();
    api.scope.get(`${REPO}/pulls/1`).reply(200, pr);
    api.scope
      .get(`${REPO}/actions/workflows/devops-agent-plan.yml`)
      .reply(200, { id: 5, path: ".github/workflows/devops-agent-plan.yml" });
    api.scope
      .post(`${REPO}/actions/workflows/devops-agent-plan.yml/dispatches`, (body) => {
        dispatched = body;
        return true;
      })
      .reply(200, {
        workflow_run_id: 77,
        run_url: "https://api.github.com/repos/Codertocat/Hello-World/actions/runs/77",
        html_url: "https://github.com/Codertocat/Hello-World/actions/runs/77",
      });
    api.comments(1).createComment(1, (b) => (reply = b));

    await app.deliver("issue_comment", commentPayload("/agent plan infra/prod", { pr: true }));

    expect(dispatched).toEqual({
      ref: head.ref,
      inputs: { pr: "1", root: "infra/prod" },
      return_run_details: true,
    });
    expect(reply).toContain(
      `🚀 Started \`terraform plan\` for \`infra/prod\` on \`${head.ref}\` (${head.sha.slice(0, 7)}): [run 77](https://github.com/Codertocat/Hello-World/actions/runs/77).`,
    );
  });

  it("refuses to plan a fork's pull request and says why", async () => {
    const app = await createTestApp();
    let reply = "";
    const pr = pullRequest({ head: { repo: { full_name: "mallory/Hello-World" } } });
    const api = accepted();
    api.scope.get(`${REPO}/pulls/1`).reply(200, pr);
    api.comments(1).createComment(1, (b) => (reply = b));
    await app.deliver("issue_comment", commentPayload("/agent plan", { pr: true }));
    expect(reply).toContain(
      "This pull request comes from a fork (`mallory/Hello-World`), so I will not plan it.",
    );
    expect(reply).toContain("would hand those credentials");
  });

  it("explains how to add a missing plan workflow", async () => {
    const app = await createTestApp();
    let reply = "";
    const api = accepted();
    api.scope.get(`${REPO}/pulls/1`).reply(200, pullRequest());
    api.scope.get(`${REPO}/actions/workflows/devops-agent-plan.yml`).reply(404, { message: "Not Found" });
    api.comments(1).createComment(1, (b) => (reply = b));
    await app.deliver("issue_comment", commentPayload("/agent plan", { pr: true }));
    expect(reply).toContain("I could not find the plan workflow `.github/workflows/devops-agent-plan.yml`");
    expect(reply).toContain("Copy `templates/workflows/devops-agent-plan.yml`");
  });

  it("says plan works on pull requests only when asked on an issue", async () => {
    const app = await createTestApp();
    let reply = "";
    accepted()
      .comments(1)
      .createComment(1, (b) => (reply = b));
    await app.deliver("issue_comment", commentPayload("/agent plan"));
    expect(reply).toContain("`/agent plan` works on pull requests only.");
  });
});
