import { tmpdir } from "node:os";
import { join } from "node:path";
import { driftReportFor, failedReport, renderDriftLine } from "../../src/core/drift/report.js";
import { code } from "../../src/core/plan/markdown.js";
import type { Inputs } from "./inputs.js";
import type { ActionDeps } from "./main.js";
import { planRoot } from "./root.js";
import type { ConfinedRoot } from "./roots.js";
import { openSession } from "./session.js";
import { commandRunner, terraformEnv, toolName } from "./terraform.js";

/**
 * `mode: drift`: plan each root of the default branch with the read-only role and print one report line per
 * root for the app, which reads the run's log when the run completes and owns the issues. The Action writes
 * nothing to GitHub itself.
 */
export async function runDrift(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  roots: ConfinedRoot[],
  deps: ActionDeps,
): Promise<boolean> {
  const { io } = deps;
  const sha = env.GITHUB_SHA ?? "";
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error("mode drift needs GITHUB_SHA (the checked-out commit)");
  const session = await openSession(inputs, env, { ...deps, fetch: deps.fetch ?? fetch });
  const drifted: string[] = [];
  const failed: string[] = [];
  for (const { root, dir } of roots) {
    const result = await planRoot(root, {
      dir,
      tmpDir: join(env.RUNNER_TEMP ?? tmpdir(), "devops-agent-drift"),
      env: terraformEnv(env, session.env),
      initArgs: inputs["init-args"],
      planArgs: inputs["plan-args"],
      run: deps.run ?? commandRunner(inputs["terraform-binary"]),
      tool: toolName(inputs["terraform-binary"]),
      log: (message) => io.info(message),
    });
    const report =
      result.plan && result.summary && !result.failure
        ? driftReportFor(root, sha, result.plan, result.summary)
        : failedReport(
            root,
            sha,
            result.failure
              ? `${toolName(inputs["terraform-binary"])} ${result.failure.step} exited with ${result.failure.code}\n${result.failure.excerpt}`
              : "no plan",
          );
    if (report.status === "drift") drifted.push(root);
    if (report.status === "failed") failed.push(root);
    io.info(renderDriftLine(report));
    const what =
      report.status === "clean"
        ? "no drift"
        : report.status === "drift"
          ? `${report.resources.length + report.more} resource(s) differ from the code`
          : "the check failed";
    await io.appendSummary(`### Drift: ${code(root)} — ${what}\n`);
  }
  io.setOutput("drifted-roots", drifted.join("\n"));
  io.setOutput("failed-roots", failed.join("\n"));
  io.setOutput("has-changes", String(drifted.length > 0));
  if (failed.length > 0) {
    io.setFailed(`the drift check failed in ${failed.join(", ")}`);
    return false;
  }
  return true;
}
