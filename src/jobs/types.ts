import type { AgentCommand } from "../core/commands/index.js";
import type { RunConclusion } from "../core/apply/messages.js";

/** Everything a job needs to find its way back to GitHub. Plain data, so a Redis queue can carry it. */
export interface JobBase {
  /** Unique per unit of work: the delivery id, plus an index when one delivery yields several jobs. */
  id: string;
  deliveryId: string;
  installationId: number;
  owner: string;
  repo: string;
  sender: string;
  /** The issue or pull request the job talks back on. */
  number: number;
  isPullRequest: boolean;
  receivedAt: number;
}

export type JobSpec =
  | {
      kind: "command";
      command: AgentCommand;
      /** The comment that carried the command; null when it came from an issue body. */
      commentId: number | null;
      origin: "issue_comment" | "issue_body" | "issue_label";
      /** For issue-as-request jobs: why it fired, checked against the repo's trigger settings. */
      trigger?: { why: "issue_opened" | "issue_labeled"; labels: string[]; label: string | null };
    }
  | { kind: "command-problems"; problems: { line: number; message: string }[]; commentId: number | null }
  | {
      /** A finished, failed workflow run to diagnose (and maybe fix). `number` is its PR, or 0 without one. */
      kind: "diagnose-run";
      runId: number;
      runAttempt: number;
      workflowName: string;
      runUrl: string;
      headBranch: string;
      headSha: string;
      prNumber: number | null;
      event: string;
      defaultBranch: string;
    }
  | {
      /** One of the agent's pull requests was merged or closed: feedback on its work. */
      kind: "agent-pr-closed";
      merged: boolean;
      headRef: string;
      baseSha: string;
      headSha: string;
      /** Lesson ids the PR body says were applied. */
      lessonsApplied: string[];
    }
  | {
      /** A review or review comment on one of the agent's pull requests: feedback on its work. */
      kind: "agent-pr-review";
      reviewId: number;
      state: "changes_requested" | "commented" | "approved" | "dismissed" | "comment";
      text: string;
      url: string;
      path: string | null;
    }
  | {
      /** `review.auto`: a pull request's new head, reviewed as a check run. */
      kind: "review-pr";
      headSha: string;
    }
  | {
      /** A finished run on the default branch that may be the drift workflow's: read its per-root reports. */
      kind: "drift-run";
      runId: number;
      runAttempt: number;
      /** `.github/workflows/<file>`, checked against `drift.workflow` once the config is read. */
      workflowPath: string;
      headSha: string;
      runUrl: string;
    }
  | {
      /** A dispatched run that may be the apply workflow's, for PR `number`: finish the app's apply comment. */
      kind: "apply-run";
      runId: number;
      /** The root named in the run's title, when it names one. */
      root: string | null;
      /** `.github/workflows/<file>`, checked against `apply.workflow` once the config is read. */
      workflowPath: string;
      conclusion: RunConclusion;
      runUrl: string;
    }
  | {
      /** The app was installed on this repository: open the onboarding issue once (`number` is 0). */
      kind: "onboard";
    }
  | {
      /** A workflow run succeeded: if the agent diagnosed a failure on this branch, this commit fixed it. */
      kind: "run-succeeded";
      runId: number;
      workflowName: string;
      headBranch: string;
      headSha: string;
      message: string;
    };

export type Job = JobBase & JobSpec;

/** Jobs for the same issue or pull request run one at a time, in arrival order. */
export function serialKey(job: Pick<JobBase, "owner" | "repo" | "number">): string {
  return `${job.owner}/${job.repo}#${job.number}`;
}

export interface QueueStats {
  /** Jobs running in this process. */
  running: number;
  /** Jobs accepted and not yet finished: in this process (in-process queue) or in Redis (all replicas). */
  waiting: number;
  /** Job ids this process accepted (in-process: remembered for de-duplication). */
  seen: number;
  /** Redis-backed queue only: jobs given up after their attempts (all replicas, ever). */
  failed?: number;
  /** Redis-backed queue only: whether Redis answered the health probe. */
  redis?: "up" | "down";
}

/**
 * The queue contract. The in-process queue is the embedded default; a BullMQ queue implements the same
 * interface for multi-replica deployments.
 */
export interface JobQueue {
  /**
   * Resolves false (and drops the job) when a job with the same id was already accepted; resolves true once
   * the job is stored (in memory, or durably in Redis), so a webhook is acknowledged only after that.
   */
  enqueue(job: Job): Promise<boolean>;
  /** Stops accepting jobs and resolves when every accepted job has finished, or after `timeoutMs`. */
  drain(timeoutMs: number): Promise<{ finished: boolean; abandoned: number }>;
  stats(): Promise<QueueStats>;
  /** Resolves when nothing is running or waiting (tests and benchmarks wait on this). */
  idle(): Promise<void>;
}
