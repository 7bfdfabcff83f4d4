import { describe, expect, it } from "@jest/globals";
import { createTestApp } from "../helpers/app.js";
import { REPO, gh } from "../helpers/github.js";
import { commentPayload } from "../helpers/payloads.js";

const pull = (
  number: number,
  ref: string,
  state: string,
  merged: boolean,
  repo = "Codertocat/Hello-World",
) => ({
  number,
  state,
  merged_at: merged ? "2024-01-02T00:00:00Z" : null,
  head: { ref, repo: { full_name: repo } },
});
const commit = (login: string, type: string) => ({
  sha: "a".repeat(40),
  author: { login, type },
  commit: { author: { name: login } },
});

describe("/agent stats", () => {
  it("reports the agent's acceptance and human corrections from GitHub", async () => {
    const app = await createTestApp();
    let reply = "";
    const api = gh().noConfig().permission("Codertocat", "write").reaction(492700400);
    api.scope
      .get(`${REPO}/pulls`)
      .query({ state: "all", sort: "created", direction: "desc", per_page: "100", page: "1" })
      .reply(200, [
        pull(9, "agent/9-queue", "open", false),
        pull(8, "agent/8-bucket", "closed", true),
        pull(7, "feature/x", "closed", true),
        pull(6, "agent/6-kms", "closed", false),
        pull(5, "agent/5-evil", "closed", true, "mallory/Hello-World"),
        pull(4, "agent/4-table", "closed", true),
      ]);
    api.scope
      .get(`${REPO}/pulls/8/commits`)
      .query(true)
      .reply(200, [commit("devops-agent[bot]", "Bot"), commit("ada", "User")]);
    api.scope
      .get(`${REPO}/pulls/6/commits`)
      .query(true)
      .reply(200, [commit("devops-agent[bot]", "Bot")]);
    api.scope
      .get(`${REPO}/pulls/4/commits`)
      .query(true)
      .reply(200, [commit("devops-agent[bot]", "Bot")]);
    api.comments(1).createComment(1, (b) => (reply = b));

    await app.deliver("issue_comment", commentPayload("/agent stats"));

    expect(reply).toContain("| opened by the agent | 4 |");
    expect(reply).toContain("| merged | 2 |");
    expect(reply).toContain("| closed without merging | 1 |");
    expect(reply).toContain("| still open | 1 |");
    expect(reply).toContain("**Acceptance:** 67% merged.");
    expect(reply).toContain("**Human corrections:** 1 of the last 3 decided pull requests");
  });
});
