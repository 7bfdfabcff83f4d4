// Which failures the job processor hands back to a retrying queue (RetryLater) and which it reports: over
// HTTP with nock as GitHub, through the real connector and GitHub port.
import { describe, expect, it } from "@jest/globals";
import { Probot } from "probot";
import { createConnector } from "../../src/connect.js";
import type { Job } from "../../src/jobs/types.js";
import { createJobProcessor } from "../../src/tasks/process-job.js";
import { defaultTasks } from "../../src/tasks/registry.js";
import { RetryLater, transientFailure } from "../../src/tasks/transient.js";
import type { CommandTask } from "../../src/tasks/types.js";
import { BOT_LOGIN, captureLog, testOctokit } from "../helpers/app.js";
import { REPO, gh } from "../helpers/github.js";

const help: Job = {
  id: "d1:0",
  deliveryId: "d1",
  installationId: 1,
  owner: "Codertocat",
  repo: "Hello-World",
  sender: "Codertocat",
  number: 1,
  isPullRequest: false,
  receivedAt: 0,
  kind: "command",
  command: { name: "help" },
  commentId: 77,
  origin: "issue_comment",
};

function processor(tasks: readonly CommandTask[] = defaultTasks) {
  const probot = new Probot({ githubToken: "test-token", Octokit: testOctokit, logLevel: "fatal" });
  const log = captureLog();
  const connect = createConnector(probot, {
    botLogin: BOT_LOGIN,
    workspaces: { gitBaseUrl: "https://github.com", author: { name: "bot", email: "bot@example.com" } },
  });
  return { process: createJobProcessor({ connect, tasks, log }), log };
}

describe("retrying passing failures", () => {
  it("hands a GitHub 502 before anything was shown back to the queue, and says nothing on the thread", async () => {
    const { process, log } = processor();
    const api = gh();
    api.scope.get(`${REPO}/contents/.github%2Fdevops-agent.yml`).reply(502, { message: "Bad Gateway" });
    await expect(process(help, { number: 1, final: false })).rejects.toBeInstanceOf(RetryLater);
    expect(api.scope.isDone()).toBe(true);
    expect(log.text()).toContain('"outcome":"retry-later"');
  });

  it("reports the same 502 on the final attempt, with the usual failure comment", async () => {
    const { process } = processor();
    let failure = "";
    const api = gh();
    api.scope.get(`${REPO}/contents/.github%2Fdevops-agent.yml`).reply(502, { message: "Bad Gateway" });
    api.comments(1).createComment(1, (b) => (failure = b));
    await process(help, { number: 5, final: true });
    expect(api.scope.isDone()).toBe(true);
    expect(failure.split("\n")[0]).toBe("<!-- devops-agent:error:help -->");
  });

  it("never retries a job that already showed something: it reports the failure instead", async () => {
    const flaky: CommandTask = {
      name: "help",
      usage: "/agent help",
      summary: "posts, then fails",
      where: "both",
      async run(ctx) {
        await ctx.github.upsertComment(ctx.thread, "help", 1, "partial answer");
        const error = Object.assign(new Error("Service Unavailable"), { status: 503 });
        throw error;
      },
    };
    const { process } = processor([flaky]);
    const bodies: string[] = [];
    gh()
      .noConfig()
      .permission("Codertocat", "write")
      .reaction(77)
      .comments(1)
      .createComment(1, (b) => bodies.push(b))
      .comments(1)
      .createComment(1, (b) => bodies.push(b), 501);
    await process(help, { number: 1, final: false });
    expect(bodies.map((b) => b.split("\n")[0])).toEqual([
      "<!-- devops-agent:help:1 -->",
      "<!-- devops-agent:error:help -->",
    ]);
  });

  it("reports a failure that is not passing (401) at once, whatever the attempt", async () => {
    const { process } = processor();
    let failure = "";
    const api = gh();
    api.scope.get(`${REPO}/contents/.github%2Fdevops-agent.yml`).reply(401, { message: "Bad credentials" });
    api.comments(1).createComment(1, (b) => (failure = b));
    await process(help, { number: 1, final: false });
    expect(failure).toContain("devops-agent:error:help");
  });
});

describe("transientFailure", () => {
  const status = (s: number, message = "x", headers: Record<string, string> = {}) =>
    Object.assign(new Error(message), { status: s, response: { headers } });
  it.each([
    ["GitHub 502", status(502), { retryAfterMs: null }],
    [
      "a model's 429 with Retry-After",
      status(429, "Too Many Requests", { "retry-after": "7" }),
      { retryAfterMs: 7000 },
    ],
    [
      "GitHub's secondary rate limit (403)",
      status(403, "You have exceeded a secondary rate limit"),
      { retryAfterMs: null },
    ],
    [
      "a reset connection, as the cause",
      new Error("fetch failed", { cause: Object.assign(new Error("read"), { code: "ECONNRESET" }) }),
      { retryAfterMs: null },
    ],
    [
      "the OpenAI SDK's connection error",
      Object.assign(new Error("Connection error."), { name: "APIConnectionError" }),
      { retryAfterMs: null },
    ],
  ])("retries %s", (_what, error, expected) => {
    expect(transientFailure(error)).toEqual(expected);
  });
  it.each([
    ["a plain 403 (permission)", status(403, "Resource not accessible by integration")],
    ["a 404", status(404)],
    ["501 Not Implemented", status(501)],
    ["a programming error", new TypeError("x is undefined")],
    ["a thrown string", "boom"],
  ])("does not retry %s", (_what, error) => {
    expect(transientFailure(error)).toBeNull();
  });
});
