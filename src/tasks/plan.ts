import type { AgentCommand } from "../core/commands/index.js";
import { repoWebUrl } from "../connect.js";
import type { CommandTask, TaskContext, TaskResult } from "./types.js";

export const PLAN_TEMPLATE = "templates/workflows/devops-agent-plan.yml";

/** `/agent plan [dir]`: run the repository's plan workflow (GitHub Actions, OIDC role) on the PR head. */
export const planTask: CommandTask = {
  name: "plan",
  usage: "/agent plan [dir]",
  summary: "Runs `terraform plan` in GitHub Actions (AWS role via OIDC) and posts the plan here.",
  where: "pull-requests",
  async run(ctx: TaskContext, command: AgentCommand): Promise<TaskResult> {
    const dir = command.name === "plan" ? command.dir : null;
    const say = (body: string) =>
      ctx.github.upsertComment(ctx.thread, "plan-request", ctx.thread.number, body);
    const pr = await ctx.github.pullRequest(ctx.thread);
    if (pr.isFork) {
      await say(forkMessage(pr.headRepo));
      return { outcome: "declined", detail: "fork pull request" };
    }
    if (pr.state !== "open") {
      await say("This pull request is closed, so I did not start a plan. Reopen it first.");
      return { outcome: "declined", detail: "closed pull request" };
    }
    const workflow = ctx.config.plan.workflow;
    const inputs: Record<string, string> = { pr: String(pr.number), root: dir ?? "" };
    const dispatch = await ctx.github.dispatchWorkflow(ctx.thread, workflow, pr.headRef, inputs);
    if (dispatch.status === "missing-workflow") {
      await say(missingWorkflowMessage(workflow));
      return { outcome: "declined", detail: "plan workflow missing" };
    }
    const runs = `${repoWebUrl(ctx.workspaces, ctx.thread.owner, ctx.thread.repo)}/actions/workflows/${workflow}`;
    const link = dispatch.runUrl
      ? `[run ${dispatch.runId ?? ""}](${dispatch.runUrl})`
      : `[the workflow's runs](${runs})`;
    await say(
      [
        `🚀 Started \`terraform plan\`${dir ? ` for \`${dir}\`` : " for every Terraform root"} on \`${pr.headRef}\` (${pr.headSha.slice(0, 7)}): ${link}.`,
        "",
        "The plan will appear as a comment on this pull request when the run finishes.",
      ].join("\n"),
    );
    return { outcome: "done", detail: dispatch.runUrl ?? "dispatched" };
  },
};

function forkMessage(headRepo: string | null): string {
  return [
    `This pull request comes from a fork (${headRepo ? `\`${headRepo}\`` : "a deleted repository"}), so I will not plan it.`,
    "",
    "`terraform plan` runs provider and `external` data-source code with this repository's AWS role: running a",
    "fork's code with it would hand those credentials to code nobody here has reviewed. A maintainer can review the",
    "change, push it to a branch in this repository, and run `/agent plan` on that pull request.",
  ].join("\n");
}

function missingWorkflowMessage(workflow: string): string {
  return [
    `I could not find the plan workflow \`.github/workflows/${workflow}\` on the default branch.`,
    "",
    "To add it:",
    `1. Copy \`${PLAN_TEMPLATE}\` from aws-devops-agent into \`.github/workflows/${workflow}\`.`,
    "2. Create the read-only plan role with `templates/aws-oidc/` and put its ARN in the workflow.",
    "3. Merge it to the default branch, then comment `/agent plan` again.",
    "",
    "Using another file name? Set `plan.workflow` in `.github/devops-agent.yml`.",
  ].join("\n");
}
