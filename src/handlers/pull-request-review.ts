import { z } from "zod";
import { AGENT_BRANCH_PREFIX } from "../adapters/workspace/index.js";
import { LESSONS_BRANCH } from "../core/lessons/index.js";
import { isBot, jobBase, parsePayload } from "./payloads.js";
import type { HandlerDeps, HandlerEvent } from "./types.js";

const Account = z.object({ login: z.string().min(1), type: z.string() });
const Pull = z.object({
  number: z.number().int().positive(),
  head: z.object({ ref: z.string(), repo: z.object({ full_name: z.string() }).nullable() }),
});
const Common = z.object({
  installation: z.object({ id: z.number().int().positive() }),
  repository: z.object({ name: z.string(), full_name: z.string(), owner: z.object({ login: z.string() }) }),
  sender: Account,
  pull_request: Pull,
});
const ReviewPayload = Common.extend({
  review: z.object({
    id: z.number().int().positive(),
    state: z.string(),
    body: z.string().nullable(),
    html_url: z.string(),
  }),
});
const ReviewCommentPayload = Common.extend({
  comment: z.object({
    id: z.number().int().positive(),
    body: z.string(),
    html_url: z.string(),
    path: z.string().nullable().optional(),
  }),
});

const ours = (p: z.infer<typeof Common>) =>
  p.pull_request.head.ref.startsWith(AGENT_BRANCH_PREFIX) &&
  p.pull_request.head.ref !== LESSONS_BRANCH &&
  p.pull_request.head.repo?.full_name.toLowerCase() === p.repository.full_name.toLowerCase();

const STATES = {
  changes_requested: "changes_requested",
  commented: "commented",
  approved: "approved",
  dismissed: "dismissed",
} as const;

/** `pull_request_review.submitted` on one of the agent's PRs: recorded as feedback on its work. */
export function onPullRequestReview(deps: HandlerDeps) {
  return async (event: HandlerEvent): Promise<void> => {
    const p = parsePayload(ReviewPayload, event);
    if (!p || isBot(p.sender) || !ours(p)) return;
    const state = STATES[p.review.state.toLowerCase() as keyof typeof STATES];
    if (!state) return;
    await deps.enqueue({
      id: `${event.id}:review`,
      ...jobBase(event, deps, p, { number: p.pull_request.number, isPullRequest: true }),
      kind: "agent-pr-review",
      reviewId: p.review.id,
      state,
      text: p.review.body ?? "",
      url: p.review.html_url,
      path: null,
    });
  };
}

/** `pull_request_review_comment.created` on one of the agent's PRs: a line-level remark, recorded. */
export function onPullRequestReviewComment(deps: HandlerDeps) {
  return async (event: HandlerEvent): Promise<void> => {
    const p = parsePayload(ReviewCommentPayload, event);
    if (!p || isBot(p.sender) || !ours(p)) return;
    await deps.enqueue({
      id: `${event.id}:review-comment`,
      ...jobBase(event, deps, p, { number: p.pull_request.number, isPullRequest: true }),
      kind: "agent-pr-review",
      reviewId: p.comment.id,
      state: "comment",
      text: p.comment.body,
      url: p.comment.html_url,
      path: p.comment.path ?? null,
    });
  };
}
