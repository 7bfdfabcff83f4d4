// Reactions on the Action's plan summary are read from the comment carrying its hidden marker. Anyone can
// type that marker: only comments by the app itself or by GitHub Actions' bot account (on this repository's
// threads, this repository's own workflow token) are believed. GitHub is nock'd and checked against the
// OpenAPI description.
import { describe, expect, it } from "@jest/globals";
import { createGitHubPort } from "../../src/adapters/github/index.js";
import { BOT_LOGIN, testOctokit } from "../helpers/app.js";
import { gh } from "../helpers/github.js";

const thread = { owner: "Codertocat", repo: "Hello-World", number: 1 };
const PLAN = "<!-- devops-agent:plan:infra -->\n### Terraform plan";
const port = () =>
  createGitHubPort(new testOctokit({ auth: "test-installation-token" }), {
    redactText: (t) => t,
    botLogin: BOT_LOGIN,
  });

describe("plan-summary markers are believed only from the app and the Actions bot", () => {
  it("believes the Actions bot's and the app's own plan comments", async () => {
    gh().comments(1, [
      { id: 1, body: PLAN, login: "github-actions[bot]" },
      { id: 2, body: PLAN.replace("infra", "prod"), login: BOT_LOGIN },
    ]);
    expect(await port().markedComments(thread, "plan")).toEqual([
      expect.objectContaining({ id: 1, key: "infra" }),
      expect.objectContaining({ id: 2, key: "prod" }),
    ]);
  });

  it("ignores a person's comment that pastes the marker", async () => {
    gh().comments(1, [{ id: 3, body: PLAN, login: "mallory", type: "User" }]);
    expect(await port().markedComments(thread, "plan")).toEqual([]);
  });

  it("ignores a user account named like the Actions bot (no [bot], or not a Bot account)", async () => {
    gh().comments(1, [
      { id: 4, body: PLAN, login: "github-actions", type: "User" },
      { id: 5, body: PLAN, login: "github-actions[bot]", type: "User" },
      { id: 6, body: PLAN, login: "github-actions[bot]x" },
    ]);
    expect(await port().markedComments(thread, "plan")).toEqual([]);
  });

  it("ignores other apps' bots carrying the marker", async () => {
    gh().comments(1, [
      { id: 7, body: PLAN, login: "renovate[bot]" },
      { id: 8, body: PLAN, login: "devops-agent-evil[bot]" },
    ]);
    expect(await port().markedComments(thread, "plan")).toEqual([]);
  });

  it("ignores a marker that is not the comment's first line (quoted inside a trusted comment)", async () => {
    gh().comments(1, [
      { id: 9, body: `> quoting\n${PLAN}`, login: "github-actions[bot]" },
      { id: 10, body: `${PLAN.split("\n")[0] ?? ""} trailing text`, login: "github-actions[bot]" },
    ]);
    expect(await port().markedComments(thread, "plan")).toEqual([]);
  });

  it("does not take another kind's marker for a plan summary", async () => {
    gh().comments(1, [
      { id: 11, body: "<!-- devops-agent:planx:infra -->\n", login: "github-actions[bot]" },
      { id: 12, body: "<!-- devops-agent:diagnosis:5 -->\n", login: "github-actions[bot]" },
    ]);
    expect(await port().markedComments(thread, "plan")).toEqual([]);
  });
});
