// Scenario: the agent diagnoses a failed run, someone gives the diagnosis 👎, and a commit makes the workflow
// pass again; the next identical failure's diagnosis cites that commit as the fix seen before.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "@jest/globals";
import { git, pushCommitAs } from "../../helpers/git.js";
import { patchPayload } from "../../helpers/payloads.js";
import { failedRun } from "../../fixtures/runs/mocks.js";
import { startScenario, type Scenario } from "../../helpers/scenario.js";
import { saveScenarioOutput } from "./output.js";

const LOG = readFileSync(
  new URL("../../fixtures/logs/terraform-unsupported-argument.log", import.meta.url),
  "utf8",
);

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.cleanup();
  scenario = undefined;
});

/** A `workflow_run.completed` from the examples for `branch` (PR `pr`), as the world's run `runId`. */
function run(runId: number, branch: string, pr: number, sha: string, conclusion: string, message = "wip") {
  const payload = failedRun({ branch, pr });
  const workflow = payload.workflow_run as Record<string, unknown>;
  const pulls = workflow.pull_requests as Record<string, unknown>[];
  return patchPayload(payload, {
    workflow_run: {
      id: runId,
      conclusion,
      head_sha: sha,
      head_commit: { ...(workflow.head_commit as object), message },
      html_url: `https://github.com/Codertocat/Hello-World/actions/runs/${runId}`,
      pull_requests: pulls.map((p) => ({ ...p, head: { ...(p.head as object), sha } })),
    },
  });
}

describe("scenario: the commit that fixed a diagnosed failure informs the next diagnosis", () => {
  it("diagnosis → 👎 → a passing commit → the same failure elsewhere cites that commit", async () => {
    scenario = await startScenario();
    const s = scenario;
    const gitDir = ["--git-dir", s.remote.gitDir];
    await git([...gitDir, "branch", "feature", "main"]);
    await git([...gitDir, "branch", "feature-2", "main"]);
    const failing = await s.world.sha("feature");
    s.world.addRun({
      id: 5001,
      jobs: [{ id: 801, name: "validate", failedStep: "Run terraform validate", log: LOG }],
    });

    await s.deliver("workflow_run", run(5001, "feature", 1, failing, "failure"));
    const first = s.world.comment(1, "diagnosis");
    expect(first?.body).toContain("category `invalid_argument`");
    expect(first?.body).not.toContain("Seen before in this repository");

    s.world.reactions.set(first?.id ?? 0, [{ user: "ada", content: "-1" }]);
    const fix = await pushCommitAs(
      s.remote,
      "feature",
      { "fix.txt": "the argument was removed\n" },
      "Remove the unsupported argument from aws_s3_bucket",
    );
    await s.deliver(
      "workflow_run",
      run(5002, "feature", 1, fix, "success", "Remove the unsupported argument from aws_s3_bucket"),
    );
    const lessonsPr = s.world.pullByHead("agent/lessons");
    expect(lessonsPr?.body).toContain("fix.");
    expect(lessonsPr?.body).toContain("👎 1×");

    s.world.addRun({
      id: 5003,
      jobs: [{ id: 802, name: "validate", failedStep: "Run terraform validate", log: LOG }],
    });
    await s.deliver("workflow_run", run(5003, "feature-2", 2, await s.world.sha("feature-2"), "failure"));
    const next = s.world.comment(2, "diagnosis")?.body ?? "";
    expect(next).toContain("category `invalid_argument`");
    expect(next).toContain("**Seen before in this repository:**");
    expect(next).toContain(
      `commit [\`${fix.slice(0, 7)}\`](https://github.com/Codertocat/Hello-World/commit/${fix})`,
    );
    expect(next).toContain("Remove the unsupported argument from aws_s3_bucket");
    expect(s.world.unrouted).toEqual([]);
    await saveScenarioOutput("diagnosis-fix", { before: first?.body ?? "", after: next });
  }, 120_000);
});
