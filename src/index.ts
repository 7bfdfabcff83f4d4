import type { ApplicationFunction, Context } from "probot";
import { onIssueCommentCreated } from "./handlers/issue-comment-created.js";
import { onPullRequestClosed } from "./handlers/pull-request-closed.js";
import { onPullRequestUpdated } from "./handlers/pull-request-updated.js";
import { onIssueLabeled } from "./handlers/issues-labeled.js";
import { onIssueOpened } from "./handlers/issues-opened.js";
import { onInstallation } from "./handlers/installation.js";
import { onWorkflowRunCompleted } from "./handlers/workflow-run-completed.js";
import { onPullRequestReview, onPullRequestReviewComment } from "./handlers/pull-request-review.js";
import type { HandlerDeps, HandlerEvent } from "./handlers/types.js";

/** Registers one handler per event.action. Handlers only enqueue jobs, so GitHub gets its answer at once. */
export function createApp(deps: HandlerDeps): ApplicationFunction {
  const view = (context: Context): HandlerEvent => ({
    id: context.id,
    name: context.name,
    payload: context.payload,
    log: deps.log,
  });
  return (app) => {
    const commentCreated = onIssueCommentCreated(deps);
    const issueOpened = onIssueOpened(deps);
    const issueLabeled = onIssueLabeled(deps);
    const runCompleted = onWorkflowRunCompleted(deps);
    const prClosed = onPullRequestClosed(deps);
    const prUpdated = onPullRequestUpdated(deps);
    const review = onPullRequestReview(deps);
    const reviewComment = onPullRequestReviewComment(deps);
    const installed = onInstallation(deps);
    app.on("issue_comment.created", (context) => commentCreated(view(context)));
    app.on("issues.opened", (context) => issueOpened(view(context)));
    app.on("issues.labeled", (context) => issueLabeled(view(context)));
    app.on("workflow_run.completed", (context) => runCompleted(view(context)));
    app.on("pull_request.closed", (context) => prClosed(view(context)));
    app.on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"], (context) =>
      prUpdated(view(context)),
    );
    app.on("pull_request_review.submitted", (context) => review(view(context)));
    app.on("pull_request_review_comment.created", (context) => reviewComment(view(context)));
    app.on(["installation.created", "installation_repositories.added"], (context) =>
      installed(view(context)),
    );
  };
}
