import { readFile } from "node:fs/promises";
import { z } from "zod";

const repo = z.object({ full_name: z.string() }).nullable().optional();
const eventSchema = z.object({
  repository: z.object({ full_name: z.string(), default_branch: z.string().optional() }).optional(),
  pull_request: z
    .object({ number: z.number(), head: z.object({ repo, sha: z.string().optional() }) })
    .optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
});
export type GitHubEvent = z.infer<typeof eventSchema>;

export async function readEvent(env: NodeJS.ProcessEnv): Promise<GitHubEvent> {
  if (!env.GITHUB_EVENT_PATH) return {};
  const parsed = eventSchema.safeParse(JSON.parse(await readFile(env.GITHUB_EVENT_PATH, "utf8")));
  if (!parsed.success)
    throw new Error(`cannot read the event payload: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}

/** The events whose checked-out code is this repository's own: a branch, a dispatch, a schedule. */
const TRUSTED_EVENTS = new Set(["push", "workflow_dispatch", "schedule"]);

/**
 * Why this run must not get the AWS role, or undefined when it may. An allow-list, not a deny-list:
 * `terraform plan` runs provider and `external` data-source code from the checkout, and events such as
 * `pull_request_target`, `workflow_run` or `issue_comment` run with this repository's OIDC permission on
 * code (or a ref) chosen by whoever triggered them. A `pull_request` from a fork is refused by name too.
 */
export function eventRefusal(eventName: string | undefined, event: GitHubEvent): string | undefined {
  const name = eventName || "(an unnamed event)";
  if (TRUSTED_EVENTS.has(name)) return undefined;
  if (name === "pull_request") {
    const base = event.repository?.full_name;
    const head = event.pull_request?.head.repo?.full_name;
    if (head !== undefined && base !== undefined && head === base) return undefined;
    return (
      `refusing to assume the role: this pull_request run would plan code from ${head ?? "a deleted fork"}, ` +
      `not from ${base ?? "this repository"} — terraform plan runs provider and external data-source code ` +
      "from that checkout. A maintainer can push the change to a branch here and plan it (`/agent plan`)."
    );
  }
  return (
    `refusing to assume the role: the plan Action runs only on pull_request (from this repository), push, ` +
    `workflow_dispatch and schedule, not on ${name} — its code or ref is chosen by whoever triggered it, ` +
    "and terraform plan runs provider and external data-source code from the checkout. " +
    "Run the plan on `pull_request` (forks get no credentials), or dispatch it on a reviewed branch (`/agent plan`)."
  );
}

/** The pull request number from the event or the `pull-request` input (workflow_dispatch). */
export function pullRequestNumber(event: GitHubEvent, input: number | undefined): number | undefined {
  if (input !== undefined) return input;
  if (event.pull_request) return event.pull_request.number;
  const fromInputs = event.inputs?.pr ?? event.inputs?.["pull-request"];
  const n = Number(fromInputs);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * Apply and drift hold stronger roles than plan, so they run only from the default branch's own workflow:
 * apply on `workflow_dispatch` (what `/agent apply` sends), drift on `schedule` or `workflow_dispatch`.
 * A dispatch on another branch would run a workflow definition nobody reviewed with that role.
 */
export function modeRefusal(
  mode: "plan" | "apply" | "drift",
  env: NodeJS.ProcessEnv,
  event: GitHubEvent,
): string | undefined {
  const name = env.GITHUB_EVENT_NAME || "(an unnamed event)";
  if (mode === "plan") return eventRefusal(env.GITHUB_EVENT_NAME, event);
  const allowed = mode === "apply" ? ["workflow_dispatch"] : ["schedule", "workflow_dispatch"];
  if (!allowed.includes(name))
    return `refusing mode ${mode}: it runs only on ${allowed.join(" or ")}, not on ${name}.`;
  // GitHub runs scheduled workflows from the default branch only.
  if (name === "schedule") return undefined;
  const branch = event.repository?.default_branch;
  if (!branch || env.GITHUB_REF !== `refs/heads/${branch}`)
    return (
      `refusing mode ${mode}: it must be dispatched on the default branch${branch ? ` (${branch})` : ""}, ` +
      `not ${env.GITHUB_REF ?? "an unknown ref"} — only the reviewed workflow there may use this role.`
    );
  return undefined;
}
