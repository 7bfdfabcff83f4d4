import { z } from "zod";
import type { PlanComment, PlanRunFacts } from "../../core/apply/gate.js";
import type { Octokit } from "./port.js";
import { statusOf } from "./status.js";
import type { RepoRef, ThreadRef } from "./types.js";

/** What `/agent apply` reads before dispatching: who wrote which comment, and what a plan run was. */
export interface ApplyApi {
  /** Every comment on the thread with its author (capped at 1,000). */
  threadComments(thread: ThreadRef): Promise<PlanComment[]>;
  /** A workflow run as the Actions API describes it; null when there is none. */
  workflowRun(repo: RepoRef, runId: number): Promise<PlanRunFacts | null>;
}

const CommentSchema = z.object({
  html_url: z.string(),
  body: z.string().nullish(),
  user: z.object({ login: z.string() }).nullish(),
});
const RunSchema = z.object({
  id: z.number(),
  head_sha: z.string(),
  status: z.string().nullable(),
  conclusion: z.string().nullable(),
  path: z.string().default(""),
  html_url: z.string(),
  repository: z.object({ full_name: z.string() }),
});

const MAX_COMMENTS = 1000;

export function createApplyApi(octokit: Octokit): ApplyApi {
  return {
    async threadComments(thread) {
      const out: PlanComment[] = [];
      const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner: thread.owner,
        repo: thread.repo,
        issue_number: thread.number,
        per_page: 100,
      });
      for await (const page of iterator) {
        for (const raw of page.data) {
          const c = CommentSchema.parse(raw);
          out.push({ author: c.user?.login ?? "", body: c.body ?? "", url: c.html_url });
        }
        if (out.length >= MAX_COMMENTS) break;
      }
      return out;
    },
    async workflowRun(repo, runId) {
      try {
        const { data } = await octokit.rest.actions.getWorkflowRun({
          owner: repo.owner,
          repo: repo.repo,
          run_id: runId,
        });
        const run = RunSchema.parse(data);
        return {
          id: run.id,
          headSha: run.head_sha,
          status: run.status ?? "",
          conclusion: run.conclusion,
          path: run.path,
          repository: run.repository.full_name,
          url: run.html_url,
        };
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw error;
      }
    },
  };
}
