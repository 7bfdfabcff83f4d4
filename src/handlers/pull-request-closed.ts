import { z } from "zod";
import { AGENT_BRANCH_PREFIX } from "../adapters/workspace/index.js";
import { appliedLessonIds } from "../core/lessons/index.js";
import { jobBase, parsePayload } from "./payloads.js";
import type { HandlerDeps, HandlerEvent } from "./types.js";

const ClosedPayload = z.object({
  installation: z.object({ id: z.number().int().positive() }),
  repository: z.object({ name: z.string(), full_name: z.string(), owner: z.object({ login: z.string() }) }),
  sender: z.object({ login: z.string() }),
  pull_request: z.object({
    number: z.number().int().positive(),
    merged: z.boolean().nullable().optional(),
    body: z.string().nullable().optional(),
    base: z.object({ sha: z.string() }),
    head: z.object({
      ref: z.string(),
      sha: z.string(),
      repo: z.object({ full_name: z.string() }).nullable(),
    }),
  }),
});

/** One of the agent's PRs was merged or closed: feedback on its work. Other PRs are not ours to judge. */
export function onPullRequestClosed(deps: HandlerDeps) {
  return async (event: HandlerEvent): Promise<void> => {
    const p = parsePayload(ClosedPayload, event);
    if (!p) return;
    const ours =
      p.pull_request.head.ref.startsWith(AGENT_BRANCH_PREFIX) &&
      p.pull_request.head.repo?.full_name.toLowerCase() === p.repository.full_name.toLowerCase();
    if (!ours) return;
    await deps.enqueue({
      id: `${event.id}:closed`,
      ...jobBase(event, deps, p, { number: p.pull_request.number, isPullRequest: true }),
      kind: "agent-pr-closed",
      merged: p.pull_request.merged === true,
      headRef: p.pull_request.head.ref,
      baseSha: p.pull_request.base.sha,
      headSha: p.pull_request.head.sha,
      lessonsApplied: appliedLessonIds(p.pull_request.body ?? ""),
    });
  };
}
