import { DRIFT_LINE_PREFIX, type DriftReport, readDriftLines } from "../../core/drift/report.js";
import type { TaskContext } from "../types.js";

const MAX_JOBS = 20;
const MAX_LINE = 200_000;

/**
 * The drift reports of a run: every job's log is streamed and only lines carrying the report prefix are kept
 * (each capped), so a huge log costs reading, never memory. Reading stops at the repo's log-byte budget.
 */
export async function readDriftReports(
  ctx: TaskContext,
  run: { runId: number; runAttempt: number },
): Promise<DriftReport[]> {
  const repo = { owner: ctx.thread.owner, repo: ctx.thread.repo };
  const jobs = await ctx.github.runJobs({ ...repo, runId: run.runId, attempt: run.runAttempt });
  const kept: string[] = [];
  let budget = ctx.config.budgets.logBytes;
  for (const job of jobs.slice(0, MAX_JOBS)) {
    if (budget <= 0) break;
    const download = await ctx.github.jobLog(repo, job.id);
    const decoder = new TextDecoder("utf-8", { fatal: false });
    let pending = "";
    const take = (line: string) => {
      if (line.includes(DRIFT_LINE_PREFIX)) kept.push(line);
    };
    try {
      for await (const chunk of download.body) {
        budget -= chunk.byteLength;
        const lines = (pending + decoder.decode(chunk, { stream: true })).split("\n");
        pending = lines.pop() ?? "";
        if (pending.length > MAX_LINE) pending = "";
        lines.forEach(take);
        if (budget <= 0) break;
      }
      take(pending + decoder.decode());
    } finally {
      await download.cancel();
    }
  }
  return readDriftLines(kept.join("\n"));
}
