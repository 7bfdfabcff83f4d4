import type { CommandTask, TaskContext, TaskResult } from "./types.js";
import { runDiagnosisFlow, toTaskResult } from "./diagnose-run.js";

/** `/agent fix`: diagnose the PR's latest failed run and try the fix, even when automatic fixing is off. */
export const fixTask: CommandTask = {
  name: "fix",
  usage: "/agent fix",
  summary:
    "Diagnoses this pull request's latest failed workflow run and pushes a fix when the cause is fixable.",
  where: "pull-requests",
  async run(ctx: TaskContext): Promise<TaskResult> {
    const say = (body: string) => ctx.github.upsertComment(ctx.thread, "fix", ctx.thread.number, body);
    const pr = await ctx.github.pullRequest(ctx.thread);
    if (pr.isFork) {
      await say(
        `This pull request comes from a fork (${pr.headRepo ? `\`${pr.headRepo}\`` : "a deleted repository"}): I cannot push to its branch. Push the branch to this repository and ask again there.`,
      );
      return { outcome: "declined", detail: "fork pull request" };
    }
    if (pr.state !== "open") {
      await say("This pull request is closed, so I will not push a fix to it. Reopen it first.");
      return { outcome: "declined", detail: "closed pull request" };
    }
    const repo = { owner: ctx.thread.owner, repo: ctx.thread.repo };
    const failed = await ctx.github.latestFailedRun(repo, pr.headSha);
    if (!failed) {
      await say(
        `I found no failed workflow run for the head commit \`${pr.headSha.slice(0, 7)}\` of this pull request, so there is nothing to fix. If a run is still in progress, ask again when it has failed.`,
      );
      return { outcome: "nothing-to-do", detail: "no failed run" };
    }
    const result = await runDiagnosisFlow(
      ctx,
      {
        runId: failed.runId,
        attempt: failed.attempt,
        workflowName: failed.workflowName,
        runUrl: failed.url,
        headBranch: pr.headRef,
        headSha: pr.headSha,
        prNumber: pr.number,
        defaultBranch: await ctx.github.defaultBranch(repo),
      },
      { fixRequested: true },
    );
    const about = result.fix?.status === "attempted" ? " and what I did about it" : "";
    await say(
      `I diagnosed [${failed.workflowName} run ${failed.runId}](${failed.url}): see [the report${about}](${result.reportUrl}).`,
    );
    return toTaskResult(result);
  },
};
