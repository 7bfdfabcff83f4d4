import { ONBOARDING_KIND, ONBOARDING_TITLE, onboardingIssueBody } from "../../core/setup/body.js";
import { UnsafeNameError } from "../../core/setup/names.js";
import { cloneRepository } from "../clone.js";
import type { TaskContext, TaskResult } from "../types.js";
import { planSetup } from "./run.js";

/**
 * The app was installed on a repository: one "Set up aws-devops-agent" issue listing what `/agent setup`
 * would add, like Renovate's onboarding. Opened once: an issue the app wrote with the marker is looked up
 * in any state, so a redelivery, a second replica or a reinstall finds it, and one people closed stays
 * closed. Nothing is opened when nothing is missing, or when the operator turned it off (ONBOARDING_ISSUE).
 */
export async function onboardRepository(ctx: TaskContext): Promise<TaskResult> {
  if (ctx.workspaces.onboardingIssue === false)
    return { outcome: "nothing-to-do", detail: "onboarding issues are off (ONBOARDING_ISSUE=false)" };
  const repo = { owner: ctx.thread.owner, repo: ctx.thread.repo };
  const existing = await ctx.github.findOwnedIssue(repo, null, ONBOARDING_KIND, "repo", { state: "all" });
  if (existing)
    return {
      outcome: "nothing-to-do",
      detail: `onboarding issue #${existing.number} exists (${existing.state})`,
    };
  const workspace = await cloneRepository(ctx, { depth: 1 });
  try {
    const setup = await planSetup(ctx, workspace.dir, workspace.defaultBranch).catch((error: unknown) => {
      if (error instanceof UnsafeNameError) return null;
      throw error;
    });
    if (setup === null) return { outcome: "nothing-to-do", detail: "names setup cannot write" };
    if (setup.rendered.files.length === 0) return { outcome: "nothing-to-do", detail: "nothing missing" };
    const issue = await ctx.github.openIssue(repo, {
      kind: ONBOARDING_KIND,
      key: "repo",
      title: ONBOARDING_TITLE,
      body: onboardingIssueBody(setup.items, setup.rendered.roots),
      labels: [],
    });
    return { outcome: "done", detail: `opened onboarding issue #${issue.number}` };
  } finally {
    await workspace.dispose();
  }
}
