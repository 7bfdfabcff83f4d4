import type { Job } from "../jobs/types.js";
import type { TaskContext, TaskResult } from "./types.js";

type ClosedJob = Extract<Job, { kind: "agent-pr-closed" }>;

/**
 * Records how one of the agent's PRs ended: merged or not, and whether people committed on top of the
 * agent's work (a correction). The record is a structured log line; `/agent stats` reads the same facts
 * from GitHub whenever it is asked.
 */
export async function recordPullRequestFeedback(ctx: TaskContext, job: ClosedJob): Promise<TaskResult> {
  const authors = await ctx.github.humanCommitAuthors(ctx.thread, job.number);
  ctx.log.info(
    {
      feedback: {
        repo: `${ctx.thread.owner}/${ctx.thread.repo}`,
        pr: job.number,
        branch: job.headRef,
        merged: job.merged,
        humanCommits: authors.length,
        correctedBy: [...new Set(authors)],
      },
    },
    "agent pull request closed",
  );
  return { outcome: "done", detail: `${job.merged ? "merged" : "closed"}, ${authors.length} human commits` };
}
