import type { RepoConfig } from "../../core/config/index.js";
import {
  DRIFT_KIND,
  driftIssueBody,
  driftTitle,
  failedCheckBody,
  resolvedBody,
} from "../../core/drift/issue.js";
import type { Job } from "../../jobs/types.js";
import type { TaskContext, TaskResult } from "../types.js";
import { readDriftReports } from "./read.js";

type DriftJob = Extract<Job, { kind: "drift-run" }>;

export function isDriftWorkflow(path: string, config: RepoConfig): boolean {
  return path.split("@")[0] === `.github/workflows/${config.drift.workflow}`;
}

/**
 * The drift workflow's run finished: one issue per drifted root (opened, or updated in place), closed when a
 * later run finds the root clean. The app owns the issues; the run's log only says what the plans found, and
 * a report is believed only for the commit the run checked out, with every field bounded by its schema.
 */
export async function driftRun(ctx: TaskContext, job: DriftJob): Promise<TaskResult> {
  const repo = { owner: ctx.thread.owner, repo: ctx.thread.repo };
  const reports = (await readDriftReports(ctx, job)).filter((r) => r.sha === job.headSha);
  if (reports.length === 0) {
    ctx.log.warn({ run: job.runId }, "drift run without drift reports: is the Action in mode drift?");
    return { outcome: "nothing-to-do", detail: "no drift reports in the run's log" };
  }
  const run = { id: job.runId, url: job.runUrl };
  const label = ctx.config.drift.label;
  const done: string[] = [];
  for (const report of reports) {
    const existing = await ctx.github.findOwnedIssue(repo, label, DRIFT_KIND, report.root);
    const issue = { kind: DRIFT_KIND, key: report.root };
    if (report.status === "drift") {
      const body = driftIssueBody(report, run);
      const title = driftTitle(report);
      if (existing) await ctx.github.editIssue(repo, existing.number, { ...issue, title, body });
      else await ctx.github.openIssue(repo, { ...issue, title, body, labels: [label] });
      done.push(`${report.root}: ${existing ? `updated #${existing.number}` : "opened"}`);
    } else if (report.status === "clean" && existing) {
      await ctx.github.editIssue(repo, existing.number, {
        ...issue,
        title: `Drift in ${report.root}: resolved`,
        body: resolvedBody(existing.body, report, run),
        close: true,
      });
      done.push(`${report.root}: closed #${existing.number}`);
    } else if (report.status === "failed" && existing) {
      await ctx.github.editIssue(repo, existing.number, {
        ...issue,
        body: failedCheckBody(existing.body, report, run),
      });
      done.push(`${report.root}: check failed, noted on #${existing.number}`);
    }
  }
  return done.length > 0
    ? { outcome: "done", detail: done.join("; ") }
    : { outcome: "nothing-to-do", detail: "no drift and no open drift issue" };
}
