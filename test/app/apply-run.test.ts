import { describe, expect, it } from "@jest/globals";
import { createTestApp } from "../helpers/app.js";
import { gh, type CommentFixture } from "../helpers/github.js";
import { patchPayload } from "../helpers/payloads.js";
import { failedRun } from "../fixtures/runs/mocks.js";
import { planComment, record } from "../helpers/apply.js";
import { renderApplyResult, type ApplyResult } from "../../src/core/apply/result.js";
import { applyStarted, type RunConclusion } from "../../src/core/apply/messages.js";

const APPLY_RUN = 4242;
const HEAD = "d".repeat(40);
const RUN_URL = `https://github.com/Codertocat/Hello-World/actions/runs/${APPLY_RUN}`;

/** The apply workflow's run as GitHub reports it when it completes: dispatched on the default branch. */
function applyRunPayload(conclusion: RunConclusion, title = "devops-agent apply infra/prod (PR 1)") {
  return patchPayload(failedRun({ pr: null, branch: "main" }), {
    workflow_run: {
      id: APPLY_RUN,
      event: "workflow_dispatch",
      conclusion,
      path: ".github/workflows/devops-agent-apply.yml",
      name: "devops-agent apply",
      display_title: title,
      html_url: RUN_URL,
    },
  });
}

/** The plan comment with the Action's apply section and its hidden result line for `runId`. */
function planWithResult(result: Omit<ApplyResult, "v" | "root"> | null): CommentFixture {
  const plan = planComment(record(HEAD));
  if (!result) return plan;
  return {
    ...plan,
    body: `${plan.body}\n<!-- devops-agent:apply-status -->\n### Apply\n${renderApplyResult({ v: 1, root: "infra/prod", ...result })}\n`,
  };
}

/** The app's own tracking comment, as `/agent apply infra/prod` left it. */
const tracking: CommentFixture = {
  id: 901,
  body: `<!-- devops-agent:apply:infra/prod -->\n${applyStarted({
    record: record(HEAD),
    planUrl: "https://github.com/Codertocat/Hello-World/pull/1#issuecomment-777",
    planRunUrl: "https://github.com/Codertocat/Hello-World/actions/runs/3001",
    runUrl: null,
    workflowRunsUrl: "https://github.com/Codertocat/Hello-World/actions/workflows/devops-agent-apply.yml",
    environment: "production",
  })}`,
};

// Failed runs are diagnosed when the config selects them; these tests watch only the apply comment.
const NO_DIAGNOSIS = "diagnosis:\n  enabled: false\n";

async function deliver(
  conclusion: RunConclusion,
  result: Omit<ApplyResult, "v" | "root"> | null,
  current: CommentFixture = tracking,
) {
  const app = await createTestApp();
  let edited = "";
  // One config read per job the run produces: the drift check (not this workflow), this one, and the
  // learning signal (success) or the diagnosis (failure) of a run without a pull request.
  // A cancelled or timed-out run produces only the apply job.
  const stopped = conclusion === "cancelled" || conclusion === "timed_out";
  const api = stopped
    ? gh().config(NO_DIAGNOSIS)
    : gh().config(NO_DIAGNOSIS).config(NO_DIAGNOSIS).config(NO_DIAGNOSIS);
  // The plan comments, the tracking comment found, and found again by the in-place edit.
  for (let i = 0; i < 3; i++) api.comments(1, [planWithResult(result), current]);
  if (current === tracking) api.updateComment(901, (b) => (edited = b));
  await app.deliver("workflow_run", applyRunPayload(conclusion));
  return { edited, app };
}

describe("the app's apply comment follows the apply run to its end", () => {
  it("applied: the comment is edited in place to done, with the run link and terraform's summary", async () => {
    const { edited, app } = await deliver("success", {
      runId: APPLY_RUN,
      stage: "applied",
      detail: "Apply complete! Resources: 1 added, 0 changed, 0 destroyed.",
    });
    expect(
      edited.startsWith("<!-- devops-agent:apply:infra/prod -->\n### ✅ Apply of `infra/prod` done"),
    ).toBe(true);
    expect(edited).toContain(
      `- ✅ **Applied** in [apply run](${RUN_URL}): Apply complete\\! Resources: 1 added, 0 changed, 0 destroyed.`,
    );
    expect(edited).toContain(
      "- ✅ **Approval**: a required reviewer of the `production` environment approved",
    );
    expect(app.log.text()).toContain('"kind":"apply-run"');
  });

  it("failed: the failed step and its first error line, redacted, with the run link", async () => {
    const { edited } = await deliver("failure", {
      runId: APPLY_RUN,
      stage: "failed",
      step: "terraform apply",
      detail: "Error: creating S3 Bucket: AccessDenied for AKIAIOSFODNN7EXAMPLE <img src=x> @octo-org/admins",
      stale: false,
    });
    expect(edited).toContain("### ❌ Apply of `infra/prod` failed");
    expect(edited).toContain(
      `- ❌ **Failed** at \`terraform apply\` in [apply run](${RUN_URL}): Error: creating S3 Bucket: AccessDenied`,
    );
    expect(edited).not.toContain("AKIAIOSFODNN7EXAMPLE");
    expect(edited).not.toContain("<img");
    expect(edited).toContain("`@octo-org/admins`");
  });

  it("stale: the saved plan no longer matched the state, and the comment says to plan again", async () => {
    const { edited } = await deliver("failure", {
      runId: APPLY_RUN,
      stage: "failed",
      step: "terraform apply",
      detail: "Error: Saved plan is stale",
      stale: true,
    });
    expect(edited).toContain("The saved plan is **stale**");
    expect(edited).toContain("Run `/agent plan` again");
  });

  it("refused: the head moved after the plan, nothing was applied", async () => {
    const { edited } = await deliver("failure", {
      runId: APPLY_RUN,
      stage: "refused",
      detail: "the pull request's head moved to 1234567 after the plan of dddddddd",
    });
    expect(edited).toContain("### ⛔ Apply of `infra/prod` refused");
    expect(edited).toContain("the pull request's head moved to 1234567");
    expect(edited).toContain("Nothing was applied.");
  });

  it("a result recorded for another run is not believed: the comment says only how the run ended", async () => {
    const { edited } = await deliver("failure", { runId: 1, stage: "applied", detail: "Apply complete!" });
    expect(edited).toContain("ended with `failure` before the Action recorded an outcome");
    expect(edited).not.toContain("Apply complete");
  });

  it("cancelled before the Action recorded anything: the comment stops waiting and says to check the run", async () => {
    const { edited, app } = await deliver("cancelled", null);
    expect(edited).toContain("### ⏹️ Apply of `infra/prod`: the run was cancelled");
    expect(edited).toContain(`[apply run](${RUN_URL}) was cancelled before the Action recorded an outcome`);
    expect(edited).not.toMatch(/waiting/i);
    // Only the apply job: no drift check, diagnosis or learning signal for a stopped run.
    expect(app.log.text()).toContain('"kind":"apply-run","outcome":"done"');
    expect(app.log.text()).not.toContain('"kind":"diagnose-run"');
  });

  it("timed out while terraform was applying: the comment warns that part may be applied and the state locked", async () => {
    const { edited } = await deliver("timed_out", { runId: APPLY_RUN, stage: "applying", detail: "" });
    expect(edited).toContain("the run timed out");
    expect(edited).toContain("while terraform was applying");
    expect(edited).toContain("the state may still be locked");
  });

  it("a run cancelled after the Action recorded its result reports that result", async () => {
    const { edited } = await deliver("cancelled", {
      runId: APPLY_RUN,
      stage: "applied",
      detail: "Apply complete! Resources: 1 added.",
    });
    expect(edited).toContain("### ✅ Apply of `infra/prod` done");
    expect(edited).toContain("Apply complete\\! Resources: 1 added.");
    expect(edited).not.toContain("cancelled");
  });

  it("a redelivery of the same completion changes nothing (the comment already says it)", async () => {
    const result = {
      runId: APPLY_RUN,
      stage: "applied" as const,
      detail: "Apply complete! Resources: 1 added.",
    };
    const first = await deliver("success", result);
    const again = await deliver("success", result, { id: 901, body: first.edited });
    expect(again.edited).toBe("");
    expect(again.app.log.text()).toContain('"kind":"apply-run","outcome":"done"');
  });
});
