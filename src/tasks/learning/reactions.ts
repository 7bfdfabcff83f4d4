import type { FeedbackEvent } from "../../core/lessons/index.js";
import type { TaskContext } from "../types.js";
import { repoKey } from "./context.js";

/**
 * 👍/👎 on one of the agent's comments, as feedback events. GitHub has no reaction webhook, so the agent
 * reads them when it next passes by (a fix for a diagnosed run, `/agent stats`, `/agent lessons`).
 */
export async function reactionEvents(
  ctx: TaskContext,
  commentId: number,
  url: string,
  about: string,
  fingerprint?: string,
): Promise<FeedbackEvent[]> {
  const reactions = await ctx.github.commentReactions(ctx.thread, commentId);
  return reactions
    .filter((r): r is { user: string; content: "+1" | "-1" } => r.content === "+1" || r.content === "-1")
    .map((r) => ({
      kind: "reaction" as const,
      key: `reaction:${commentId}:${r.user}:${r.content}`,
      repo: repoKey(ctx),
      at: ctx.now(),
      url,
      about,
      user: r.user,
      content: r.content,
      ...(fingerprint === undefined ? {} : { fingerprint }),
    }));
}

/** Reactions on every diagnosis the agent recorded for this repository (bounded), for stats and lessons. */
export async function harvestReactions(
  ctx: TaskContext,
  events: readonly FeedbackEvent[],
  limit = 20,
): Promise<FeedbackEvent[]> {
  const diagnoses = events.filter(
    (e): e is Extract<FeedbackEvent, { kind: "diagnosis" }> =>
      e.kind === "diagnosis" && e.commentId !== undefined,
  );
  const out: FeedbackEvent[] = [];
  for (const d of diagnoses.slice(-limit)) {
    if (d.commentId === undefined) continue;
    out.push(...(await reactionEvents(ctx, d.commentId, d.commentUrl ?? d.url, "diagnosis", d.fingerprint)));
  }
  return out;
}
