import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderPlanRecord } from "../../src/core/apply/record.js";
import type { Redactor } from "../../src/core/redact/index.js";
import { budgetVerdict, costSettings, priceRoots, totalDelta } from "./cost.js";
import { createGitHubComments } from "./github.js";
import { runApply } from "./apply.js";
import { runDrift } from "./drift.js";
import { modeRefusal, pullRequestNumber, readEvent } from "./guard.js";
import { type Inputs, parseInputs } from "./inputs.js";
import type { ActionsIO } from "./io.js";
import { commentFor, markerFor, summaryFor } from "./report.js";
import { type RootResult, planRoot } from "./root.js";
import { planFactsLine, planRecordFor } from "./record.js";
import { confineRoots } from "./roots.js";
import { openSession } from "./session.js";
import { type Runner, commandRunner, terraformEnv, toolName } from "./terraform.js";

export interface ActionDeps {
  io: ActionsIO;
  redactor: Redactor;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  run?: Runner;
  fetch?: typeof fetch;
}

/** The whole Action: returns true on success; every failure is reported with setFailed and a reason. */
export async function runAction(env: NodeJS.ProcessEnv, deps: ActionDeps): Promise<boolean> {
  const { io } = deps;
  try {
    // 1. Inputs, parsed once.
    const inputs = parseInputs(env);
    deps.redactor.register(inputs["github-token"]);
    io.setSecret(inputs["github-token"]);
    // 2. Only this repository's own code gets the role, and only from directories inside the workspace.
    const event = await readEvent(env);
    const refusal = modeRefusal(inputs.mode, env, event);
    if (refusal) throw new Error(refusal);
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    const roots = await confineRoots(inputs["working-directory"], workspace);
    if (inputs.mode === "apply") return await runApply(inputs, env, event, roots, deps);
    if (inputs.mode === "drift") return await runDrift(inputs, env, roots, deps);
    // 3. Credentials: OIDC → STS, masked, account checked; exported to later steps only when asked.
    const doFetch = deps.fetch ?? fetch;
    const session = await openSession(inputs, env, { ...deps, fetch: doFetch });
    const aws = session.env;
    const credentials = session.credentials;
    // 4. Plan each root, one after another.
    const results: RootResult[] = [];
    const tool = toolName(inputs["terraform-binary"]);
    for (const { root, dir } of roots) {
      const result = await planRoot(root, {
        dir,
        tmpDir: join(env.RUNNER_TEMP ?? tmpdir(), "devops-agent-plan"),
        env: terraformEnv(env, aws),
        initArgs: inputs["init-args"],
        planArgs: inputs["plan-args"],
        run: deps.run ?? commandRunner(inputs["terraform-binary"]),
        tool,
        log: (message) => io.info(message),
      });
      results.push({ ...result, tool });
    }
    // 5. Cost: the monthly change priced from AWS's Price List API with the same role; never blocks the plan.
    const cost = await costSettings(inputs, workspace, io);
    if (cost.enabled) await priceRoots(results, inputs["aws-region"], credentials, io);
    // 6. Report: comments, job summary, outputs.
    await report(results, inputs, env, event, deps);
    const overBudget = budgetVerdict(results, cost, io);
    if (overBudget !== undefined) {
      io.setFailed(overBudget);
      return false;
    }
    return verdict(results, inputs, io);
  } catch (error) {
    io.setFailed(error instanceof Error ? error.message : String(error));
    return false;
  }
}

async function report(
  results: RootResult[],
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  event: Awaited<ReturnType<typeof readEvent>>,
  deps: ActionDeps,
): Promise<void> {
  const { io, redactor } = deps;
  const redact = (text: string) => redactor.redact(text);
  const runUrl =
    env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined;
  const pr = pullRequestNumber(event, inputs["pull-request"]);
  const github =
    env.GITHUB_REPOSITORY && pr !== undefined && inputs.comment !== "never"
      ? createGitHubComments({
          token: inputs["github-token"],
          repository: env.GITHUB_REPOSITORY,
          ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}),
          ...(env.GITHUB_GRAPHQL_URL ? { graphqlUrl: env.GITHUB_GRAPHQL_URL } : {}),
          ...(deps.fetch ? { fetch: deps.fetch } : {}),
        })
      : undefined;
  if (!github && inputs.comment !== "never")
    io.info("no pull request for this run: the plan goes to the job summary only");
  for (const result of results) {
    await io.appendSummary(summaryFor(result, redact, runUrl));
    // on-change: a quiet plan creates no comment, but still refreshes one that shows an older plan.
    const changed = result.failure !== undefined || hasChanges(result);
    if (github && pr !== undefined) {
      const record = planRecordFor(result, env, event);
      const body =
        redact(commentFor(result, redact, runUrl)) +
        (record ? `\n${renderPlanRecord(record)}\n` : "") +
        planFactsLine(result, env, event, redact);
      const url = await github.upsert(
        pr,
        markerFor(result.root),
        body,
        inputs.comment === "always" || changed,
      );
      if (url !== undefined) {
        result.commentUrl = url;
        io.info(`${result.root}: ${url}`);
      }
    }
  }
  const sum = (key: "create" | "update" | "delete" | "replace" | "noop" | "read") =>
    results.reduce((total, r) => total + (r.summary?.counts[key] ?? 0), 0);
  for (const key of ["create", "update", "delete", "replace", "noop", "read"] as const)
    io.setOutput(key, String(sum(key)));
  io.setOutput("has-changes", String(results.some(hasChanges)));
  io.setOutput("has-destroy", String(sum("delete") + sum("replace") > 0));
  io.setOutput("plan-json", results.flatMap((r) => (r.planJson ? [r.planJson] : [])).join("\n"));
  io.setOutput("plan-files", results.flatMap((r) => (r.planFile ? [r.planFile] : [])).join("\n"));
  io.setOutput(
    "plan-sha256",
    results.flatMap((r) => (r.planSha256 ? [`${r.planSha256}  ${r.root}`] : [])).join("\n"),
  );
  io.setOutput("comment-url", results.flatMap((r) => (r.commentUrl ? [r.commentUrl] : [])).join("\n"));
  const delta = totalDelta(results);
  io.setOutput("monthly-cost-delta", delta === undefined ? "" : delta.toFixed(2));
  io.setOutput("failed-roots", results.flatMap((r) => (r.failure ? [r.root] : [])).join("\n"));
}

function hasChanges(result: RootResult): boolean {
  const c = result.summary?.counts;
  if (!c) return false;
  return (
    c.create + c.update + c.delete + c.replace + c.forget + c.import + c.move > 0 ||
    (result.summary?.outputs.length ?? 0) > 0
  );
}

function verdict(results: RootResult[], inputs: Inputs, io: ActionsIO): boolean {
  const failed = results.filter((r) => r.failure);
  if (failed.length > 0) {
    io.setFailed(
      `${toolName(inputs["terraform-binary"])} failed in ${failed.map((r) => `${r.root} (${r.failure?.step})`).join(", ")}`,
    );
    return false;
  }
  const destructive = results.filter(
    (r) => (r.summary?.counts.delete ?? 0) + (r.summary?.counts.replace ?? 0) > 0,
  );
  if (inputs["fail-on-delete"] && destructive.length > 0) {
    io.setFailed(
      `the plan destroys or replaces resources in ${destructive.map((r) => r.root).join(", ")} (fail-on-delete)`,
    );
    return false;
  }
  return true;
}
