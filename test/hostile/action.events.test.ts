// The plan Action, run as a runner runs it, on events whose code or ref an outsider chooses: refused with
// a reason, before an OIDC token is requested (no OIDC mock exists here: a request would fail differently).
import { afterEach, describe, expect, it } from "@jest/globals";
import { Runner } from "../action/harness.js";
import { inputs, posted } from "../action/mocks.js";

let runner: Runner | undefined;
afterEach(() => {
  runner?.cleanup();
  runner = undefined;
  posted.length = 0;
});

const base = { full_name: "acme/infra" };
async function refusedOn(name: string, payload: unknown, extra: NodeJS.ProcessEnv = {}) {
  runner = new Runner(inputs, { name, payload }, extra).root("prod", {});
  const run = await runner.run();
  expect(run.ok).toBe(false);
  expect(run.calls).toEqual([]);
  expect(run.exported).toBe("");
  const error = run.stdout.find((line) => line.startsWith("::error::")) ?? "";
  expect(error).toMatch(/^::error::refusing to assume the role/);
  return error;
}

describe("only pull_request (same repository), push, workflow_dispatch and schedule get the role", () => {
  it("refuses issue_comment (anyone who can comment would trigger a plan with the role)", async () => {
    const error = await refusedOn("issue_comment", {
      repository: base,
      issue: { number: 7, pull_request: {} },
      comment: { body: "/plan" },
    });
    expect(error).toContain("not on issue_comment");
  });

  it("refuses pull_request_target even when the head is this repository", async () => {
    const error = await refusedOn("pull_request_target", {
      repository: base,
      pull_request: { number: 7, head: { repo: base } },
    });
    expect(error).toContain("not on pull_request_target");
  });

  it("refuses workflow_run (it runs with base permissions on a ref someone else chose)", async () => {
    expect(
      await refusedOn("workflow_run", { repository: base, workflow_run: { head_repository: base } }),
    ).toContain("not on workflow_run");
  });

  it("refuses a pull_request from a fork, naming the fork", async () => {
    const error = await refusedOn("pull_request", {
      repository: base,
      pull_request: { number: 7, head: { repo: { full_name: "mallory/infra" } } },
    });
    expect(error).toContain("would plan code from mallory/infra");
  });

  it("refuses a pull_request whose head repository was deleted", async () => {
    expect(
      await refusedOn("pull_request", {
        repository: base,
        pull_request: { number: 7, head: { repo: null } },
      }),
    ).toContain("a deleted fork");
  });

  it("refuses a pull_request payload with no head repository at all", async () => {
    expect(await refusedOn("pull_request", { repository: base })).toContain("would plan code from");
  });

  it("refuses repository_dispatch and merge_group (not on the list)", async () => {
    expect(await refusedOn("repository_dispatch", { repository: base })).toContain(
      "not on repository_dispatch",
    );
    runner?.cleanup();
    expect(await refusedOn("merge_group", { repository: base })).toContain("not on merge_group");
  });

  it("refuses when the runner names no event at all", async () => {
    expect(await refusedOn("", { repository: base }, { GITHUB_EVENT_NAME: "" })).toContain("not on");
  });
});
