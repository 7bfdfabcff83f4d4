import { LESSONS_BRANCH, type FeedbackEvent } from "../../core/lessons/index.js";
import type { Job } from "../../jobs/types.js";
import type { TaskContext, TaskResult } from "../types.js";
import { recordFeedback, repoKey, repoUrl } from "./context.js";
import { humanCorrections } from "./corrections.js";
import { proposeLessons } from "./propose.js";
import { commentEvent, harvestReactions, recordPlanComments } from "./reactions.js";

type ClosedJob = Extract<Job, { kind: "agent-pr-closed" }>;

/**
 * One of the agent's PRs ended. Records how (merged as-is, merged after human edits, closed), which lessons it
 * carried, and attribute by attribute what people changed in the agent's blocks; then refreshes the lessons PR.
 */
export async function recordPullRequestFeedback(ctx: TaskContext, job: ClosedJob): Promise<TaskResult> {
  if (job.headRef === LESSONS_BRANCH) return { outcome: "nothing-to-do", detail: "the lessons PR itself" };
  const commits = await ctx.github.pullCommits(ctx.thread, job.number);
  const humans = commits.filter((c) => c.human);
  const url = `${repoUrl(ctx)}/pull/${job.number}`;
  const base = { repo: repoKey(ctx), at: job.receivedAt };
  const events: FeedbackEvent[] = [
    {
      ...base,
      kind: "pr-outcome",
      key: `pr:${job.number}:outcome:${job.merged ? "merged" : "closed"}:${job.headSha}`,
      pr: job.number,
      url,
      merged: job.merged,
      humanCommits: humans.length,
      lessonsApplied: job.lessonsApplied,
    },
  ];
  if (ctx.feedback && ctx.config.learning.enabled && humans.length > 0) {
    const corrections = await humanCorrections(
      ctx,
      { number: job.number, baseSha: job.baseSha, headSha: job.headSha },
      commits,
    );
    for (const change of corrections) {
      events.push({
        ...base,
        kind: "correction",
        key: `pr:${job.number}:${change.op}:${change.resourceType}.${change.name}:${change.attribute ?? ""}`,
        pr: job.number,
        url: `${url}/files`,
        change,
      });
    }
  }
  if (ctx.feedback && ctx.config.learning.enabled) {
    // The last chance to read reactions on this PR's body and its plan summaries while it is in view.
    await recordPlanComments(ctx);
    const body = commentEvent(ctx, ctx.thread, "pr", "body", job.number, url);
    const onThread = (await ctx.feedback.list(repoKey(ctx))).filter(
      (e) => e.kind === "comment" && e.number === job.number,
    );
    events.push(body, ...(await harvestReactions(ctx, [body, ...onThread])));
  }
  ctx.log.info(
    {
      feedback: {
        repo: `${ctx.thread.owner}/${ctx.thread.repo}`,
        pr: job.number,
        branch: job.headRef,
        merged: job.merged,
        humanCommits: humans.length,
        correctedBy: [...new Set(humans.map((c) => c.author))],
        corrections: events.length - 1,
      },
    },
    "agent pull request closed",
  );
  const fresh = await recordFeedback(ctx, events);
  const proposed = fresh > 0 ? await proposeLessons(ctx) : { status: "unchanged" as const };
  const lessons = proposed.status === "proposed" ? `, lessons PR #${proposed.number}` : "";
  return {
    outcome: "done",
    detail: `${job.merged ? "merged" : "closed"}, ${humans.length} human commits${lessons}`,
  };
}
