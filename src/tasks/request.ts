import type { AgentCommand } from "../core/commands/index.js";
import { pullRequestTitle } from "../core/pr/index.js";
import { createProgress } from "./change/progress.js";
import { performChange, type Step } from "./change/perform.js";
import type { ChangeOutcome } from "./change/types.js";
import type { CommandTask, TaskContext, TaskResult } from "./types.js";

const STEPS: Record<Step, string> = {
  read: "Read the repository's Terraform and conventions",
  write: "Wrote the change",
  validate: "Checked it offline (HCL, format, AWS provider schema)",
  deliver: "Opened the pull request",
};

/** Free text after `/agent`, or a labelled issue: the agent changes the infrastructure code. */
export const requestTask: CommandTask = {
  name: "request",
  usage: "/agent <what you need>",
  summary: "On an issue: opens a PR with the change. On a PR: pushes a commit to its branch.",
  where: "both",
  async run(ctx: TaskContext, command: AgentCommand): Promise<TaskResult> {
    const request = command.name === "request" ? command.text : "";
    const outcome = ctx.job.isPullRequest ? await onPullRequest(ctx, request) : await onIssue(ctx, request);
    if (outcome === null) return { outcome: "declined", detail: "fork pull request" };
    return {
      outcome: outcome.status === "pr-opened" || outcome.status === "pushed" ? "done" : "declined",
      detail: outcome.status,
      llm: outcome.llm,
    };
  },
};

async function onIssue(ctx: TaskContext, request: string): Promise<ChangeOutcome> {
  const progress = createProgress(ctx, Object.values(STEPS));
  const outcome = await performChange(
    ctx,
    {
      request,
      origin: { kind: "issue", number: ctx.thread.number },
      base: { branch: null },
      delivery: {
        kind: "new-pr",
        title: pullRequestTitle(request, (t) => ctx.redactor.redact(t)),
        closes: ctx.thread.number,
      },
    },
    (step, state) => progress.set(STEPS[step], state),
  );
  await progress.finish(outcome.message);
  return outcome;
}

async function onPullRequest(ctx: TaskContext, request: string): Promise<ChangeOutcome | null> {
  const pr = await ctx.github.pullRequest(ctx.thread);
  const say = (body: string) => ctx.github.upsertComment(ctx.thread, "change", ctx.thread.number, body);
  if (pr.isFork) {
    await say(
      "This pull request's branch lives in a fork, and I can only push to branches of this repository. " +
        "Ask the author to apply the change, or open an issue with the request and I will propose a separate PR.",
    );
    return null;
  }
  const outcome = await performChange(ctx, {
    request,
    origin: { kind: "pull_request", number: ctx.thread.number },
    base: { branch: pr.headRef },
    delivery: { kind: "push", branch: pr.headRef },
  });
  await say(outcome.message);
  return outcome;
}
