import type { AgentPullRequest } from "../adapters/github/index.js";
import type { CommandTask, TaskContext, TaskResult } from "./types.js";
import { acceptance, renderAcceptance } from "../core/lessons/index.js";
import { recordFeedback, repoKey } from "./learning/context.js";
import { harvestReactions, recordPlanComments } from "./learning/reactions.js";

/** Acceptance per month from the feedback store, with reactions on the agent's comments read now (no webhook exists). */
async function recordedAcceptance(ctx: TaskContext): Promise<string> {
  if (!ctx.feedback || !ctx.config.learning.enabled) return "";
  await recordPlanComments(ctx);
  const before = await ctx.feedback.list(repoKey(ctx));
  await recordFeedback(ctx, await harvestReactions(ctx, before));
  return renderAcceptance(acceptance(await ctx.feedback.list(repoKey(ctx))));
}

const LIMIT = 200;
const INSPECT = 20;

/** Acceptance of the agent's work in this repository, computed from GitHub itself: no server-side store. */
export function renderStats(prs: readonly AgentPullRequest[]): string {
  const count = (state: AgentPullRequest["state"]) => prs.filter((p) => p.state === state).length;
  const merged = count("merged");
  const closed = count("closed");
  const decided = merged + closed;
  const inspected = prs.filter((p) => p.humanCommits !== null);
  const edited = inspected.filter((p) => (p.humanCommits ?? 0) > 0).length;
  const rate =
    decided === 0 ? "no decided pull requests yet" : `${Math.round((merged / decided) * 100)}% merged`;
  return [
    "### 📊 devops-agent in this repository",
    "",
    "| | pull requests |",
    "| --- | --- |",
    `| opened by the agent | ${prs.length}${prs.length >= LIMIT ? "+" : ""} |`,
    `| merged | ${merged} |`,
    `| closed without merging | ${closed} |`,
    `| still open | ${count("open")} |`,
    "",
    `**Acceptance:** ${rate}.`,
    inspected.length === 0
      ? ""
      : `**Human corrections:** ${edited} of the last ${inspected.length} decided pull requests had commits from people on top of the agent's.`,
  ]
    .filter((line, i, all) => line !== "" || all[i - 1] !== "")
    .join("\n")
    .trim();
}

export const statsTask: CommandTask = {
  name: "stats",
  usage: "/agent stats",
  summary: "Shows how many of the agent's PRs were merged, closed, or corrected by people.",
  where: "both",
  async run(ctx: TaskContext): Promise<TaskResult> {
    const prs = await ctx.github.agentPullRequests(ctx.thread, { limit: LIMIT, inspect: INSPECT });
    const overTime = await recordedAcceptance(ctx);
    const body = overTime ? `${renderStats(prs)}\n\n${overTime}` : renderStats(prs);
    await ctx.github.upsertComment(ctx.thread, "stats", ctx.thread.number, body);
    return { outcome: "done", detail: `${prs.length} agent pull requests` };
  },
};
