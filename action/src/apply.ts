import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ApplyStage, withApplyStatus } from "./apply-status.js";
import { ApplyRefusal, type VerifiedPlan, verifyApply } from "./apply-verify.js";
import { createGitHubComments } from "./github.js";
import type { GitHubEvent } from "./guard.js";
import { pullRequestNumber } from "./guard.js";
import { type Inputs, splitArgs } from "./inputs.js";
import type { ActionDeps } from "./main.js";
import { markerFor } from "./report.js";
import type { ConfinedRoot } from "./roots.js";
import { openSession } from "./session.js";
import { commandRunner, errorExcerpt, terraformEnv, toolName } from "./terraform.js";

// terraform's words when a saved plan no longer matches the state (it refuses to apply it).
const STALE = /saved plan is stale|plan file .* is stale|state has changed since this plan/i;

/**
 * `mode: apply`: verify everything about the saved plan before any credentials exist, then apply exactly
 * that file with the apply role, one root, and keep the plan comment's apply section current.
 */
export async function runApply(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  event: GitHubEvent,
  roots: ConfinedRoot[],
  deps: ActionDeps,
): Promise<boolean> {
  const { io } = deps;
  // 1. One root, and every input the verification needs.
  const [target, ...extra] = roots;
  if (!target || extra.length > 0) throw new Error("mode apply takes exactly one working-directory");
  const root = target.root;
  const pr = pullRequestNumber(event, inputs["pull-request"]);
  const headSha = inputs["head-sha"];
  const planRunId = inputs["plan-run-id"];
  const planDir = inputs["plan-dir"];
  if (pr === undefined || !headSha || planRunId === undefined || !planDir || !env.GITHUB_REPOSITORY)
    throw new Error("mode apply needs the inputs pull-request, head-sha, plan-run-id and plan-dir");
  const github = createGitHubComments({
    token: inputs["github-token"],
    repository: env.GITHUB_REPOSITORY,
    ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}),
    ...(env.GITHUB_GRAPHQL_URL ? { graphqlUrl: env.GITHUB_GRAPHQL_URL } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const runUrl = env.GITHUB_RUN_ID
    ? `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
    : undefined;
  const environment = env.DEVOPS_AGENT_ENVIRONMENT;
  const status = async (comment: { id: number; body: string }, stage: ApplyStage, plan?: VerifiedPlan) => {
    const body = withApplyStatus(comment.body, stage, {
      ...(plan ? { record: plan.record } : {}),
      ...(runUrl ? { runUrl } : {}),
      ...(environment ? { environment } : {}),
      ...(Number(env.GITHUB_RUN_ID) > 0 ? { runId: Number(env.GITHUB_RUN_ID), root: target.root } : {}),
    });
    await github.update(comment.id, deps.redactor.redact(body));
    comment.body = body;
  };

  // 2. Verify the plan, the head and the file: a refusal is said on the plan comment and fails the step.
  let plan: VerifiedPlan;
  try {
    plan = await verifyApply(
      {
        root: target.root,
        pr,
        headSha,
        planRunId,
        planDir,
        planSha256: inputs["plan-sha256"],
        planWorkflow: inputs["plan-workflow"],
        repository: env.GITHUB_REPOSITORY,
        marker: markerFor(target.root),
        selfRunId: env.GITHUB_RUN_ID ? Number(env.GITHUB_RUN_ID) : undefined,
      },
      github,
    );
  } catch (error) {
    if (!(error instanceof ApplyRefusal)) throw error;
    if (error.comment) await status(error.comment, { stage: "refused", reason: error.message });
    throw new Error(`apply refused: ${error.message}`, { cause: error });
  }
  io.info(
    `${target.root}: plan run ${planRunId} on ${headSha.slice(0, 7)} verified (SHA-256 ${plan.record.planSha256})`,
  );
  await status(plan.comment, { stage: "applying" }, plan);

  // 3. Only now the apply role; terraform gets the verified bytes from a file only this step wrote.
  const session = await openSession(inputs, env, { ...deps, fetch: deps.fetch ?? fetch }).catch(
    async (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      await status(
        plan.comment,
        { stage: "failed", step: "credentials", excerpt: message, stale: false },
        plan,
      );
      throw error;
    },
  );
  const work = join(env.RUNNER_TEMP ?? tmpdir(), "devops-agent-apply");
  await mkdir(work, { recursive: true });
  const planFile = join(work, plan.record.file);
  await writeFile(planFile, plan.bytes);
  // The saved plan is applied by the program that made it (terraform-binary, the same input as the plan's).
  const run = deps.run ?? commandRunner(inputs["terraform-binary"]);
  const tool = toolName(inputs["terraform-binary"]);
  const options = { cwd: target.dir, env: terraformEnv(env, session.env) };
  io.info(`${target.root}: ${tool} init`);
  const init = await run(["init", "-input=false", ...splitArgs(inputs["init-args"])], options);
  if (init.code !== 0) return failed("init", init.stderr, false);
  io.info(`${target.root}: ${tool} apply ${plan.record.file}`);
  const apply = await run(["apply", "-input=false", "-no-color", planFile], options);
  if (apply.code !== 0) return failed("apply", apply.stderr, STALE.test(apply.stderr));
  const summary = /Apply complete![^\n]*/.exec(apply.stdout.toString("utf8"))?.[0] ?? "Apply complete.";
  await status(plan.comment, { stage: "applied", summary }, plan);
  await io.appendSummary(`### ✅ Applied \`${target.root}\`\n\n${summary}\n`);
  io.setOutput("applied", "true");
  return true;

  async function failed(step: string, stderr: string, stale: boolean): Promise<boolean> {
    const excerpt = errorExcerpt(stderr, 60, 8_000, (t) => deps.redactor.redact(t));
    await status(plan.comment, { stage: "failed", step: `${tool} ${step}`, excerpt, stale }, plan);
    io.setOutput("applied", "false");
    io.setFailed(
      stale
        ? `${tool} apply refused the saved plan of ${root}: it is stale (the state changed after the plan). Plan again.`
        : `${tool} ${step} failed in ${root}`,
    );
    return false;
  }
}
