import { z } from "zod";
import { commentMarker, finalizeComment } from "../../core/comments/index.js";
import type { Octokit } from "./port.js";
import type { OwnedComment, RepoRef } from "./types.js";

export interface RunRef extends RepoRef {
  runId: number;
  attempt: number;
}

export interface RunJob {
  id: number;
  name: string;
  conclusion: string | null;
  url: string | null;
  /** Names of the steps that failed, in order. */
  failedSteps: string[];
}

export interface FailedRun {
  runId: number;
  attempt: number;
  workflowName: string;
  headBranch: string | null;
  headSha: string;
  url: string;
  event: string;
}

/** A job log as a byte stream; `cancel` releases the connection when the reader stops early. */
export interface LogDownload {
  body: AsyncIterable<Uint8Array>;
  cancel(): Promise<void>;
}

/** What the diagnosis flow needs from GitHub Actions and commit comments. */
export interface RunsApi {
  /** The jobs of one attempt of a workflow run (all pages, capped at 500 jobs). */
  runJobs(run: RunRef): Promise<RunJob[]>;
  /** Follows the API's redirect to the log file and hands back the body unread. */
  jobLog(repo: RepoRef, jobId: number): Promise<LogDownload>;
  /** The newest failed run for a commit, or null. */
  latestFailedRun(repo: RepoRef, headSha: string): Promise<FailedRun | null>;
  defaultBranch(repo: RepoRef): Promise<string>;
  findCommitComment(
    repo: RepoRef,
    sha: string,
    kind: string,
    key: string | number,
  ): Promise<OwnedComment | null>;
  /** Creates the commit comment, or updates the one carrying the same marker. */
  upsertCommitComment(
    repo: RepoRef,
    sha: string,
    kind: string,
    key: string | number,
    body: string,
  ): Promise<OwnedComment & { created: boolean }>;
}

const StepSchema = z.object({ name: z.string(), conclusion: z.string().nullable() });
const JobSchema = z.object({
  id: z.number(),
  name: z.string(),
  conclusion: z.string().nullable(),
  html_url: z.string().nullable(),
  steps: z.array(StepSchema).optional(),
});
const JobsPage = z.object({ total_count: z.number(), jobs: z.array(JobSchema) });
const RunSchema = z.object({
  id: z.number(),
  name: z.string().nullish(),
  run_attempt: z.number().optional(),
  head_branch: z.string().nullable(),
  head_sha: z.string(),
  html_url: z.string(),
  event: z.string(),
  conclusion: z.string().nullable(),
  created_at: z.string(),
});
const RunsPage = z.object({ workflow_runs: z.array(RunSchema) });
const CommitComment = z.object({
  id: z.number(),
  html_url: z.string(),
  body: z.string(),
  user: z.object({ login: z.string(), type: z.string() }).nullable(),
});

const MAX_JOB_PAGES = 5;
const LOG_TIMEOUT_MS = 5 * 60_000;

export function createRunsApi(
  octokit: Octokit,
  options: { redactText: (text: string) => string; botLogin: string },
): RunsApi {
  const ownedBy = (user: { login: string; type: string } | null) =>
    user !== null && user.login === options.botLogin;
  const repoOf = (ref: RepoRef): RepoRef => ({ owner: ref.owner, repo: ref.repo });

  const findCommitComment: RunsApi["findCommitComment"] = async (repo, sha, kind, key) => {
    const marker = commentMarker(kind, key);
    const iterator = octokit.paginate.iterator(octokit.rest.repos.listCommentsForCommit, {
      ...repoOf(repo),
      commit_sha: sha,
      per_page: 100,
    });
    for await (const page of iterator) {
      for (const raw of page.data) {
        const c = CommitComment.parse(raw);
        if (ownedBy(c.user) && c.body.startsWith(marker)) return { id: c.id, url: c.html_url, body: c.body };
      }
    }
    return null;
  };

  return {
    async runJobs(run) {
      const jobs: RunJob[] = [];
      for (let page = 1; page <= MAX_JOB_PAGES; page += 1) {
        const { data } = await octokit.rest.actions.listJobsForWorkflowRunAttempt({
          ...repoOf(run),
          run_id: run.runId,
          attempt_number: run.attempt,
          per_page: 100,
          page,
        });
        const parsed = JobsPage.parse(data);
        for (const job of parsed.jobs) {
          jobs.push({
            id: job.id,
            name: job.name,
            conclusion: job.conclusion,
            url: job.html_url,
            failedSteps: (job.steps ?? []).filter((s) => s.conclusion === "failure").map((s) => s.name),
          });
        }
        if (parsed.jobs.length < 100 || jobs.length >= parsed.total_count) break;
      }
      return jobs;
    },
    async jobLog(repo, jobId) {
      // Octokit would follow the redirect and buffer the whole log; take the location and stream it ourselves.
      const answer = await octokit.request("GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs", {
        ...repoOf(repo),
        job_id: jobId,
        request: { redirect: "manual", parseSuccessResponseBody: false },
      });
      const location = answer.headers.location;
      if (answer.status !== 302 || typeof location !== "string") {
        throw new Error(`job ${jobId} log: expected a redirect to the log file, got HTTP ${answer.status}`);
      }
      // The log host gets no Authorization header: the signed URL is the credential.
      // Bounded so a stalled log host cannot hold a job (and its queue lane) forever.
      const response = await fetch(location, {
        redirect: "follow",
        signal: AbortSignal.timeout(LOG_TIMEOUT_MS),
      });
      if (!response.ok || response.body === null) {
        await response.body?.cancel();
        throw new Error(`job ${jobId} log: the log file answered HTTP ${response.status}`);
      }
      const reader = response.body.getReader();
      async function* chunks(): AsyncGenerator<Uint8Array> {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      }
      return { body: chunks(), cancel: () => reader.cancel().catch(() => undefined) };
    },
    async latestFailedRun(repo, headSha) {
      const { data } = await octokit.rest.actions.listWorkflowRunsForRepo({
        ...repoOf(repo),
        head_sha: headSha,
        status: "failure",
        per_page: 50,
      });
      const runs = RunsPage.parse(data).workflow_runs.filter((r) => r.conclusion === "failure");
      const newest = runs.sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id)[0];
      if (!newest) return null;
      return {
        runId: newest.id,
        attempt: newest.run_attempt ?? 1,
        workflowName: newest.name ?? "workflow",
        headBranch: newest.head_branch,
        headSha: newest.head_sha,
        url: newest.html_url,
        event: newest.event,
      };
    },
    async defaultBranch(repo) {
      const { data } = await octokit.rest.repos.get({ ...repoOf(repo) });
      return z.object({ default_branch: z.string().min(1) }).parse(data).default_branch;
    },
    findCommitComment,
    async upsertCommitComment(repo, sha, kind, key, body) {
      const text = finalizeComment(commentMarker(kind, key), body, { redactText: options.redactText });
      const existing = await findCommitComment(repo, sha, kind, key);
      if (existing) {
        if (existing.body === text) return { ...existing, created: false };
        const { data } = await octokit.rest.repos.updateCommitComment({
          ...repoOf(repo),
          comment_id: existing.id,
          body: text,
        });
        const c = CommitComment.parse(data);
        return { id: c.id, url: c.html_url, body: c.body, created: false };
      }
      const { data } = await octokit.rest.repos.createCommitComment({
        ...repoOf(repo),
        commit_sha: sha,
        body: text,
      });
      const c = CommitComment.parse(data);
      return { id: c.id, url: c.html_url, body: c.body, created: true };
    },
  };
}
