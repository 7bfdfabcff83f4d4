import type { CheckAnnotation, ReviewConclusion } from "../../core/review/index.js";
import { batches } from "../../core/review/index.js";
import type { Octokit } from "./port.js";
import type { RepoRef, ThreadRef } from "./types.js";

/** A pull request file as the review needs it. */
export interface PullFile {
  path: string;
  status: string;
  /** The old path of a renamed file. */
  previous?: string;
}

export interface CheckOutput {
  conclusion: ReviewConclusion;
  title: string;
  summary: string;
  annotations: readonly CheckAnnotation[];
}

/** Check runs (an app may annotate lines without a workflow's per-step limits) and PR files. */
export interface ChecksApi {
  /** The files a pull request changes (GitHub lists at most 3,000). */
  pullRequestFiles(thread: ThreadRef): Promise<PullFile[]>;
  /** Starts a check run on `headSha` as in progress; returns its id and page. */
  startCheckRun(repo: RepoRef, name: string, headSha: string): Promise<{ id: number; url: string }>;
  /** Completes it: the first 50 annotations with the conclusion, the rest in follow-up updates of 50. */
  completeCheckRun(repo: RepoRef, id: number, output: CheckOutput): Promise<void>;
}

const MAX_FILES = 3000;

export function createChecksApi(octokit: Octokit, now: () => number = Date.now): ChecksApi {
  return {
    async pullRequestFiles(thread) {
      const out: PullFile[] = [];
      const iterator = octokit.paginate.iterator(octokit.rest.pulls.listFiles, {
        owner: thread.owner,
        repo: thread.repo,
        pull_number: thread.number,
        per_page: 100,
      });
      for await (const page of iterator) {
        for (const file of page.data)
          out.push({
            path: file.filename,
            status: file.status,
            ...(file.previous_filename ? { previous: file.previous_filename } : {}),
          });
        if (out.length >= MAX_FILES) break;
      }
      return out;
    },
    async startCheckRun(repo, name, headSha) {
      const { data } = await octokit.rest.checks.create({
        owner: repo.owner,
        repo: repo.repo,
        name,
        head_sha: headSha,
        status: "in_progress",
        started_at: new Date(now()).toISOString(),
      });
      return { id: data.id, url: data.html_url ?? "" };
    },
    async completeCheckRun(repo, id, output) {
      const [first = [], ...rest] = batches(output.annotations);
      const text = { title: output.title, summary: output.summary };
      // Annotations are appended by each update; the conclusion goes with the first, so a crash midway
      // still leaves a finished check with its verdict.
      await octokit.rest.checks.update({
        owner: repo.owner,
        repo: repo.repo,
        check_run_id: id,
        status: "completed",
        conclusion: output.conclusion,
        completed_at: new Date(now()).toISOString(),
        output: { ...text, annotations: [...first] },
      });
      for (const batch of rest) {
        await octokit.rest.checks.update({
          owner: repo.owner,
          repo: repo.repo,
          check_run_id: id,
          output: { ...text, annotations: [...batch] },
        });
      }
    },
  };
}
