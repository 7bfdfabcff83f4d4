import { z } from "zod";
import type { Job } from "../jobs/types.js";
import { jobBase, parsePayload } from "./payloads.js";
import type { HandlerDeps, HandlerEvent } from "./types.js";

const RepoId = z.object({ id: z.number() });

const WorkflowRunPayload = z.object({
  installation: z.object({ id: z.number().int().positive() }),
  repository: z.object({
    id: z.number(),
    name: z.string().min(1),
    full_name: z.string().min(1),
    default_branch: z.string().min(1),
    owner: z.object({ login: z.string().min(1) }),
  }),
  sender: z.object({ login: z.string().min(1) }),
  workflow_run: z.object({
    id: z.number().int().positive(),
    name: z.string().nullish(),
    run_attempt: z.number().int().positive().optional(),
    conclusion: z.string().nullable(),
    event: z.string(),
    head_branch: z.string().nullable(),
    head_sha: z.string().regex(/^[0-9a-f]{40}$/),
    html_url: z.string(),
    path: z.string().optional(),
    display_title: z.string().optional(),
    head_commit: z.object({ message: z.string() }).nullish(),
    head_repository: z.object({ full_name: z.string() }).nullable(),
    pull_requests: z.array(
      z.object({
        number: z.number().int().positive(),
        head: z.object({ ref: z.string(), repo: RepoId }),
        base: z.object({ repo: RepoId }),
      }),
    ),
  }),
});

/** A failed workflow run → one diagnosis job. Runs the app cannot tie to a branch of this repository are ignored. */
export function onWorkflowRunCompleted(deps: HandlerDeps) {
  return async (event: HandlerEvent): Promise<void> => {
    const payload = parsePayload(WorkflowRunPayload, event);
    if (!payload) return;
    const { repository, workflow_run: run } = payload;
    const conclusion = run.conclusion;
    // Cancelled and timed-out runs end only an apply: its comment must not stay "waiting" forever.
    const stopped = conclusion === "cancelled" || conclusion === "timed_out";
    if (conclusion !== "failure" && conclusion !== "success" && !stopped) return;
    const ignore = (why: string) => event.log.info({ delivery: event.id, run: run.id }, `ignored: ${why}`);
    if (run.head_branch === null) return ignore("the run has no branch");
    // A fork's branch is not ours to read with our token's trust nor to push to.
    if (run.head_repository?.full_name.toLowerCase() !== repository.full_name.toLowerCase()) {
      return ignore("the run's head is in another repository");
    }
    // The default branch's scheduled or dispatched runs may be the drift check; the job reads the config.
    if (
      (run.event === "schedule" || run.event === "workflow_dispatch") &&
      run.head_branch === repository.default_branch &&
      run.path
    ) {
      if (!stopped)
        await deps.enqueue({
          id: `${event.id}:drift-${run.id}-${run.run_attempt ?? 1}`,
          ...jobBase(event, deps, payload, { number: 0, isPullRequest: false }),
          kind: "drift-run",
          runId: run.id,
          runAttempt: run.run_attempt ?? 1,
          workflowPath: run.path,
          headSha: run.head_sha,
          runUrl: run.html_url,
        });
      // The apply template names its runs "devops-agent apply <root> (PR <n>)": the PR whose apply comment
      // the app finishes. The job believes only the Action's record of this run id in the plan comment.
      const title = /^devops-agent apply (.{1,200}) \(PR (\d{1,9})\)$/.exec(run.display_title ?? "");
      const applyPr = title?.[2];
      if (run.event === "workflow_dispatch" && applyPr)
        await deps.enqueue({
          id: `${event.id}:apply-${run.id}-${run.run_attempt ?? 1}`,
          ...jobBase(event, deps, payload, { number: Number(applyPr), isPullRequest: true }),
          kind: "apply-run",
          runId: run.id,
          root: title?.[1] ?? null,
          workflowPath: run.path,
          conclusion,
          runUrl: run.html_url,
        });
    }
    if (stopped) return;
    const pr = run.pull_requests.find(
      (p) =>
        p.head.repo.id === repository.id &&
        p.base.repo.id === repository.id &&
        p.head.ref === run.head_branch,
    );
    if (run.conclusion === "success") {
      // Feedback for learning: the commit that made a diagnosed branch pass again.
      await deps.enqueue({
        id: `${event.id}:passed-${run.id}-${run.run_attempt ?? 1}`,
        ...jobBase(event, deps, payload, { number: pr?.number ?? 0, isPullRequest: pr !== undefined }),
        kind: "run-succeeded",
        runId: run.id,
        workflowName: run.name ?? "workflow",
        headBranch: run.head_branch,
        headSha: run.head_sha,
        message: run.head_commit?.message ?? "",
      });
      return;
    }
    const job: Job = {
      id: `${event.id}:run-${run.id}-${run.run_attempt ?? 1}`,
      ...jobBase(event, deps, payload, { number: pr?.number ?? 0, isPullRequest: pr !== undefined }),
      kind: "diagnose-run",
      runId: run.id,
      runAttempt: run.run_attempt ?? 1,
      workflowName: run.name ?? "workflow",
      runUrl: run.html_url,
      headBranch: run.head_branch,
      headSha: run.head_sha,
      prNumber: pr?.number ?? null,
      event: run.event,
      defaultBranch: repository.default_branch,
    };
    if (!(await deps.enqueue(job))) event.log.info({ delivery: event.id }, "ignored: duplicate delivery");
  };
}
