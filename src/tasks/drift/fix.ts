import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { formatHcl, isCanonicallyFormatted } from "../../adapters/hcl/format.js";
import { executablePolicy } from "../../core/terraform/executable/index.js";
import { isTerraformFile } from "../../adapters/terraform/index.js";
import { commentMarker } from "../../core/comments/index.js";
import { DRIFT_KIND, readDriftRecord } from "../../core/drift/issue.js";
import { planDriftFix } from "../../core/drift/fix.js";
import {
  driftFixBranch,
  driftFixExplanation,
  driftFixInvalid,
  driftFixPullBody,
} from "../../core/drift/fix-text.js";
import { validateTree } from "../../validation/index.js";
import { agentTerraformFromEnv } from "../../validation/terraform-mode.js";
import { cloneRepository } from "../clone.js";
import type { TaskContext, TaskResult } from "../types.js";

const HISTORY = 200;

/**
 * `/agent fix` on a drift issue. The record in the issue is believed only when the app wrote the issue
 * (anyone with write access can edit a body, so it is still only data: bounded by its schema, bound to
 * its root and commit, and written into the code only as escaped literals where the code holds exactly
 * the planned value). Code gaps become one PR; everything else is explained on the issue.
 */
export async function driftFix(ctx: TaskContext): Promise<TaskResult> {
  const say = (body: string) => ctx.github.upsertComment(ctx.thread, "drift-fix", ctx.thread.number, body);
  const decline = async (body: string, detail: string): Promise<TaskResult> => {
    await say(body);
    return { outcome: "declined", detail };
  };
  const repo = { owner: ctx.thread.owner, repo: ctx.thread.repo };
  const issue = await ctx.github.getIssue(repo, ctx.thread.number);
  const root = issue?.body.split("\n")[0]?.match(/^<!-- devops-agent:drift:(.+) -->$/)?.[1];
  if (
    !issue ||
    !issue.byApp ||
    root === undefined ||
    issue.body.split("\n")[0] !== commentMarker(DRIFT_KIND, root)
  )
    return decline(
      "`/agent fix` on an issue works on the drift issues I open (from the drift workflow's report). This issue is not one of them, so I read nothing from it. On a pull request, `/agent fix` diagnoses its failed run.",
      "not an app drift issue",
    );
  const report = readDriftRecord(issue.body);
  if (!report || report.root !== root || report.status !== "drift")
    return decline(
      "This drift issue carries no readable drift record for its root (it may have been edited), so I will not guess. The next drift run rewrites it; then ask again.",
      "no drift record",
    );
  const workspace = await cloneRepository(ctx, { depth: HISTORY });
  try {
    // The record speaks for one commit: if the root's code changed since, its values may no longer apply.
    const since =
      report.sha === workspace.baseSha ? [] : await workspace.diffNames(report.sha).catch(() => null);
    if (since === null)
      return decline(
        `The drift record is for commit \`${report.sha.slice(0, 7)}\`, which is not among the default branch's last ${HISTORY} commits. Run the drift workflow again, then ask.`,
        "record commit unknown",
      );
    if (since.some((p) => p.startsWith(`${root}/`) || (root === "." && !p.includes("/"))))
      return decline(
        `The code in \`${root}\` changed after the drift check at \`${report.sha.slice(0, 7)}\`, so its findings may not apply any more. Run the drift workflow again, then ask.`,
        "root changed since the record",
      );
    const dir = root === "." ? workspace.dir : join(workspace.dir, root);
    const files = await rootFiles(dir, root);
    const plan = planDriftFix(report, files);
    if (plan.edits.length === 0) {
      await say(driftFixExplanation({ report, pr: null, fixed: [], manual: plan.manual }));
      return { outcome: "done", detail: `no code gap; ${plan.manual.length} manual step(s) explained` };
    }
    const branch = await workspace.checkoutBranch(driftFixBranch(ctx.thread.number));
    const original = new Map(files.map((f) => [f.path, f.content]));
    for (const edit of plan.edits) {
      const keepFormat = await isCanonicallyFormatted(original.get(edit.path) ?? "");
      await workspace.writeFile(edit.path, keepFormat ? await formatHcl(edit.content) : edit.content);
    }
    const changed = plan.edits.map((e) => e.path);
    const terraform = agentTerraformFromEnv(process.env);
    const validation = await validateTree(
      {
        root: workspace.dir,
        changed,
        policy: executablePolicy(ctx.config),
        ...(terraform.mode === "auto"
          ? { terraform: "auto" as const }
          : { terraform: "off" as const, terraformOffWhy: terraform.why }),
      },
      terraform.mode === "auto" ? { terraformLayer: terraform.layer } : {},
    );
    if (!validation.ok) {
      const findings = validation.findings.map((f) => `\`${f.file}:${f.line ?? 0}\` ${f.code}: ${f.message}`);
      await say(driftFixInvalid(report, validation.checks, findings));
      return { outcome: "declined", detail: "the fix does not validate" };
    }
    const commit = await workspace.commit(
      `devops-agent: write drift found in ${root} into the code (#${ctx.thread.number})`,
    );
    if (!commit.committed) throw new Error(`nothing to commit for the drift fix: ${commit.reason}`);
    await workspace.push({ branch, forceWithLease: true });
    const pr = await ctx.github.proposePullRequest(ctx.thread, {
      title: `Drift in ${root}: write ${plan.fixed.length} console change${plan.fixed.length === 1 ? "" : "s"} into the code`,
      body: driftFixPullBody({
        issue: ctx.thread.number,
        report,
        fixed: plan.fixed,
        manual: plan.manual,
        checks: validation.checks,
      }),
      head: branch,
      base: workspace.defaultBranch,
    });
    await say(driftFixExplanation({ report, pr, fixed: plan.fixed, manual: plan.manual }));
    return { outcome: "done", detail: `${pr.created ? "opened" : "updated"} #${pr.number}` };
  } finally {
    await workspace.dispose();
  }
}

/** The root's own Terraform files (not its subdirectories: those are other modules), relative to the repo. */
async function rootFiles(dir: string, root: string): Promise<{ path: string; content: string }[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: { path: string; content: string }[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !isTerraformFile(entry.name) || entry.name.endsWith(".json")) continue;
    out.push({
      path: root === "." ? entry.name : `${root}/${entry.name}`,
      content: await readFile(join(dir, entry.name), "utf8"),
    });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
