import { protectedBy, protectedGlobs } from "../../agent/paths.js";
import {
  GUIDANCE_FILES,
  distill,
  effectiveLessons,
  guidanceLessons,
  guidanceText,
  parseLessonsFile,
  type GuidanceText,
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

/**
 * The lessons in force for this repository: the reviewable file's, plus (if allowed) the proposed ones,
 * then the conventions its guidance files state plainly (`guide.*`; people's lessons come first, so they
 * win for the same resource type). A `guide.*` id under the file's `forgotten:`, or forgotten by command,
 * is not used although the text stays in the guidance file.
 */
export async function repoLessons(
  ctx: TaskContext,
  fileText: string | null,
  guides: readonly GuidanceText[] = [],
): Promise<RepoLessons> {
  const file = parseLessonsFile(fileText);
  if (!ctx.config.learning.enabled)
    return { lessons: [], distilled: [], events: [], problems: file.problems };
  const events = ctx.feedback ? await ctx.feedback.list(repoKey(ctx)) : [];
  const distilled = distill(events, { isProtected: isProtectedFor(ctx) });
  const forgotten = new Set([
    ...file.forgotten,
    ...events.flatMap((e) => (e.kind === "forget" ? [e.id] : [])),
  ]);
  const fromGuides = guidanceLessons(guides, isProtectedFor(ctx), forgotten).map((l) => ({
    ...l,
    pending: false,
  }));
  return {
    lessons: [...effectiveLessons(file, distilled, ctx.config.learning.useProposed), ...fromGuides],
    distilled,
    events,
    problems: file.problems,
  };
}

/** The guidance files as a reader gives them (a checkout, or the default branch through the API). */
export async function readGuidance(read: (path: string) => Promise<string | null>): Promise<GuidanceText[]> {
  const guides: GuidanceText[] = [];
  for (const path of GUIDANCE_FILES) {
    const content = await read(path).catch(() => null);
    const guide = content === null ? null : guidanceText(path, content.slice(0, 64_000));
    if (guide) guides.push(guide);
  }
  return guides;
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
