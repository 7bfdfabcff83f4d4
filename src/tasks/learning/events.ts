import type { FeedbackEvent } from "../../core/lessons/index.js";
import type { Job } from "../../jobs/types.js";
import type { TaskContext, TaskResult } from "../types.js";
import { recordFeedback, repoKey, repoUrl } from "./context.js";
import { proposeLessons } from "./propose.js";
import { reactionEvents, recordPlanComments } from "./reactions.js";

/** A review or review comment on the agent's PR: kept as evidence (and counted in stats), never executed. */
export async function recordReview(
  ctx: TaskContext,
  job: Extract<Job, { kind: "agent-pr-review" }>,
): Promise<TaskResult> {
  const fresh = await recordFeedback(ctx, [
    {
      kind: "review",
      key: `review:${job.reviewId}:${job.state}`,
      repo: repoKey(ctx),
      at: job.receivedAt,
      pr: job.number,
      url: job.url,
      author: job.sender,
      state: job.state,
      text: job.text.slice(0, 4000),
      ...(job.path ? { path: job.path.slice(0, 300) } : {}),
    },
  ]);
  return { outcome: fresh > 0 ? "done" : "nothing-to-do", detail: `review ${job.state}` };
}

/**
 * A run passed. If the agent diagnosed a failure on this branch since the last fix, this commit is what
 * fixed it: recorded with the diagnosis's fingerprint, together with the reactions people left on the
 * diagnosis (GitHub sends no webhook for reactions, so they are read now).
 */
export async function recordRunSuccess(
  ctx: TaskContext,
  job: Extract<Job, { kind: "run-succeeded" }>,
): Promise<TaskResult> {
  if (!ctx.feedback) return { outcome: "nothing-to-do", detail: "no feedback store" };
  // A run on a pull request may be the plan workflow: its summaries are now there to be reacted to.
  const plans = await recordPlanComments(ctx);
  const events = await ctx.feedback.list(repoKey(ctx));
  const lastFix = Math.max(
    0,
    ...events.filter((e) => e.kind === "fix" && e.branch === job.headBranch).map((e) => e.at),
  );
  const open = events.filter(
    (e): e is Extract<FeedbackEvent, { kind: "diagnosis" }> =>
      e.kind === "diagnosis" && e.branch === job.headBranch && e.at >= lastFix,
  );
  if (open.length === 0)
    return {
      outcome: plans > 0 ? "done" : "nothing-to-do",
      detail: `no diagnosed failure on this branch${plans > 0 ? `; ${plans} plan summary(ies) recorded` : ""}`,
    };
  const recorded: FeedbackEvent[] = [];
  for (const diagnosis of new Map(open.map((d) => [d.fingerprint, d])).values()) {
    recorded.push({
      kind: "fix",
      key: `fix:${diagnosis.fingerprint}:${job.headSha}`,
      repo: repoKey(ctx),
      at: job.receivedAt,
      fingerprint: diagnosis.fingerprint,
      category: diagnosis.category,
      branch: job.headBranch,
      sha: job.headSha,
      message: job.message.split("\n")[0]?.slice(0, 500) ?? "",
      url: `${repoUrl(ctx)}/commit/${job.headSha}`,
    });
    if (diagnosis.commentId !== undefined) {
      recorded.push(
        ...(await reactionEvents(ctx, {
          about: "diagnosis",
          target: "comment",
          id: diagnosis.commentId,
          url: diagnosis.commentUrl ?? diagnosis.url,
          fingerprint: diagnosis.fingerprint,
        })),
      );
    }
  }
  const fresh = await recordFeedback(ctx, recorded);
  if (fresh > 0) await proposeLessons(ctx);
  return {
    outcome: "done",
    detail: `fix ${job.headSha.slice(0, 7)} recorded for ${open.length} diagnosis(es)`,
  };
}
