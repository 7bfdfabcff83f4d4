import type { GitHubPort, ThreadRef } from "../adapters/github/index.js";
import type { Job } from "../jobs/types.js";
import { abandonedMessage, failureMessage } from "./messages.js";
import type { Log } from "./types.js";
import type { Connection, ProcessorDeps } from "./process-job.js";

/** Where a job's failure can be shown: null for jobs with no human thread to talk on. */
function failureThread(job: Job): { what: string; key: string } | null {
  // A run without a pull request has no thread to talk on; the log line is all there is.
  if (job.kind === "diagnose-run" && job.prNumber === null) return null;
  // Feedback is bookkeeping: a failure to record it is logged, never shown on a closed pull request.
  if (job.kind === "agent-pr-closed" || job.kind === "agent-pr-review" || job.kind === "run-succeeded")
    return null;
  // A drift check has no thread until it has an issue; the audit line and the next run carry on.
  if (job.kind === "drift-run") return null;
  // Onboarding has no thread before its issue exists; a failure is in the log and the next install event.
  if (job.kind === "onboard") return null;
  return job.kind === "command"
    ? { what: `/agent ${job.command.name}`, key: job.command.name }
    : { what: job.kind, key: job.kind };
}

const threadOf = (job: Job): ThreadRef => ({ owner: job.owner, repo: job.repo, number: job.number });

/** The sticky failure comment of a job that ended in an error; a failure to post it is only logged. */
export async function reportFailure(github: GitHubPort, job: Job, error: unknown, log: Log): Promise<void> {
  const where = failureThread(job);
  if (!where) return;
  try {
    await github.upsertComment(threadOf(job), "error", where.key, failureMessage(where.what, error));
  } catch (reportError) {
    log.error({ err: String(reportError), job: job.id }, "could not report the failure on GitHub");
  }
}

/** Says on a job's thread that it was given up; rejects when GitHub could not be told (try again later). */
export type AbandonReporter = (job: Job, starts: number) => Promise<void>;

/**
 * For a queue whose job never finished — the process running it died on every start (a crash, the
 * memory limit) — and was given up: the same sticky failure comment a failed job gets, and the audit line.
 * Unlike `reportFailure` it rejects when the comment could not be posted, so the queue can try again.
 */
export function createAbandonReporter(deps: Pick<ProcessorDeps, "connect" | "log">): AbandonReporter {
  return async (job, starts) => {
    let posted = false;
    try {
      const where = failureThread(job);
      if (where) {
        const connection: Connection = await deps.connect(job.installationId);
        const body = abandonedMessage(where.what, starts, job.deliveryId);
        await connection.github.upsertComment(threadOf(job), "error", where.key, body);
        posted = true;
      }
    } finally {
      deps.log.info(
        {
          audit: auditOf(job, { outcome: "failed", abandoned: { starts, reported: posted } }),
        },
        "job given up",
      );
    }
  };
}

/** The audit record every job ends with: who asked for what on which thread, then how it ended. */
export function auditOf(job: Job, ending: Record<string, unknown>): Record<string, unknown> {
  return {
    delivery: job.deliveryId,
    job: job.id,
    repo: `${job.owner}/${job.repo}`,
    number: job.number,
    sender: job.sender,
    kind: job.kind === "command" ? job.command.name : job.kind,
    ...ending,
  };
}
