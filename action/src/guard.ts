import { readFile } from "node:fs/promises";
import { z } from "zod";

const repo = z.object({ full_name: z.string() }).nullable().optional();
const eventSchema = z.object({
  repository: z.object({ full_name: z.string() }).optional(),
  pull_request: z.object({ number: z.number(), head: z.object({ repo }) }).optional(),
  workflow_run: z.object({ head_repository: repo }).optional(),
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

/**
 * Refuses to hand AWS credentials to a fork's code. `pull_request_target` and `workflow_run` run with the
 * base repository's secrets and OIDC permissions, and `terraform plan` executes provider and `external`
 * data-source code from the checked-out configuration.
 */
export function untrustedCodeGuard(eventName: string | undefined, event: GitHubEvent): string | undefined {
  if (eventName !== "pull_request_target" && eventName !== "workflow_run") return undefined;
  const base = event.repository?.full_name;
  const head =
    eventName === "pull_request_target"
      ? event.pull_request?.head.repo?.full_name
      : event.workflow_run?.head_repository?.full_name;
  if (head !== undefined && base !== undefined && head === base) return undefined;
  return (
    `refusing to assume the role: this ${eventName} run would plan code from ${head ?? "a deleted fork"}, ` +
    `a fork of ${base ?? "this repository"}, with this repository's AWS role — terraform plan runs provider and ` +
    "external data-source code from that checkout. Run the plan on `pull_request` (forks get no credentials), " +
    "or have a maintainer review the change and run it from a branch in this repository (`/agent plan`)."
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
