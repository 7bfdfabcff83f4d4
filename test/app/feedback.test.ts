import { describe, expect, it } from "@jest/globals";
import { createTestApp } from "../helpers/app.js";
import { REPO, gh } from "../helpers/github.js";
import { examplePayload, patchPayload, type Payload } from "../helpers/payloads.js";

function closed(ref: string, merged: boolean, headRepo = "Codertocat/Hello-World"): Payload {
  const base = examplePayload("pull_request", "closed");
  const pr = base.pull_request as Payload;
  return patchPayload(base, {
    installation: { id: 1 },
    pull_request: {
      ...pr,
      number: 2,
      merged,
      head: { ...(pr.head as Payload), ref, repo: { full_name: headRepo } },
    },
  });
}

describe("feedback on the agent's pull requests", () => {
  it("records a merged agent PR with the people who corrected it", async () => {
    const app = await createTestApp();
    const api = gh().noConfig();
    api.scope
      .get(`${REPO}/pulls/2/commits`)
      .query(true)
      .reply(200, [
        {
          sha: "a".repeat(40),
          author: { login: "devops-agent[bot]", type: "Bot" },
          commit: { author: { name: "devops-agent[bot]" } },
        },
        { sha: "b".repeat(40), author: { login: "ada", type: "User" }, commit: { author: { name: "Ada" } } },
      ]);
    await app.deliver("pull_request", closed("agent/1-audit-bucket", true));
    const record = app.log.entries.find((e) => e.msg === "agent pull request closed")?.obj;
    expect(record).toEqual({
      feedback: {
        repo: "Codertocat/Hello-World",
        pr: 2,
        branch: "agent/1-audit-bucket",
        merged: true,
        humanCommits: 1,
        correctedBy: ["ada"],
        corrections: 0,
      },
    });
  });

  it("ignores pull requests that are not the agent's, and forks using an agent/ branch name", async () => {
    const app = await createTestApp();
    await app.deliver("pull_request", closed("feature/x", true));
    await app.deliver("pull_request", closed("agent/1-x", true, "mallory/Hello-World"));
    expect(app.log.entries).toEqual([]);
  });
});
