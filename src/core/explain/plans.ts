import type { PlanComment } from "../apply/gate.js";
import { readPlanFacts } from "../plan/facts-record.js";
import type { PlanSource } from "./types.js";

const PLAN_MARKER = /^<!-- devops-agent:plan:[^\n]* -->$/;

/**
 * The latest plan of each root on the thread. Like the apply gate, only comments written by the plan
 * workflow's account whose first line is a plan marker count, so nobody can paste facts into a comment.
 */
export function latestPlans(
  comments: readonly PlanComment[],
  options: { planAuthor: string; headSha: string },
): PlanSource[] {
  const byRoot = new Map<string, PlanSource>();
  for (const c of comments) {
    if (c.author !== options.planAuthor || !PLAN_MARKER.test(c.body.split("\n")[0] ?? "")) continue;
    const facts = readPlanFacts(c.body);
    // Comments come oldest first: a later one for the same root replaces the earlier.
    if (facts) byRoot.set(facts.root, { facts, url: c.url, current: facts.sha === options.headSha });
  }
  return [...byRoot.values()].sort((a, b) => a.facts.root.localeCompare(b.facts.root));
}
