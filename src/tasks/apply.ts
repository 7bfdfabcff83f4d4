import type { AgentCommand } from "../core/commands/index.js";
import { choosePlan, planRunRefusal } from "../core/apply/gate.js";
import {
  applyStarted,
  gateRefusal,
  missingApplyWorkflow,
  permissionRefusal,
} from "../core/apply/messages.js";
import { atLeast } from "../adapters/github/index.js";
import { repoWebUrl } from "../connect.js";
import type { CommandTask, TaskContext, TaskResult } from "./types.js";

/**
 * `/agent apply [dir]`: by someone with `apply.permission`, on a pull request whose head has a successful
 * plan from the plan workflow for that root, dispatch the apply workflow on the default branch. The apply
 * itself waits for the environment's reviewers and re-checks everything on the runner.
 */
export const applyTask: CommandTask = {
  name: "apply",
  usage: "/agent apply [dir]",
  summary:
    "Applies this pull request's saved plan for one root, after its environment's reviewers approve (maintainers).",
  where: "pull-requests",
  async run(ctx: TaskContext, command: AgentCommand): Promise<TaskResult> {
    const dir = command.name === "apply" ? command.dir : null;
    const key = dir ?? "request";
    const say = (body: string) => ctx.github.upsertComment(ctx.thread, "apply", key, body);
    const decline = async (body: string, detail: string): Promise<TaskResult> => {
      await say(body);
      return { outcome: "declined", detail };
    };
    // 1. Applying needs more than driving the agent: `apply.permission`, maintain by default.
    const needs = ctx.config.apply.permission;
    const has = await ctx.github.permissionOf(ctx.thread, ctx.job.sender);
    if (!atLeast(has, needs)) return decline(permissionRefusal(ctx.job.sender, has, needs), "permission");
    // 2. An open pull request from this repository.
    const pr = await ctx.github.pullRequest(ctx.thread);
    if (pr.isFork) return decline(gateRefusal("this pull request comes from a fork."), "fork pull request");
    if (pr.state !== "open") return decline(gateRefusal("this pull request is closed."), "closed");
    // 3. A plan recorded by the plan workflow's account for the current head, and a run that backs it.
    const chosen = choosePlan(await ctx.github.threadComments(ctx.thread), {
      root: dir,
      headSha: pr.headSha,
      planAuthor: ctx.config.apply.planAuthor,
    });
    if (!chosen.ok) return decline(gateRefusal(chosen.reason), chosen.code);
    const { record } = chosen;
    const repo = { owner: ctx.thread.owner, repo: ctx.thread.repo };
    const run = await ctx.github.workflowRun(repo, record.runId);
    const runRefusal = run
      ? planRunRefusal(run, record, {
          workflowFile: ctx.config.plan.workflow,
          repository: `${repo.owner}/${repo.repo}`,
        })
      : `plan run ${record.runId} does not exist (any more).`;
    if (runRefusal || !run) return decline(gateRefusal(runRefusal ?? "no plan run"), "plan run");
    // 4. The apply workflow, from the default branch (its definition is the reviewed one).
    const workflow = ctx.config.apply.workflow;
    const dispatch = await ctx.github.dispatchWorkflow(
      ctx.thread,
      workflow,
      await ctx.github.defaultBranch(repo),
      {
        pr: String(pr.number),
        sha: record.sha,
        root: record.root,
        "plan-run-id": String(record.runId),
        "plan-sha256": record.planSha256,
      },
    );
    if (dispatch.status === "missing-workflow")
      return decline(missingApplyWorkflow(workflow), "apply workflow missing");
    const web = repoWebUrl(ctx.workspaces, repo.owner, repo.repo);
    await ctx.github.upsertComment(
      ctx.thread,
      "apply",
      key,
      applyStarted({
        record,
        planUrl: chosen.commentUrl,
        planRunUrl: run.url,
        runUrl: dispatch.runUrl,
        workflowRunsUrl: `${web}/actions/workflows/${workflow}`,
        environment: ctx.config.apply.environment,
      }),
    );
    return { outcome: "done", detail: dispatch.runUrl ?? "dispatched" };
  },
};
