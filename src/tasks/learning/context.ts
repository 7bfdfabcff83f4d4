import { protectedBy, protectedGlobs } from "../../agent/paths.js";
import {
  distill,
  effectiveLessons,
  parseLessonsFile,
  type EffectiveLesson,
  type FeedbackEvent,
  type Lesson,
} from "../../core/lessons/index.js";
import type { TaskContext } from "../types.js";

export const repoKey = (ctx: Pick<TaskContext, "thread">) =>
  `${ctx.thread.owner}/${ctx.thread.repo}`.toLowerCase();

export const repoUrl = (ctx: Pick<TaskContext, "thread">) =>
  `https://github.com/${ctx.thread.owner}/${ctx.thread.repo}`;

export function isProtectedFor(ctx: Pick<TaskContext, "config">): (path: string) => boolean {
  const globs = protectedGlobs(ctx.config);
  return (path) => protectedBy(path, globs) !== null;
}

export interface RepoLessons {
  lessons: EffectiveLesson[];
  distilled: Lesson[];
  events: FeedbackEvent[];
  problems: string[];
}

/** The lessons in force for this repository: the reviewable file's, plus (if allowed) the proposed ones. */
export async function repoLessons(ctx: TaskContext, fileText: string | null): Promise<RepoLessons> {
  const file = parseLessonsFile(fileText);
  if (!ctx.config.learning.enabled)
    return { lessons: [], distilled: [], events: [], problems: file.problems };
  const events = ctx.feedback ? await ctx.feedback.list(repoKey(ctx)) : [];
  const distilled = distill(events, { isProtected: isProtectedFor(ctx) });
  return {
    lessons: effectiveLessons(file, distilled, ctx.config.learning.useProposed),
    distilled,
    events,
    problems: file.problems,
  };
}

/** Records signals once each; returns how many were new. Learning switched off records nothing. */
export async function recordFeedback(ctx: TaskContext, events: readonly FeedbackEvent[]): Promise<number> {
  if (!ctx.feedback || !ctx.config.learning.enabled) return 0;
  let fresh = 0;
  for (const event of events) if (await ctx.feedback.record(event)) fresh += 1;
  ctx.log.info(
    { event: "feedback.recorded", repo: repoKey(ctx), offered: events.length, fresh },
    "feedback recorded",
  );
  return fresh;
}
