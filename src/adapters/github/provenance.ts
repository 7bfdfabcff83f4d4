import { z } from "zod";
import type { Octokit } from "./port.js";
import { statusOf } from "./status.js";
import type { RepoRef } from "./types.js";

/** Where a workflow run came from, as GitHub records it (not as a webhook payload claims). */
export interface RunProvenance {
  event: string;
  headSha: string;
  headBranch: string | null;
  /** `owner/name` of the repository the run's head commit belongs to; null when it was deleted. */
  headRepository: string | null;
  /** Who caused this attempt (a re-run has its own); falls back to the run's actor. */
  triggeringActor: string | null;
}

const RunSchema = z.object({
  event: z.string(),
  head_sha: z.string(),
  head_branch: z.string().nullable(),
  head_repository: z.object({ full_name: z.string() }).nullish(),
  actor: z.object({ login: z.string() }).nullish(),
  triggering_actor: z.object({ login: z.string() }).nullish(),
});
const BranchSchema = z.object({ commit: z.object({ sha: z.string() }) });

export interface ProvenanceApi {
  runProvenance(repo: RepoRef, runId: number): Promise<RunProvenance>;
  /** The commit a branch of this repository points at now; null when there is no such branch. */
  branchHead(repo: RepoRef, branch: string): Promise<string | null>;
}

export function createProvenanceApi(octokit: Octokit): ProvenanceApi {
  return {
    async runProvenance(repo, runId) {
      const { data } = await octokit.rest.actions.getWorkflowRun({
        owner: repo.owner,
        repo: repo.repo,
        run_id: runId,
      });
      const run = RunSchema.parse(data);
      return {
        event: run.event,
        headSha: run.head_sha,
        headBranch: run.head_branch,
        headRepository: run.head_repository?.full_name ?? null,
        triggeringActor: run.triggering_actor?.login ?? run.actor?.login ?? null,
      };
    },
    async branchHead(repo, branch) {
      try {
        const { data } = await octokit.rest.repos.getBranch({ owner: repo.owner, repo: repo.repo, branch });
        return BranchSchema.parse(data).commit.sha;
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw error;
      }
    },
  };
}
