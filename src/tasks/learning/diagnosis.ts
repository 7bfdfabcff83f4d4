import { diagnosisFingerprint, type JobDiagnosis } from "../../core/diagnosis/index.js";
import { LESSONS_PATH, priorFixNote } from "../../core/lessons/index.js";
import type { RunTarget } from "../diagnosis/types.js";
import type { TaskContext } from "../types.js";
import { recordFeedback, repoKey, repoLessons, repoUrl } from "./context.js";

/** "Last time this failed here, commit abc fixed it": notes for the diagnosis comment, one per known fix. */
export async function priorFixes(ctx: TaskContext, jobs: readonly JobDiagnosis[]): Promise<string | null> {
  if (!ctx.feedback || !ctx.config.learning.enabled) return null;
  const { lessons } = await repoLessons(ctx, await ctx.github.readFile(ctx.thread, LESSONS_PATH));
  const notes = [
    ...new Set(jobs.map((j) => priorFixNote(lessons, diagnosisFingerprint(j.diagnosis), repoUrl(ctx)))),
  ];
  const found = notes.filter((n): n is string => n !== null);
  return found.length > 0 ? found.join("\n\n") : null;
}

/** Remembers what was diagnosed where, so the commit that makes the branch pass again can be tied to it. */
export async function rememberDiagnosis(
  ctx: TaskContext,
  run: RunTarget,
  jobs: readonly JobDiagnosis[],
  commentUrl: string,
): Promise<void> {
  const commentId = Number(/#issuecomment-(\d+)$/.exec(commentUrl)?.[1] ?? NaN);
  await recordFeedback(
    ctx,
    jobs.map((j) => ({
      kind: "diagnosis" as const,
      key: `diagnosis:${run.runId}:${run.attempt}:${diagnosisFingerprint(j.diagnosis)}`,
      repo: repoKey(ctx),
      at: ctx.now(),
      fingerprint: diagnosisFingerprint(j.diagnosis),
      category: j.diagnosis.category,
      title: j.diagnosis.title.slice(0, 300),
      branch: run.headBranch,
      runId: run.runId,
      url: run.runUrl,
      commentUrl,
      ...(Number.isInteger(commentId) && commentId > 0 ? { commentId } : {}),
    })),
  );
}
