import { LESSONS_BRANCH, REACTABLE_KINDS, type FeedbackEvent } from "../../core/lessons/index.js";
import type { GitHubPort, ThreadRef } from "../../adapters/github/index.js";
import type { TaskContext } from "../types.js";
import { recordFeedback, repoKey } from "./context.js";

type CommentEvent = Extract<FeedbackEvent, { kind: "comment" }>;
type Target = Pick<CommentEvent, "about" | "target" | "id" | "url"> & { fingerprint?: string };

/**
 * 👍/👎 on one of the agent's comments (or a PR body), as feedback events, attributed to the kind of
 * comment. GitHub has no reaction webhook, so the agent reads them when it next passes by (a passing run,
 * a closed PR, `/agent stats`, `/agent lessons`). The key is the comment, the person and the reaction:
 * reading them again records nothing new.
 */
export async function reactionEvents(ctx: TaskContext, target: Target): Promise<FeedbackEvent[]> {
  const reactions =
    target.target === "comment"
      ? await ctx.github.commentReactions(ctx.thread, target.id)
      : await ctx.github.issueReactions(ctx.thread, target.id);
  const where = target.target === "comment" ? String(target.id) : `body:${target.id}`;
  return reactions
    .filter((r): r is { user: string; content: "+1" | "-1" } => r.content === "+1" || r.content === "-1")
    .map((r) => ({
      kind: "reaction" as const,
      key: `reaction:${where}:${r.user}:${r.content}`,
      repo: repoKey(ctx),
      at: ctx.now(),
      url: target.url,
      about: target.about,
      user: r.user,
      content: r.content,
      ...(target.fingerprint === undefined ? {} : { fingerprint: target.fingerprint }),
    }));
}

/**
 * Reactions on the agent's latest recorded comments of every kind (bounded: one request per comment).
 * A diagnosis keeps its failure's fingerprint, so a 👎 there can be weighed against the fix; other kinds
 * carry none and stay feedback on that kind of comment.
 */
export async function harvestReactions(
  ctx: TaskContext,
  events: readonly FeedbackEvent[],
  limit = 30,
): Promise<FeedbackEvent[]> {
  const targets = new Map<string, Target>();
  for (const e of events) {
    if (e.kind === "comment")
      targets.set(`${e.target}:${e.id}`, { ...e, ...targets.get(`${e.target}:${e.id}`) });
    if (e.kind === "diagnosis" && e.commentId !== undefined)
      targets.set(`comment:${e.commentId}`, {
        about: "diagnosis",
        target: "comment",
        id: e.commentId,
        url: e.commentUrl ?? e.url,
        fingerprint: e.fingerprint,
      });
  }
  const out: FeedbackEvent[] = [];
  for (const target of [...targets.values()].slice(-limit)) out.push(...(await reactionEvents(ctx, target)));
  return out;
}

/** A comment or PR the agent just wrote on this thread, remembered so its reactions can be read later. */
export function commentEvent(
  ctx: Pick<TaskContext, "thread" | "now">,
  thread: ThreadRef,
  about: string,
  target: "comment" | "body",
  id: number,
  url: string,
): CommentEvent {
  return {
    kind: "comment",
    key: `comment:${target}:${id}`,
    repo: repoKey(ctx),
    at: ctx.now(),
    about,
    target,
    id,
    number: thread.number,
    url,
  };
}

/**
 * The Action's plan summaries on this pull request (one per root), found by their hidden marker in
 * comments only the app or this repository's workflow token can have written, and recorded for their
 * reactions. A marker typed by anyone else is ignored.
 */
export async function recordPlanComments(ctx: TaskContext): Promise<number> {
  if (!ctx.feedback || !ctx.config.learning.enabled || ctx.thread.number <= 0) return 0;
  const found = await ctx.github.markedComments(ctx.thread, "plan");
  return recordFeedback(
    ctx,
    found.map((c) => commentEvent(ctx, ctx.thread, "plan", "comment", c.id, c.url)),
  );
}

/**
 * The job's GitHub port, remembering every answer the agent writes (comments of a reactable kind, and
 * the bodies of the PRs it opens) in the feedback store, so reactions on them can be read later. A store
 * failure is logged: the person already has their answer.
 */
export function recordingAnswers(
  ctx: Pick<TaskContext, "thread" | "now" | "log" | "feedback" | "config">,
  github: GitHubPort,
): GitHubPort {
  const feedback = ctx.feedback;
  if (!feedback || !ctx.config.learning.enabled) return github;
  const remember = async (event: CommentEvent) => {
    try {
      await feedback.record(event);
    } catch (error) {
      ctx.log.warn({ err: String(error), event: "feedback.comment-not-recorded" }, "answer not recorded");
    }
  };
  return {
    ...github,
    async upsertComment(thread, kind, key, body, options) {
      const posted = await github.upsertComment(thread, kind, key, body, options);
      if (REACTABLE_KINDS.has(kind) && thread.number > 0)
        await remember(commentEvent(ctx, thread, kind, "comment", posted.id, posted.url));
      return posted;
    },
    async proposePullRequest(repo, draft) {
      const pr = await github.proposePullRequest(repo, draft);
      const about = draft.head === LESSONS_BRANCH ? "lessons-pr" : "pr";
      await remember(commentEvent(ctx, { ...repo, number: pr.number }, about, "body", pr.number, pr.url));
      return pr;
    },
  };
}
