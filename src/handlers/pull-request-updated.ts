import { z } from "zod";
import { jobBase, parsePayload } from "./payloads.js";
import type { HandlerDeps, HandlerEvent } from "./types.js";

const UpdatedPayload = z.object({
  action: z.string(),
  installation: z.object({ id: z.number().int().positive() }),
  repository: z.object({ name: z.string(), owner: z.object({ login: z.string() }) }),
  sender: z.object({ login: z.string() }),
  pull_request: z.object({
    number: z.number().int().positive(),
    state: z.string(),
    head: z.object({ sha: z.string().regex(/^[0-9a-f]{40}$/) }),
  }),
});

/**
 * `pull_request.opened`/`synchronize`/`reopened`: a head to review when the repo turned `review.auto` on
 * (the processor checks the config; the task checks the PR touches Terraform). One job per head commit.
 */
export function onPullRequestUpdated(deps: HandlerDeps) {
  return async (event: HandlerEvent): Promise<void> => {
    const p = parsePayload(UpdatedPayload, event);
    if (!p || p.pull_request.state !== "open") return;
    await deps.enqueue({
      id: `${event.id}:review`,
      ...jobBase(event, deps, p, { number: p.pull_request.number, isPullRequest: true }),
      kind: "review-pr",
      headSha: p.pull_request.head.sha,
    });
  };
}
