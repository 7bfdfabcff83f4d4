import { type PlanRecord, readPlanRecord } from "./record.js";

/** A comment on the pull request, as the API lists it. */
export interface PlanComment {
  author: string;
  body: string;
  url: string;
}

/** The plan run a record points to, as the Actions API describes it. */
export interface PlanRunFacts {
  id: number;
  headSha: string;
  conclusion: string | null;
  status: string;
  /** `.github/workflows/<file>` (may carry `@ref` on newer GitHub). */
  path: string;
  repository: string;
  url: string;
}

export type GateResult =
  | { ok: true; record: PlanRecord; commentUrl: string }
  | { ok: false; reason: string; code: "no-plan" | "head-moved" | "ambiguous" | "bad-run" };

const PLAN_MARKER = /^<!-- devops-agent:plan:[^\n]* -->$/;

/**
 * Picks the plan record to apply: only comments written by the plan Action's account (`planAuthor`) whose
 * first line is a plan marker count, so nobody can paste a record into their own comment. The record must be
 * for the pull request's current head and, when `root` is given, for that root.
 */
export function choosePlan(
  comments: readonly PlanComment[],
  options: { root: string | null; headSha: string; planAuthor: string },
): GateResult {
  const records = comments.flatMap((c) => {
    if (c.author !== options.planAuthor || !PLAN_MARKER.test(c.body.split("\n")[0] ?? "")) return [];
    const record = readPlanRecord(c.body);
    return record ? [{ record, url: c.url }] : [];
  });
  const { root } = options;
  const wanted = root === null ? records : records.filter((r) => sameRoot(r.record.root, root));
  const current = wanted.filter((r) => r.record.sha === options.headSha);
  const where = options.root === null ? "" : ` for \`${options.root}\``;
  if (current.length === 0) {
    const older = wanted[0];
    if (older)
      return {
        ok: false,
        code: "head-moved",
        reason: `the latest plan${where} is for commit \`${older.record.sha.slice(0, 7)}\`, but the pull request's head is now \`${options.headSha.slice(0, 7)}\`: the code changed after it was planned. Run \`/agent plan\` again, check the new plan, then ask again.`,
      };
    return {
      ok: false,
      code: "no-plan",
      reason: `I found no successful plan${where} from the plan workflow for the head commit \`${options.headSha.slice(0, 7)}\`. Run \`/agent plan\` first.`,
    };
  }
  const roots = [...new Set(current.map((r) => r.record.root))];
  if (roots.length > 1)
    return {
      ok: false,
      code: "ambiguous",
      reason: `this pull request has plans for several roots (${roots.map((r) => `\`${r}\``).join(", ")}); name one, e.g. \`/agent apply ${roots[0] ?? "."}\` (one root per apply).`,
    };
  const chosen = current[0];
  if (!chosen) return { ok: false, code: "no-plan", reason: "no plan" };
  return { ok: true, record: chosen.record, commentUrl: chosen.url };
}

/** Why the run a record names cannot be trusted as the plan of this head, or null when it can. */
export function planRunRefusal(
  run: PlanRunFacts,
  record: PlanRecord,
  expected: { workflowFile: string; repository: string },
): string | null {
  const path = run.path.split("@")[0] ?? "";
  if (run.repository.toLowerCase() !== expected.repository.toLowerCase())
    return `plan run ${run.id} belongs to another repository (${run.repository}).`;
  if (path !== `.github/workflows/${expected.workflowFile}`)
    return `plan run ${run.id} is from \`${path}\`, not the plan workflow \`.github/workflows/${expected.workflowFile}\`.`;
  if (run.headSha !== record.sha)
    return `plan run ${run.id} ran on \`${run.headSha.slice(0, 7)}\`, not on the planned commit \`${record.sha.slice(0, 7)}\`.`;
  if (run.status !== "completed" || run.conclusion !== "success")
    return `plan run ${run.id} did not succeed (${run.status}${run.conclusion ? `, ${run.conclusion}` : ""}).`;
  return null;
}

export function sameRoot(a: string, b: string): boolean {
  const norm = (p: string) => p.replace(/^\.\//, "").replace(/\/+$/, "") || ".";
  return norm(a) === norm(b);
}
