// The plan Action edits only comments written by its own token's account (GraphQL `viewer`), never another
// bot's or a person's comment that carries the same marker. Run as a runner runs it, GitHub nock'd and
// checked against the OpenAPI description.
import { afterEach, describe, expect, it } from "@jest/globals";
import { githubApi } from "../helpers/github-openapi.js";
import { Runner } from "../action/harness.js";
import { expectPost, inputs, oidc, posted, prEvent, sts, viewer } from "../action/mocks.js";

let runner: Runner | undefined;
afterEach(() => {
  runner?.cleanup();
  runner = undefined;
  posted.length = 0;
});

const MARKER = "<!-- devops-agent:plan:prod -->";
const existing = (id: number, login: string, type = "Bot") => ({
  id,
  html_url: `https://github.com/acme/infra/pull/7#issuecomment-${id}`,
  body: `${MARKER}\nPlan: 1 to add`,
  user: { login, type },
});

function runWith(comments: object[], identity = "github-actions[bot]") {
  runner = new Runner(inputs, prEvent).root("prod", { plan: { code: 2 }, show: "all-actions.json" });
  oidc();
  sts();
  viewer(identity);
  githubApi().get("/repos/acme/infra/issues/7/comments").query({ per_page: "100" }).reply(200, comments);
  return runner;
}

describe("the Action trusts only its own token's comments", () => {
  it("does not overwrite another app's comment carrying our marker: it posts its own", async () => {
    const current = runWith([existing(11, "other-app[bot]")]);
    expectPost();
    const run = await current.run();
    expect(run.ok).toBe(true);
    expect(posted).toHaveLength(1);
  });

  it("does not overwrite a person's comment that quotes the marker", async () => {
    const current = runWith([existing(12, "mallory", "User")]);
    expectPost();
    expect((await current.run()).ok).toBe(true);
  });

  it("with a personal token, edits that person's comment, not github-actions[bot]'s", async () => {
    const current = runWith(
      [existing(13, "github-actions[bot]"), existing(14, "release-bot")],
      "release-bot",
    );
    githubApi()
      .patch("/repos/acme/infra/issues/comments/14", (body: { body: string }) => {
        posted.push(body.body);
        return true;
      })
      .reply(200, existing(14, "release-bot"));
    expect((await current.run()).ok).toBe(true);
    expect(posted).toHaveLength(1);
  });

  it("edits nothing and fails clearly when the token's identity cannot be learned", async () => {
    runner = new Runner(inputs, prEvent).root("prod", { plan: { code: 2 }, show: "all-actions.json" });
    oidc();
    sts();
    githubApi()
      .post("/graphql")
      .reply(200, { errors: [{ message: "Resource not accessible by integration" }] });
    const run = await runner.run();
    expect(run.ok).toBe(false);
    expect(posted).toEqual([]);
    expect(run.stdout.find((l) => l.startsWith("::error::"))).toContain(
      "cannot tell which account the github-token belongs to",
    );
    // The plan itself still reached the job summary.
    expect(run.summary).toContain("Plan:");
  });
});
