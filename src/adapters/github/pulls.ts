import { z } from "zod";
import type { Octokit } from "./port.js";
import { statusOf } from "./status.js";
import type { PullRequestInfo, ThreadRef, WorkflowDispatch } from "./types.js";

const PullSchema = z.object({
  number: z.number(),
  state: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  html_url: z.string(),
  head: z.object({ ref: z.string(), sha: z.string(), repo: z.object({ full_name: z.string() }).nullable() }),
  base: z.object({ ref: z.string(), repo: z.object({ full_name: z.string() }) }),
});

export async function getPullRequest(octokit: Octokit, thread: ThreadRef): Promise<PullRequestInfo> {
  const { data } = await octokit.rest.pulls.get({
    owner: thread.owner,
    repo: thread.repo,
    pull_number: thread.number,
  });
  const pr = PullSchema.parse(data);
  // A deleted fork has no head repository: treat it as foreign.
  const headRepo = pr.head.repo?.full_name ?? null;
  return {
    number: pr.number,
    state: pr.state,
    title: pr.title,
    body: pr.body ?? "",
    url: pr.html_url,
    headRef: pr.head.ref,
    headSha: pr.head.sha,
    headRepo,
    baseRef: pr.base.ref,
    isFork: headRepo === null || headRepo.toLowerCase() !== pr.base.repo.full_name.toLowerCase(),
  };
}

const DispatchSchema = z.object({ workflow_run_id: z.number(), html_url: z.string() });

export async function dispatchWorkflow(
  octokit: Octokit,
  thread: ThreadRef,
  file: string,
  ref: string,
  inputs: Record<string, string>,
): Promise<WorkflowDispatch> {
  const repo = { owner: thread.owner, repo: thread.repo };
  try {
    await octokit.rest.actions.getWorkflow({ ...repo, workflow_id: file });
  } catch (error) {
    if (statusOf(error) === 404) return { status: "missing-workflow" };
    throw error;
  }
  const response = await octokit.request(
    "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",
    {
      ...repo,
      workflow_id: file,
      ref,
      inputs,
      return_run_details: true,
    },
  );
  // Older GitHub Enterprise Server versions answer 204 without run details.
  const details = DispatchSchema.safeParse(response.data);
  return details.success
    ? { status: "dispatched", runId: details.data.workflow_run_id, runUrl: details.data.html_url }
    : { status: "dispatched", runId: null, runUrl: null };
}

const CreatedSchema = z.object({ number: z.number(), html_url: z.string() });

export interface PullRequestDraft {
  title: string;
  body: string;
  head: string;
  base: string;
}

/** Opens the PR, or updates the open one already proposed from `head` (a re-run converges). */
export async function proposePullRequest(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  draft: PullRequestDraft,
): Promise<{ number: number; url: string; created: boolean }> {
  const ref = { owner: repo.owner, repo: repo.repo };
  const { data: open } = await octokit.rest.pulls.list({
    ...ref,
    head: `${repo.owner}:${draft.head}`,
    state: "open",
    per_page: 1,
  });
  const existing = z.array(CreatedSchema).parse(open)[0];
  if (existing) {
    await octokit.rest.pulls.update({
      ...ref,
      pull_number: existing.number,
      title: draft.title,
      body: draft.body,
    });
    return { number: existing.number, url: existing.html_url, created: false };
  }
  const { data } = await octokit.rest.pulls.create({ ...ref, ...draft, maintainer_can_modify: true });
  const created = CreatedSchema.parse(data);
  return { number: created.number, url: created.html_url, created: true };
}
