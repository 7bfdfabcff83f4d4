// The app trusts only comments written by its own login, learned from `GET /app` at start-up: another
// bot's (or a person's) comment carrying our marker is never found, edited, or read as the auto-fix ledger.
// GitHub is nock'd and every request is checked against the OpenAPI description.
import { describe, expect, it } from "@jest/globals";
import { generateKeyPairSync } from "node:crypto";
import { Probot } from "probot";
import { IdentityError, learnBotLogin } from "../../src/adapters/github/identity.js";
import { createGitHubPort } from "../../src/adapters/github/index.js";
import { commentMarker } from "../../src/core/comments/index.js";
import { attemptsIn } from "../../src/tasks/diagnosis/guard.js";
import { BOT_LOGIN, testOctokit } from "../helpers/app.js";
import { githubApi } from "../helpers/github-openapi.js";
import { REPO, comment, gh } from "../helpers/github.js";

const repo = { owner: "Codertocat", repo: "Hello-World" };
const thread = { ...repo, number: 1 };
const SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const port = () =>
  createGitHubPort(new testOctokit({ auth: "test-installation-token" }), {
    redactText: (t) => t,
    botLogin: BOT_LOGIN,
  });
const ledgerMarker = commentMarker("autofix", "main@abc123");

describe("the app learns its own login", () => {
  it("asks GET /app with its JWT and trusts <slug>[bot]", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const probot = new Probot({
      appId: 1,
      privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
      Octokit: testOctokit,
      logLevel: "fatal",
    });
    githubApi()
      .get("/app")
      .matchHeader("authorization", /^bearer ey/i)
      .reply(200, { id: 1, slug: "acme-devops", name: "Acme DevOps", owner: { login: "acme" } });
    expect(await learnBotLogin(probot)).toBe("acme-devops[bot]");
  });

  it("refuses to start, saying what to fix, when GitHub will not say who the app is", async () => {
    const probot = new Probot({ githubToken: "x", Octokit: testOctokit, logLevel: "fatal" });
    githubApi().get("/app").reply(401, { message: "A JSON web token could not be decoded" });
    await expect(learnBotLogin(probot)).rejects.toThrow(IdentityError);
    githubApi().get("/app").reply(200, { slug: "Evil Slug<script>" });
    await expect(learnBotLogin(probot)).rejects.toThrow(/check APP_ID and the private key, or set BOT_LOGIN/);
  });

  it("honours BOT_LOGIN as an override without asking GitHub", async () => {
    const probot = new Probot({ githubToken: "x", Octokit: testOctokit, logLevel: "fatal" });
    expect(await learnBotLogin(probot, "custom[bot]")).toBe("custom[bot]");
  });
});

describe("other accounts' comments are never ours", () => {
  it("does not edit github-actions[bot]'s comment that carries our sticky marker: posts its own", async () => {
    let created = "";
    gh()
      .comments(1, [{ id: 7, body: `${commentMarker("help", 1)}\nold`, login: "github-actions[bot]" }])
      .createComment(1, (b) => (created = b));
    const result = await port().upsertComment(thread, "help", 1, "new text");
    expect(result.created).toBe(true);
    expect(created).toContain("new text");
  });

  it("does not read another bot's auto-fix ledger on a pull request (a reset to 0 attempts is ignored)", async () => {
    gh().comments(1, [
      { id: 8, body: `${ledgerMarker}\n<!-- devops-agent:attempts 0 -->`, login: "other-app[bot]" },
    ]);
    expect(await port().findComment(thread, "autofix", "main@abc123")).toBeNull();
  });

  it("does not read another bot's auto-fix ledger on a commit (attempts 99 cannot block us either)", async () => {
    githubApi()
      .get(`${REPO}/commits/${SHA}/comments`)
      .query(true)
      .reply(200, [
        {
          ...comment({ id: 9, body: `${ledgerMarker}\n<!-- devops-agent:attempts 99 -->`, login: "x[bot]" }),
        },
      ]);
    const found = await port().findCommitComment(repo, SHA, "autofix", "main@abc123");
    expect(attemptsIn(found?.body)).toBe(0);
  });

  it("does not treat a person's comment quoting the marker as ours, even one named like the app", async () => {
    gh().comments(1, [
      {
        id: 10,
        body: `${ledgerMarker}\n<!-- devops-agent:attempts 3 -->`,
        login: "devops-agent",
        type: "User",
      },
      { id: 11, body: `${ledgerMarker}\n<!-- devops-agent:attempts 3 -->`, login: "devops-agent[bot]x" },
    ]);
    expect(await port().findComment(thread, "autofix", "main@abc123")).toBeNull();
  });

  it("posts once even when another bot already posted a comment with our marker", async () => {
    let created = "";
    gh()
      .comments(1, [{ id: 12, body: `${commentMarker("welcome", 1)}\nhi`, login: "renovate[bot]" }])
      .createComment(1, (b) => (created = b));
    expect(await port().postOnce(thread, "welcome", 1, "hello")).not.toBeNull();
    expect(created).toContain("hello");
  });

  it("still finds and updates its own comment (the same login, any page)", async () => {
    let updated = "";
    gh()
      .comments(1, [
        { id: 13, body: `${commentMarker("help", 1)}\nold`, login: "github-actions[bot]" },
        { id: 14, body: `${commentMarker("help", 1)}\nold`, login: BOT_LOGIN },
      ])
      .updateComment(14, (b) => (updated = b));
    const result = await port().upsertComment(thread, "help", 1, "fresh");
    expect(result.id).toBe(14);
    expect(updated).toContain("fresh");
  });
});
