import { applyFinished } from "../core/apply/messages.js";
import { readApplyResult, type ApplyResult } from "../core/apply/result.js";
import type { RepoConfig } from "../core/config/index.js";
import type { Job } from "../jobs/types.js";
import type { TaskContext, TaskResult } from "./types.js";

type ApplyRunJob = Extract<Job, { kind: "apply-run" }>;

const PLAN_MARKER = /^<!-- devops-agent:plan:[^\n]* -->$/;

export function isApplyWorkflow(path: string, config: RepoConfig): boolean {
  return (path.split("@")[0] ?? "") === `.github/workflows/${config.apply.workflow}`;
}

/**
 * The apply run of a pull request ended: finish the app's own apply comment in place (applied, failed with
 * the first error line, refused, or only the run's conclusion when the Action recorded nothing). The outcome
 * is believed only from the plan workflow's account's plan comment, for this run id. A redelivery writes
 * the same text, which the port leaves unchanged.
 */
export async function applyRun(ctx: TaskContext, job: ApplyRunJob): Promise<TaskResult> {
  const comments = await ctx.github.threadComments(ctx.thread);
  let result: ApplyResult | null = null;
  let planUrl: string | null = null;
  for (const c of comments) {
    if (c.author !== ctx.config.apply.planAuthor || !PLAN_MARKER.test(c.body.split("\n")[0] ?? "")) continue;
    const found = readApplyResult(c.body);
    if (found?.runId === job.runId) {
      result = found;
      planUrl = c.url;
    }
  }
  const keys = [...new Set([result?.root, job.root, "request"].filter((k): k is string => !!k))];
  for (const key of keys) {
    const mine = await ctx.github.findComment(ctx.thread, "apply", key);
    if (!mine) continue;
    const body = applyFinished({
      root: result?.root ?? key,
      runUrl: job.runUrl,
      conclusion: job.conclusion,
      result,
      environment: ctx.config.apply.environment,
      planUrl,
    });
    await ctx.github.upsertComment(ctx.thread, "apply", key, body);
    return { outcome: "done", detail: result?.stage ?? `run ${job.conclusion}, no record` };
  }
  return { outcome: "nothing-to-do", detail: "no apply comment of the app on this pull request" };
}
