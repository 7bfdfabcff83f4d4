import type { CommandTask, TaskContext, TaskResult } from "./types.js";
import { runDiagnosisFlow, toTaskResult } from "./diagnose-run.js";
import { driftFix } from "./drift/fix.js";

/**
 * `/agent fix`: on a pull request, diagnose its latest failed run and try the fix, even when automatic fixing
 * is off; on a drift issue, write the console-made changes into the code where they are code gaps.
 */
export const fixTask: CommandTask = {
  name: "fix",
  usage: "/agent fix",
  summary:
    "On a pull request: diagnoses its latest failed workflow run and pushes a fix when the cause is fixable. On a drift issue: a pull request writing console-made changes into the code, or the manual steps.",
  where: "both",
  async run(ctx: TaskContext): Promise<TaskResult> {
    if (!ctx.job.isPullRequest) return driftFix(ctx);
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
