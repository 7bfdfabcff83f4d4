import { CONFIG_PATH, formatConfigProblems, parseRepoConfig, type RepoConfig } from "../core/config/index.js";
import { redact } from "../core/redact/index.js";
import { redactingLog } from "./log.js";
import { atLeast, type GitHubPort, type ThreadRef } from "../adapters/github/index.js";
import type { Job } from "../jobs/types.js";
import { LeaseLost } from "../jobs/fence.js";
import { applyRun, isApplyWorkflow } from "./apply-run.js";
import { diagnoseRun, diagnosisSelected } from "./diagnose-run.js";
import { driftRun, isDriftWorkflow } from "./drift/run.js";
import { onboardRepository } from "./setup/onboard.js";
import { recordPullRequestFeedback } from "./learning/pull-closed.js";
import { recordReview, recordRunSuccess } from "./learning/events.js";
import { recordingAnswers } from "./learning/reactions.js";
import { problemsMessage, refusalMessage, unavailableMessage } from "./messages.js";
import { auditOf, reportFailure } from "./report-failure.js";
import { watchOutcome } from "./outcome.js";
import { autoReview } from "./review.js";
import { RetryLater, transientFailure, type JobAttempt } from "./transient.js";
import type { CommandTask, Log, TaskContext, TaskResult } from "./types.js";

export type Connection = Pick<
  TaskContext,
  "github" | "octokit" | "redactor" | "token" | "llm" | "workspaces" | "docs" | "feedback"
>;

export interface ProcessorDeps {
  /** An installation-scoped GitHub connection, with the installation token registered in the redactor. */
  connect: (installationId: number) => Promise<Connection>;
  tasks: readonly CommandTask[];
  log: Log;
  now?: () => number;
}

type Outcome = TaskResult["outcome"] | "refused" | "disabled" | "failed" | "retry-later" | "abandoned";

export type JobProcessor = (job: Job, attempt?: JobAttempt) => Promise<void>;

/**
 * Runs one job end to end: config, authorization, the task, and a visible outcome plus an audit line.
 * Given an attempt that is not the final one, a passing failure before anything visible happened throws
 * `RetryLater` instead of being reported, so a queue with retries can run the job again.
 */
export function createJobProcessor(deps: ProcessorDeps): JobProcessor {
  const now = deps.now ?? Date.now;
  return async (job, attempt) => {
    const started = now();
    let outcome: Outcome = "failed";
    let result: TaskResult | undefined;
    const thread: ThreadRef = { owner: job.owner, repo: job.repo, number: job.number };
    let connection: Connection | undefined;
    let visible = () => false;
    try {
      const connected = await deps.connect(job.installationId);
      const watched = watchOutcome(connected.github);
      visible = watched.visible;
      connection = { ...connected, github: watched.github };
      const { github } = connection;
      const config = await loadConfig(github, thread, deps.log);

      if (!triggerEnabled(job, config)) {
        outcome = "disabled";
        return;
      }
      const ctx: TaskContext = {
        ...connection,
        job,
        thread,
        config,
        // The job's logger knows the job's secrets (the installation token) as well as every shape.
        log: redactingLog(deps.log, connection.redactor),
        now,
        available: deps.tasks,
      };
      // Answers the agent writes are remembered so people's 👍/👎 on them can be read later.
      ctx.github = recordingAnswers(ctx, ctx.github);
      if (job.kind !== "command" && job.kind !== "command-problems") {
        // Events, not requests: there is no human sender to authorize. The auto-fix loop guard bounds
        // what a failed run may lead to; feedback events only record data.
        result = await runEvent(ctx, job);
        outcome = result.outcome;
        return;
      }
      const permission = await github.permissionOf(thread, job.sender);
      if (!atLeast(permission, config.access.minimumPermission)) {
        outcome = "refused";
        // One refusal per person and thread: a second attempt must not start a conversation loop.
        await github.postOnce(
          thread,
          "refusal",
          job.sender,
          refusalMessage(job.sender, config.access.minimumPermission),
        );
        return;
      }
      if (job.commentId !== null) await github.react(thread, job.commentId, "eyes");

      if (job.kind === "command-problems") {
        await github.upsertComment(
          thread,
          "problems",
          job.commentId ?? job.number,
          problemsMessage(job.problems),
        );
        outcome = "declined";
        return;
      }
      result = await runCommand(ctx, deps.tasks);
      outcome = result.outcome;
    } catch (error) {
      if (error instanceof LeaseLost) {
        // Another worker has this job's thread now and runs the job: saying anything here would repeat it.
        outcome = "abandoned";
        throw error;
      }
      const passing = attempt && !attempt.final && !visible() ? transientFailure(error) : null;
      if (passing) {
        outcome = "retry-later";
        deps.log.warn(
          { err: describe(error, connection), job: job.id, attempt: attempt?.number },
          "job will be retried",
        );
        throw new RetryLater(describe(error, connection), passing.retryAfterMs);
      }
      outcome = "failed";
      deps.log.error({ err: describe(error, connection), job: job.id }, "job failed");
      if (connection) await reportFailure(connection.github, job, error, deps.log);
    } finally {
      deps.log.info(
        {
          audit: auditOf(job, {
            outcome,
            ...(attempt ? { attempt: attempt.number } : {}),
            durationMs: now() - started,
            ...(result?.llm ? { llm: result.llm } : {}),
          }),
        },
        "job finished",
      );
    }
  };
}

type EventJob = Exclude<Job, { kind: "command" | "command-problems" }>;

function runEvent(ctx: TaskContext, job: EventJob): Promise<TaskResult> {
  switch (job.kind) {
    case "diagnose-run":
      return diagnoseRun(ctx, job);
    case "agent-pr-closed":
      return recordPullRequestFeedback(ctx, job);
    case "agent-pr-review":
      return recordReview(ctx, job);
    case "run-succeeded":
      return recordRunSuccess(ctx, job);
    case "review-pr":
      return autoReview(ctx, job.headSha);
    case "drift-run":
      return driftRun(ctx, job);
    case "apply-run":
      return applyRun(ctx, job);
    case "onboard":
      return onboardRepository(ctx);
  }
}

async function runCommand(ctx: TaskContext, tasks: readonly CommandTask[]): Promise<TaskResult> {
  if (ctx.job.kind !== "command") return { outcome: "nothing-to-do" };
  const { command } = ctx.job;
  const task = tasks.find((t) => t.name === command.name);
  const onPr = ctx.job.isPullRequest;
  const misplaced = task && ((task.where === "pull-requests" && !onPr) || (task.where === "issues" && onPr));
  if (!task || misplaced) {
    const where = task ? (task.where === "issues" ? "issues" : "pull requests") : null;
    await ctx.github.upsertComment(
      ctx.thread,
      "unavailable",
      command.name,
      unavailableMessage(command.name, where),
    );
    return { outcome: "declined", detail: "command not available here" };
  }
  return task.run(ctx, command);
}

async function loadConfig(github: GitHubPort, thread: ThreadRef, log: Log): Promise<RepoConfig> {
  const loaded = parseRepoConfig(await github.readFile(thread, CONFIG_PATH));
  if (loaded.problems.length > 0) {
    log.warn({ problems: loaded.problems, repo: `${thread.owner}/${thread.repo}` }, "repo config rejected");
    // Thread 0 is a run without a pull request: nowhere to say it but the log.
    if (thread.number > 0)
      await github.upsertComment(thread, "config-error", "repo", formatConfigProblems(loaded.problems));
  }
  return loaded.config;
}

function triggerEnabled(job: Job, config: RepoConfig): boolean {
  if (job.kind === "diagnose-run") return diagnosisSelected(config, job.workflowName);
  if (job.kind === "drift-run") return isDriftWorkflow(job.workflowPath, config);
  if (job.kind === "apply-run") return isApplyWorkflow(job.workflowPath, config);
  if (job.kind === "agent-pr-review" || job.kind === "run-succeeded") return config.learning.enabled;
  if (job.kind === "review-pr") return config.review.auto;
  if (job.kind !== "command") return true;
  if (job.origin === "issue_comment") {
    return job.isPullRequest ? config.triggers.pullRequestComments : config.triggers.issueComments;
  }
  if (job.origin === "issue_label" && job.trigger) {
    const { label, issueOpened } = config.triggers;
    return job.trigger.why === "issue_opened"
      ? issueOpened || job.trigger.labels.includes(label)
      : job.trigger.label === label;
  }
  return true;
}

function describe(error: unknown, connection: Connection | undefined): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return connection ? connection.redactor.redact(text) : redact(text);
}
