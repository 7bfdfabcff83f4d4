import { readFile } from "node:fs/promises";
import { z } from "zod";

const repo = z.object({ full_name: z.string() }).nullable().optional();
const eventSchema = z.object({
  repository: z.object({ full_name: z.string() }).optional(),
  pull_request: z.object({ number: z.number(), head: z.object({ repo }) }).optional(),
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
