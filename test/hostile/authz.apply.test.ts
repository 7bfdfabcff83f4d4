// `/agent apply` changes real infrastructure: who may ask, and which plan it may apply.
import { describe, expect, it } from "@jest/globals";
import { createTestApp } from "../helpers/app.js";
import { commentPayload, type Payload } from "../helpers/payloads.js";
import { REPO, accepted, headSha, planComment, planRun, pullRequest, record } from "../helpers/apply.js";
import type { CommentFixture } from "../helpers/github.js";

/** Delivers `/agent apply infra/prod` and returns the one reply; nothing else may be called (no dispatch). */
async function refusedApply(options: {
  permission?: ["admin" | "write", string];
  pr?: Payload;
  comments?: (sha: string) => CommentFixture[];
  run?: (sha: string) => Payload;
}): Promise<string> {
  const app = await createTestApp();
  const pr = options.pr ?? pullRequest();
  const sha = headSha(pr);
  let reply = "";
  const [permission, role] = options.permission ?? ["write", "maintain"];
  const api = accepted("Codertocat", permission, role);
  if (role === "maintain" || permission === "admin") {
    api.scope.get(`${REPO}/pulls/1`).reply(200, pr);
    if (options.comments) api.comments(1, options.comments(sha));
    if (options.run) api.scope.get(`${REPO}/actions/runs/3001`).reply(200, options.run(sha));
  }
  api.comments(1).createComment(1, (b) => (reply = b));
  await app.deliver("issue_comment", commentPayload("/agent apply infra/prod", { pr: true }));
  expect(api.scope.isDone()).toBe(true);
  expect(reply).not.toContain("Approval");
  return reply;
}

const OLD_SHA = "0".repeat(40);

describe("hostile: /agent apply authorization", () => {
  it("refuses a writer (apply needs maintain by default) and says so", async () => {
    const reply = await refusedApply({ permission: ["write", "write"] });
    expect(reply).toContain(
      "`/agent apply` needs `maintain` permission on this repository, and you have `write`",
    );
  });

  it("refuses a custom repository role whose base permission is write", async () => {
    const reply = await refusedApply({ permission: ["write", "deployer"] });
    expect(reply).toContain("needs `maintain` permission");
  });

  it("refuses after a new push: the only plan is for an older commit", async () => {
    const reply = await refusedApply({ comments: () => [planComment(record(OLD_SHA))] });
    expect(reply).toContain("the latest plan for `infra/prod` is for commit `0000000`");
    expect(reply).toContain("the code changed after it was planned");
  });

  it("ignores a plan record pasted into a person's comment", async () => {
    const reply = await refusedApply({
      comments: (sha) => [planComment(record(sha), { login: "Codertocat", type: "User" })],
    });
    expect(reply).toContain("I found no successful plan for `infra/prod`");
  });

  it("ignores a plan record written by another app", async () => {
    const reply = await refusedApply({
      comments: (sha) => [planComment(record(sha), { login: "evil-app[bot]" })],
    });
    expect(reply).toContain("I found no successful plan");
  });

  it("ignores a record in the Action's account's comment that is not a plan comment", async () => {
    const reply = await refusedApply({
      comments: (sha) => [{ ...planComment(record(sha)), body: `hello\n${planComment(record(sha)).body}` }],
    });
    expect(reply).toContain("I found no successful plan");
  });

  it("refuses a record whose run is another workflow's", async () => {
    const reply = await refusedApply({
      comments: (sha) => [planComment(record(sha))],
      run: (sha) => planRun(sha, { path: ".github/workflows/evil.yml" }),
    });
    expect(reply).toContain("is from `.github/workflows/evil.yml`, not the plan workflow");
  });

  it("refuses a record whose plan run failed", async () => {
    const reply = await refusedApply({
      comments: (sha) => [planComment(record(sha))],
      run: (sha) => planRun(sha, { conclusion: "failure" }),
    });
    expect(reply).toContain("plan run 3001 did not succeed (completed, failure)");
  });

  it("refuses a record whose run planned another commit", async () => {
    const reply = await refusedApply({
      comments: (sha) => [planComment(record(sha))],
      run: () => planRun(OLD_SHA),
    });
    expect(reply).toContain("plan run 3001 ran on `0000000`, not on the planned commit");
  });

  it("refuses a pull request from a fork", async () => {
    const reply = await refusedApply({
      pr: pullRequest({ head: { repo: { full_name: "mallory/Hello-World" } } }),
    });
    expect(reply).toContain("this pull request comes from a fork");
  });
});
