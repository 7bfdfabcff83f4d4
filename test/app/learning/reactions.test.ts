// Scenario: people react to the agent's comments of every kind — the Action's plan summary, an answer, a
// PR body — and `/agent stats` and `/agent lessons` show 👍/👎 per kind, each reaction counted once however
// often it is read; a 👎 on a plan summary is feedback on that comment, not a lesson. Markers in comments
// by anyone but the app or this repository's Actions bot are not believed.
import { afterEach, describe, expect, it } from "@jest/globals";
import { git } from "../../helpers/git.js";
import { examplePayload, patchPayload, type Payload } from "../../helpers/payloads.js";
import { failedRun } from "../../fixtures/runs/mocks.js";
import { startScenario, type Scenario } from "../../helpers/scenario.js";
import { saveScenarioOutput } from "./output.js";

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.cleanup();
  scenario = undefined;
});

const PLAN = "<!-- devops-agent:plan:infra -->\n### Terraform plan for `infra`\n\n➕ 2 to add";

/** A passing run of the plan workflow on PR #1. */
async function passingRun(s: Scenario, runId: number): Promise<void> {
  const payload = failedRun({ branch: "feature", pr: 1 });
  const sha = await s.world.sha("feature");
  const workflow = payload.workflow_run as Record<string, unknown>;
  const pulls = workflow.pull_requests as Record<string, unknown>[];
  await s.deliver(
    "workflow_run",
    patchPayload(payload, {
      workflow_run: {
        id: runId,
        conclusion: "success",
        head_sha: sha,
        pull_requests: pulls.map((p) => ({ ...p, head: { ...(p.head as object), sha } })),
      },
    }),
  );
}

/** The agent's PR #9 closed without merging. */
async function closeAgentPull(s: Scenario): Promise<void> {
  const gitDir = ["--git-dir", s.remote.gitDir];
  await git([...gitDir, "branch", "agent/9-queue", s.remote.branch]);
  const sha = await s.world.sha(s.remote.branch);
  s.world.pulls.set(9, {
    number: 9,
    title: "devops-agent: queue",
    body: "<!-- devops-agent:pr:agent/9-queue -->\n## Summary",
    head: "agent/9-queue",
    base: s.remote.branch,
    baseSha: sha,
    state: "closed",
    bodies: [],
  });
  const base = examplePayload("pull_request", "closed");
  const pr = base.pull_request as Payload;
  await s.deliver(
    "pull_request",
    patchPayload(base, {
      installation: { id: 1 },
      sender: { ...(base.sender as Payload), login: "Codertocat" },
      pull_request: {
        ...pr,
        number: 9,
        merged: false,
        body: "## Summary",
        base: { ...(pr.base as Payload), ref: s.remote.branch, sha },
        head: {
          ...(pr.head as Payload),
          ref: "agent/9-queue",
          sha,
          repo: { full_name: "Codertocat/Hello-World" },
        },
      },
    }),
  );
}

describe("scenario: reactions on every kind of the agent's comments", () => {
  it("plan summary, answer and PR body reactions are counted once each, per kind, and forged markers are not", async () => {
    scenario = await startScenario();
    const s = scenario;
    await git(["--git-dir", s.remote.gitDir, "branch", "feature", s.remote.branch]);
    const put = (id: number, login: string, body: string) =>
      s.world.comments.set(id, { id, issue: 1, body, login });
    put(9001, "github-actions[bot]", PLAN);
    put(9002, "mallory", PLAN);
    put(9003, "evil-app[bot]", PLAN);
    put(9004, "github-actions[bot]", `> quoted\n${PLAN}`);
    s.world.reactions.set(9001, [{ user: "ada", content: "-1" }]);
    for (const id of [9002, 9003, 9004]) s.world.reactions.set(id, [{ user: "mallory", content: "-1" }]);

    await s.comment(1, "/agent help", "Codertocat", true);
    const help = s.world.comment(1, "help");
    s.world.reactions.set(help?.id ?? 0, [
      { user: "ada", content: "+1" },
      { user: "bob", content: "+1" },
      { user: "bob", content: "eyes" },
    ]);

    await passingRun(s, 6001);
    await passingRun(s, 6001); // redelivered: nothing new
    s.world.bodyReactions.set(9, [{ user: "ada", content: "-1" }]);
    await closeAgentPull(s);

    await s.comment(1, "/agent stats", "Codertocat", true);
    await s.comment(1, "/agent stats", "Codertocat", true);
    const stats = s.world.comment(1, "stats")?.body ?? "";
    // Read twice (two passing runs, two `/agent stats`), counted once; 👀 and forged markers not at all.
    expect(stats).toContain("Reactions on the agent's comments: 👍 2, 👎 2.");
    expect(stats).toContain("| plan summaries | 0 | 1 |");
    expect(stats).toContain("| pull request bodies | 0 | 1 |");
    expect(stats).toContain("| `/agent help` | 2 | 0 |");

    await s.comment(1, "/agent lessons", "Codertocat", true);
    const lessons = s.world.comment(1, "lessons")?.body ?? "";
    expect(lessons).toContain("No lessons yet.");
    expect(lessons).toContain("feedback on each kind of comment, not lessons");
    expect(lessons).toContain("| plan summaries | 0 | 1 |");
    expect(lessons).toContain("| pull request bodies | 0 | 1 |");
    expect(lessons).toContain("| `/agent help` | 2 | 0 |");
    expect(s.world.pullByHead("agent/lessons")).toBeUndefined();
    const readFrom = s.world.requests.filter((r) => /\/issues\/comments\/900[234]\/reactions/.test(r));
    expect(readFrom).toEqual([]);
    expect(s.world.unrouted).toEqual([]);
    await saveScenarioOutput("reactions", { stats, lessons });
  }, 120_000);
});
