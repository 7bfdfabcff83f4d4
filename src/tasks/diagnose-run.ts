import { renderDiagnosisReport } from "../core/diagnosis/index.js";
import type { RepoConfig } from "../core/config/index.js";
import type { Job } from "../jobs/types.js";
import { performChange } from "./change/perform.js";
import { attemptAutoFix, fixableItem, type AutoFixResult, type ChangeRunner } from "./diagnosis/autofix.js";
import { diagnoseRunJobs } from "./diagnosis/collect.js";
import type { RunDiagnosis, RunTarget } from "./diagnosis/types.js";
import { priorFixes, rememberDiagnosis } from "./learning/diagnosis.js";
import type { TaskContext, TaskResult } from "./types.js";

export type { RunTarget } from "./diagnosis/types.js";

const selects = (workflows: readonly string[], name: string) =>
  workflows.length === 0 || workflows.includes(name);

export function diagnosisSelected(config: RepoConfig, workflowName: string): boolean {
  return config.diagnosis.enabled && selects(config.diagnosis.workflows, workflowName);
}

export function autofixSelected(config: RepoConfig, workflowName: string): boolean {
  return config.autofix.enabled && selects(config.autofix.workflows, workflowName);
}

export interface FlowOptions {
  /** `/agent fix`: a person asked, so the fix is tried even when automatic fixing is off. */
  fixRequested: boolean;
  perform?: ChangeRunner;
}

export interface FlowResult {
  diagnosis: RunDiagnosis;
  fix: AutoFixResult | null;
  reportUrl: string;
}

/** The task for a failed workflow run delivered by webhook. */
export async function diagnoseRun(
  ctx: TaskContext,
  job: Extract<Job, { kind: "diagnose-run" }>,
): Promise<TaskResult> {
  const run: RunTarget = {
    runId: job.runId,
    attempt: job.runAttempt,
    workflowName: job.workflowName,
    runUrl: job.runUrl,
    headBranch: job.headBranch,
    headSha: job.headSha,
    prNumber: job.prNumber,
    defaultBranch: job.defaultBranch,
    event: job.event,
  };
  const result = await runDiagnosisFlow(ctx, run, { fixRequested: false });
  return toTaskResult(result);
}

export function toTaskResult(result: FlowResult): TaskResult {
  const llm = { ...result.diagnosis.llm };
  if (result.fix?.status === "attempted") {
    llm.calls += result.fix.outcome.llm.calls;
    llm.promptTokens += result.fix.outcome.llm.promptTokens;
    llm.completionTokens += result.fix.outcome.llm.completionTokens;
  }
  const detail = result.fix?.status === "attempted" ? `auto-fix: ${result.fix.outcome.status}` : "diagnosed";
  return { outcome: "done", detail, ...(llm.calls > 0 ? { llm } : {}) };
}

/**
 * Diagnose → report → (maybe) fix → report again. The diagnosis comment is sticky per run, so a re-run of
 * the same run updates it instead of adding another.
 */
export async function runDiagnosisFlow(
  ctx: TaskContext,
  run: RunTarget,
  options: FlowOptions,
): Promise<FlowResult> {
  const diagnosis = await diagnoseRunJobs(ctx, run);
  const prior = await priorFixes(ctx, diagnosis.jobs);
  const wantsFix = options.fixRequested || autofixSelected(ctx.config, run.workflowName);
  const item = wantsFix ? fixableItem(diagnosis.jobs) : undefined;
  const render = (fixNote: string | null) => {
    const rendered = renderDiagnosisReport(diagnosis.jobs, {
      workflow: run.workflowName,
      runUrl: run.runUrl,
      autoFixEnabled: wantsFix,
      redactor: ctx.redactor,
    });
    const report = prior ? `${rendered}\n\n${prior}` : rendered;
    const attempt =
      run.attempt > 1 ? `\n\n<sub>Run attempt ${run.attempt} · commit ${run.headSha.slice(0, 7)}</sub>` : "";
    return fixNote ? `${report}\n\n${fixNote}${attempt}` : `${report}${attempt}`;
  };
  if (!item) {
    const note = options.fixRequested
      ? "**Auto-fix.** None of these failures is one I can fix automatically."
      : null;
    const posted = await postReport(ctx, run, render(note));
    await rememberDiagnosis(ctx, run, diagnosis.jobs, posted);
    return { diagnosis, fix: null, reportUrl: posted };
  }
  await postReport(ctx, run, render("**Auto-fix.** ⏳ Working on a fix…"));
  const fix = await attemptAutoFix(ctx, run, item, options.perform ?? performChange);
  const reportUrl = await postReport(ctx, run, render(fixNote(ctx, fix)));
  await rememberDiagnosis(ctx, run, diagnosis.jobs, reportUrl);
  return { diagnosis, fix, reportUrl };
}

function fixNote(ctx: TaskContext, fix: AutoFixResult): string {
  if (fix.status === "skipped") return `**Auto-fix.** ⛔ ${fix.reason}`;
  const max = ctx.config.autofix.maxAttempts;
  const head = `**Auto-fix** (attempt ${fix.attempt} of ${max} for this failure):`;
  const { outcome } = fix;
  const lead: Record<typeof outcome.status, string> = {
    pushed: `✅ pushed ${outcome.sha ? `\`${outcome.sha.slice(0, 7)}\`` : "a fix"}${outcome.url ? ` (${outcome.url})` : ""}. CI will run again on it.`,
    "pr-opened": `✅ proposed the fix in ${outcome.url ?? "a pull request"}.`,
    "no-change": "the change left the repository as it was; nothing was pushed.",
    questions: "I need more information before I can fix this; nothing was pushed.",
    failed: "my fix did not validate, so nothing was pushed.",
  };
  return [
    `${head} ${lead[outcome.status]}`,
    "",
    "<details><summary>Details</summary>",
    "",
    outcome.message,
    "",
    "</details>",
  ].join("\n");
}

async function postReport(ctx: TaskContext, run: RunTarget, body: string): Promise<string> {
  const repo = { owner: ctx.thread.owner, repo: ctx.thread.repo };
  const posted =
    run.prNumber !== null
      ? await ctx.github.upsertComment({ ...repo, number: run.prNumber }, "diagnosis", run.runId, body)
      : await ctx.github.upsertCommitComment(repo, run.headSha, "diagnosis", run.runId, body);
  return posted.url;
}
