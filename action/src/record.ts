import { PLAN_ARTIFACT, type PlanRecord, planFileName } from "../../src/core/apply/record.js";
import { planFactsOf, renderPlanFacts } from "../../src/core/plan/facts-record.js";
import type { GitHubEvent } from "./guard.js";
import type { RootResult } from "./root.js";

/**
 * The record of a successful plan for a later `/agent apply`: the planned commit (a pull request's head, or
 * the dispatched ref's commit), this run, and the plan file's hash. None when any part is unknown.
 */
export function planRecordFor(
  result: RootResult,
  env: NodeJS.ProcessEnv,
  event: GitHubEvent,
  now: Date = new Date(),
): PlanRecord | undefined {
  const sha = event.pull_request?.head.sha ?? env.GITHUB_SHA;
  const runId = Number(env.GITHUB_RUN_ID);
  const runAttempt = Number(env.GITHUB_RUN_ATTEMPT ?? "1");
  if (!result.planSha256 || result.failure || !sha || !/^[0-9a-f]{40}$/.test(sha)) return undefined;
  if (!Number.isInteger(runId) || runId <= 0 || !Number.isInteger(runAttempt) || runAttempt <= 0)
    return undefined;
  return {
    v: 1,
    root: result.root,
    sha,
    runId,
    runAttempt,
    planSha256: result.planSha256,
    artifact: PLAN_ARTIFACT,
    file: planFileName(result.root),
    at: now.toISOString(),
  };
}

/**
 * The hidden facts line (counts, types, critical and high risks) for `/agent explain`; empty when the plan
 * produced no summary or the planned commit is unknown. Written for every plan, saved file or not.
 */
export function planFactsLine(
  result: RootResult,
  env: NodeJS.ProcessEnv,
  event: GitHubEvent,
  redact: (text: string) => string,
): string {
  const sha = event.pull_request?.head.sha ?? env.GITHUB_SHA;
  if (!result.summary || result.failure || !sha || !/^[0-9a-f]{40}$/.test(sha)) return "";
  const facts = planFactsOf(result.summary, { root: result.root, sha });
  // The visible comment is redacted as a whole; the hidden line's texts are redacted field by field so
  // its JSON stays whole.
  const risks = facts.risks.map((r) => ({
    ...r,
    address: redact(r.address).slice(0, 300),
    reason: redact(r.reason).slice(0, 300),
  }));
  return `\n${renderPlanFacts({ ...facts, risks })}\n`;
}
