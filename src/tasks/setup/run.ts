import { z } from "zod";
import { isWorkflowPath } from "../../agent/paths.js";
import { loadTemplates } from "../../adapters/templates/index.js";
import {
  SETUP_BRANCH,
  nothingMissingMessage,
  setupOpenedMessage,
  setupPullBody,
} from "../../core/setup/body.js";
import { inspectSetup, type SetupItem } from "../../core/setup/detect.js";
import { UnsafeNameError } from "../../core/setup/names.js";
import { renderSetup, type RenderedSetup } from "../../core/setup/render.js";
import type { SetupFacts } from "../../core/setup/detect.js";
import { cloneRepository } from "../clone.js";
import type { TaskContext, TaskResult } from "../types.js";
import { gatherFacts } from "./facts.js";

export interface SetupPlan {
  facts: SetupFacts;
  items: SetupItem[];
  rendered: RenderedSetup;
}

/** What setup would add to the repository's default branch, from a checkout of it. */
export async function planSetup(ctx: TaskContext, dir: string, defaultBranch: string): Promise<SetupPlan> {
  const repo = { owner: ctx.thread.owner, repo: ctx.thread.repo, defaultBranch };
  const facts = await gatherFacts(dir, repo, ctx.config);
  const actionRef = ctx.workspaces.actionRef ?? null;
  const { plan, apply, drift } = ctx.config;
  const items = inspectSetup(
    facts,
    { plan: plan.workflow, apply: apply.workflow, drift: drift.workflow },
    actionRef,
  );
  const rendered = renderSetup(
    { facts, config: ctx.config, templates: await loadTemplates(), actionRef },
    items,
  );
  // The app has no `workflows` permission and never asks for it: nothing setup writes may land there.
  const refused = rendered.files.find((f) => isWorkflowPath(f.path));
  if (refused) throw new Error(`setup refuses to write ${refused.path}: workflows are moved by people`);
  return { facts, items, rendered };
}

const OpenPull = z.array(z.object({ number: z.number(), html_url: z.string() }));

/**
 * `/agent setup`: one PR on `agent/setup` with what the repository is missing (workflows staged outside
 * `.github/workflows/`, config, OIDC roles), updated in place on a re-run; nothing missing → a comment only.
 */
export async function runSetup(ctx: TaskContext): Promise<TaskResult> {
  const say = (body: string) => ctx.github.upsertComment(ctx.thread, "setup", "repo", body);
  const workspace = await cloneRepository(ctx);
  try {
    let setup: SetupPlan;
    try {
      setup = await planSetup(ctx, workspace.dir, workspace.defaultBranch);
    } catch (error) {
      if (!(error instanceof UnsafeNameError)) throw error;
      await say(`### ❌ Setup refused\n\n${error.message}.`);
      return { outcome: "declined", detail: error.message };
    }
    const { items, rendered, facts } = setup;
    if (rendered.files.length === 0) {
      await say(nothingMissingMessage(items));
      return { outcome: "nothing-to-do", detail: "nothing missing" };
    }
    if (await peopleCommittedOnSetupBranch(ctx)) {
      await say(
        `People have committed on \`${SETUP_BRANCH}\`, the branch of the open setup pull request, so I leave it as it is. Merge or close that pull request, then comment \`/agent setup\` again.`,
      );
      return { outcome: "declined", detail: "human commits on the setup branch" };
    }
    await workspace.checkoutBranch(SETUP_BRANCH);
    for (const file of rendered.files) await workspace.writeFile(file.path, file.content);
    const commit = await workspace.commit(
      "devops-agent: set up plan, apply and drift workflows, config and OIDC roles",
    );
    if (!commit.committed) {
      await say(nothingMissingMessage(items));
      return { outcome: "nothing-to-do", detail: commit.reason };
    }
    await workspace.push({ branch: SETUP_BRANCH, forceWithLease: true });
    const pr = await ctx.github.proposePullRequest(ctx.thread, {
      title: "Set up aws-devops-agent: plan, apply and drift workflows, config, OIDC roles",
      body: setupPullBody(items, rendered, {
        owner: facts.owner,
        repo: facts.repo,
        defaultBranch: facts.defaultBranch,
        environment: ctx.config.apply.environment,
        actionRef: ctx.workspaces.actionRef ?? null,
        reusedProvider: facts.existingProvider,
      }),
      head: SETUP_BRANCH,
      base: workspace.defaultBranch,
    });
    await say(setupOpenedMessage(pr, rendered.files.length));
    return { outcome: "done", detail: `${pr.created ? "opened" : "updated"} #${pr.number}` };
  } finally {
    await workspace.dispose();
  }
}

async function peopleCommittedOnSetupBranch(ctx: TaskContext): Promise<boolean> {
  const { data } = await ctx.octokit.rest.pulls.list({
    owner: ctx.thread.owner,
    repo: ctx.thread.repo,
    head: `${ctx.thread.owner}:${SETUP_BRANCH}`,
    state: "open",
    per_page: 1,
  });
  const open = OpenPull.parse(data)[0];
  if (!open) return false;
  return (await ctx.github.pullCommits(ctx.thread, open.number)).some((c) => c.human);
}
