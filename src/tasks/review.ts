import { isTerraformFile } from "../adapters/terraform/index.js";
import type { PullRequestInfo } from "../adapters/github/index.js";
import { annotationsOf, renderReviewSummary, reviewTitle } from "../core/review/index.js";
import type { ReviewConclusion } from "../core/review/index.js";
import { executablePolicy } from "../core/terraform/executable/index.js";
import { reviewTree } from "../validation/review.js";
import { withHead } from "./checkout.js";
import type { CommandTask, TaskContext, TaskResult } from "./types.js";

/** The check run's name: what branch protection lists as a required check. */
export const REVIEW_CHECK = "devops-agent review";

export interface ReviewOutcome {
  conclusion: ReviewConclusion;
  title: string;
  url: string;
}

/**
 * Reviews a pull request's head as a check run: validator findings, the security table and cost-relevant
 * resources, annotated on the files the PR changes. The code is only read (parsed and checked offline),
 * never run, so a fork's pull request is reviewed like any other.
 */
export async function reviewPullRequest(ctx: TaskContext, pr: PullRequestInfo): Promise<ReviewOutcome> {
  const repo = { owner: ctx.thread.owner, repo: ctx.thread.repo };
  const files = await ctx.github.pullRequestFiles(ctx.thread);
  const changed = files.filter((f) => f.status !== "removed").map((f) => f.path);
  const check = await ctx.github.startCheckRun(repo, REVIEW_CHECK, pr.headSha);
  if (!files.some((f) => isTerraformFile(f.path))) {
    const title = "No Terraform files in this change";
    const summary = `## ✅ Nothing to review\n\nThis pull request changes ${files.length} file(s), none of them Terraform (\`.tf\`, \`.tf.json\`).\n`;
    await ctx.github.completeCheckRun(repo, check.id, {
      conclusion: "success",
      title,
      summary,
      annotations: [],
    });
    return { conclusion: "success", title, url: check.url };
  }
  try {
    const report = await withHead(ctx, pr, (dir) =>
      reviewTree({ root: dir, changed, policy: executablePolicy(ctx.config) }),
    );
    const title = reviewTitle(report);
    await ctx.github.completeCheckRun(repo, check.id, {
      conclusion: report.conclusion,
      title,
      summary: renderReviewSummary(report),
      annotations: annotationsOf(report),
    });
    return { conclusion: report.conclusion, title, url: check.url };
  } catch (error) {
    // A review that could not run must not pass a required check, nor stay "in progress" for ever.
    const reason = ctx.redactor.redact(error instanceof Error ? error.message : String(error));
    await ctx.github.completeCheckRun(repo, check.id, {
      conclusion: "failure",
      title: "The review could not run",
      summary: `## ❌ The review could not run\n\n${reason.replace(/[<>]/g, "")}\n\nComment \`/agent review\` to try again.\n`,
      annotations: [],
    });
    throw error;
  }
}

const ICON: Record<ReviewConclusion, string> = { success: "✅", neutral: "⚠️", failure: "❌" };

/** `/agent review`: the check run, and a short reply pointing at it. */
export const reviewTask: CommandTask = {
  name: "review",
  usage: "/agent review",
  summary: "Reviews this PR's Terraform (validator, security, cost) as a check run with line annotations.",
  where: "pull-requests",
  async run(ctx: TaskContext): Promise<TaskResult> {
    const pr = await ctx.github.pullRequest(ctx.thread);
    const outcome = await reviewPullRequest(ctx, pr);
    const link = outcome.url ? `[${REVIEW_CHECK}](${outcome.url})` : `the **${REVIEW_CHECK}** check`;
    await ctx.github.upsertComment(
      ctx.thread,
      "review",
      ctx.thread.number,
      `${ICON[outcome.conclusion]} Reviewed \`${pr.headSha.slice(0, 7)}\`: ${outcome.title}. Details and line annotations: ${link}.`,
    );
    return { outcome: "done", detail: outcome.conclusion };
  },
};

/** `review.auto`: a pull request was opened or pushed to; review its head unless a newer push superseded it. */
export async function autoReview(ctx: TaskContext, headSha: string): Promise<TaskResult> {
  const pr = await ctx.github.pullRequest(ctx.thread);
  if (pr.headSha !== headSha)
    return { outcome: "nothing-to-do", detail: "head moved; the newer push is reviewed" };
  if (pr.state !== "open") return { outcome: "nothing-to-do", detail: "pull request closed" };
  const outcome = await reviewPullRequest(ctx, pr);
  return { outcome: "done", detail: outcome.conclusion };
}
