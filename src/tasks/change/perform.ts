import { agentTerraformFromEnv } from "../../validation/terraform-mode.js";
import { runAgent, gatherRepoContext, type AgentResult } from "../../agent/index.js";
import { pullRequestBody, pullRequestTitle } from "../../core/pr/index.js";
import { chooseRoot } from "../../core/terraform/inventory/index.js";
import type { Workspace } from "../../adapters/workspace/index.js";
import { cloneRepository } from "../clone.js";
import { repoWebUrl } from "../../connect.js";
import { createRetriever } from "../../adapters/docs/index.js";
import type { TaskContext } from "../types.js";
import { notDeliveredMessage } from "./messages.js";
import type { ChangeOutcome, ChangeRequest } from "./types.js";
import { lessonsForChange, shapeWithLessons, type ShapedChange } from "./lessons.js";
import { isProtectedFor } from "../learning/context.js";
import { executablePolicy } from "../../core/terraform/executable/index.js";

export type StepReporter = (step: Step, state: "running" | "done" | "failed") => Promise<void>;
export type Step = "read" | "write" | "validate" | "deliver";

const noSteps: StepReporter = () => Promise.resolve();

/**
 * The request-change pipeline: clone → understand the Terraform → change it (recipes or model) → validate →
 * commit → push → PR. Nothing is pushed unless the change validates. The checkout is always removed.
 */
export async function performChange(
  ctx: TaskContext,
  change: ChangeRequest,
  step: StepReporter = noSteps,
): Promise<ChangeOutcome> {
  await step("read", "running");
  const workspace = await cloneRepository(ctx, change.base.branch ? { branch: change.base.branch } : {});
  try {
    const branch =
      change.delivery.kind === "new-pr"
        ? await workspace.checkoutBranch(workspace.branchName(change.origin.number, change.delivery.title))
        : change.delivery.branch;
    const whole = await gatherRepoContext(workspace.dir, { roots: ctx.config.terraform.roots });
    const choice = chooseRoot(whole.inventory, { request: change.request });
    if (choice.kind !== "chosen") {
      await step("read", "failed");
      const candidates = choice.candidates.map((c) => `\`${c}\``).join(", ");
      return {
        status: "questions",
        message: `This request fits more than one root module (${candidates}). Which one? Say it in the request (for example "in ${choice.candidates[0] ?? "envs/prod"}"), or narrow \`terraform.roots\` in \`.github/devops-agent.yml\`.`,
        llm: { calls: 0, promptTokens: 0, completionTokens: 0 },
      };
    }
    const repo =
      choice.root === whole.conventions.root
        ? whole
        : await gatherRepoContext(workspace.dir, { roots: ctx.config.terraform.roots, root: choice.root });
    const learned = await lessonsForChange(ctx, workspace);
    await step("read", "done");

    await step("write", "running");
    const result = await runAgent({
      workspaceDir: workspace.dir,
      request: change.request,
      conventions: repo.conventions,
      inventory: repo.inventory,
      config: ctx.config,
      llm: ctx.config.model.enabled ? ctx.llm : null,
      redactor: ctx.redactor,
      log: ctx.log,
      now: ctx.now,
      ...(ctx.docs ? { docs: createRetriever(ctx.docs) } : {}),
      lessonsContext: learned.guidance,
      terraform: agentTerraformFromEnv(process.env),
    });
    ctx.log.info({ event: "change.agent", ok: result.ok, refusals: result.refusals }, "agent finished");
    if (!result.ok) {
      await step(result.files.length ? "validate" : "write", "failed");
      return {
        status: result.questions?.length ? "questions" : "failed",
        message: notDeliveredMessage(result),
        llm: result.llm,
      };
    }
    const shaped = await shapeWithLessons({
      workspaceDir: workspace.dir,
      root: repo.conventions.root,
      result,
      inventory: repo.inventory,
      lessons: learned.lessons,
      isProtected: isProtectedFor(ctx),
      redactor: ctx.redactor,
      policy: executablePolicy(ctx.config),
    });
    await step("write", "done");
    await step("validate", "done");
    await step("deliver", "running");
    const outcome = await deliver(ctx, change, workspace, branch, shaped.result, shaped);
    await step("deliver", outcome.status === "no-change" ? "failed" : "done");
    return outcome;
  } finally {
    await workspace.dispose();
  }
}

async function deliver(
  ctx: TaskContext,
  change: ChangeRequest,
  workspace: Workspace,
  branch: string,
  result: AgentResult,
  lessons: Pick<ShapedChange, "applied" | "skipped">,
): Promise<ChangeOutcome> {
  // The title says what the change does (resources added), not what was asked.
  const title = result.ok
    ? ctx.redactor.redact(`devops-agent: ${result.title}`)
    : pullRequestTitle(change.request, (t) => ctx.redactor.redact(t));
  const where = change.origin.kind === "autofix" ? "an automatic fix" : `#${change.origin.number}`;
  const commit = await workspace.commit(`${title}\n\nRequested in ${where} by @${ctx.job.sender}.`);
  if (!commit.committed) {
    return {
      status: "no-change",
      message: `The change left the repository as it was (${commit.reason}).`,
      llm: result.llm,
    };
  }
  const pushed = await workspace.push({ branch, forceWithLease: change.delivery.kind === "new-pr" });
  const report = {
    request: change.request,
    summary: result.summary,
    mode: result.mode,
    files: result.files,
    resources: result.resources,
    validation: result.validation,
    docsConsulted: result.docsConsulted,
    llm: result.llm,
    lessons: { applied: lessons.applied, skipped: lessons.skipped },
    ...(change.delivery.kind === "new-pr" && change.delivery.closes !== undefined
      ? { closes: change.delivery.closes }
      : {}),
  };
  if (change.delivery.kind === "push") {
    const url = `${repoWebUrl(ctx.workspaces, ctx.thread.owner, ctx.thread.repo)}/commit/${pushed.sha}`;
    const message = [`Pushed ${pushed.sha.slice(0, 7)} to \`${branch}\`.`, "", pullRequestBody(report)].join(
      "\n",
    );
    return { status: "pushed", url, sha: pushed.sha, branch, message, llm: result.llm };
  }
  const pr = await ctx.github.proposePullRequest(ctx.thread, {
    title,
    body: pullRequestBody(report),
    head: branch,
    base: change.base.branch ?? workspace.defaultBranch,
  });
  const verb = pr.created ? "Opened" : "Updated";
  return {
    status: "pr-opened",
    url: pr.url,
    sha: pushed.sha,
    branch,
    message: `${verb} #${pr.number}: ${pr.url}`,
    llm: result.llm,
  };
}
