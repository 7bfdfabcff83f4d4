import { atLeast } from "../../adapters/github/index.js";
import { autoFixRefusal, type JobDiagnosis } from "../../core/diagnosis/index.js";
import type { TaskContext } from "../types.js";
import type { RunTarget } from "./types.js";

// Events whose run executes this repository's own code at the head commit. `pull_request_target` and
// `workflow_run` run in the base repository's context for code or input someone else controls.
const OWN_EVENTS: ReadonlySet<string> = new Set(["push", "pull_request", "workflow_dispatch", "schedule"]);

/**
 * The shared gate in front of every automatic fix (webhook and `/agent fix`). A fix is attempted only
 * when the diagnosis is a mechanical, safe one and the run is this repository's own: its event, head
 * repository and head SHA (still the branch's tip) as GitHub records them — not as a payload claims —
 * and the person who triggered it could push. Returns why not, or null.
 */
export async function autoFixBlocked(
  ctx: TaskContext,
  run: RunTarget,
  item: JobDiagnosis,
): Promise<string | null> {
  const unsafe = autoFixRefusal(item.diagnosis);
  if (unsafe) return `I will not fix this automatically: ${unsafe}. The diagnosis above says what to change.`;
  const repo = { owner: ctx.thread.owner, repo: ctx.thread.repo };
  const full = `${repo.owner}/${repo.repo}`.toLowerCase();
  const origin = await ctx.github.runProvenance(repo, run.runId);
  if (!OWN_EVENTS.has(origin.event))
    return `the run was started by a \`${origin.event}\` event, which can run code this repository does not own, so I only diagnose it.`;
  if (origin.headRepository?.toLowerCase() !== full)
    return "the run's head commit belongs to another repository (a fork), so I only diagnose it.";
  if (origin.headSha !== run.headSha || origin.headBranch !== run.headBranch)
    return "the run GitHub records is not the one I was told about, so I only diagnose it.";
  const tip = await ctx.github.branchHead(repo, run.headBranch);
  if (tip !== run.headSha)
    return `\`${run.headBranch}\` no longer points at the commit that failed (or is not a branch of this repository), so a fix would be for stale code: re-run the workflow on the current head.`;
  const actor = origin.triggeringActor;
  if (!actor) return "GitHub does not say who triggered the run, so I only diagnose it.";
  const permission = await ctx.github.permissionOf(repo, actor);
  if (!atLeast(permission, "write"))
    return `the run was triggered by \`${actor}\`, who cannot push to this repository, so I only diagnose it.`;
  return null;
}
