import { parseCommands, stripHiddenContent } from "../core/commands/index.js";
import type { Job, JobBase } from "../jobs/types.js";
import { IssuePayload, isBot, jobBase, parsePayload } from "./payloads.js";
import type { HandlerDeps, HandlerEvent } from "./types.js";

/**
 * A new issue: `/agent` lines in its body run as commands. Whether an issue with the trigger label (or
 * any new issue) becomes a request is decided by the repo config, which the job reads.
 */
export function onIssueOpened(deps: HandlerDeps) {
  return async (event: HandlerEvent): Promise<void> => {
    const p = parsePayload(IssuePayload, event);
    if (!p) return;
    if (isBot(p.sender) || p.issue.pull_request) return;
    const { commands } = parseCommands(p.issue.body ?? "");
    const base = jobBase(event, deps, p, { number: p.issue.number, isPullRequest: false });
    const jobs: Job[] = commands.map(({ command }, index) => ({
      ...base,
      id: `${event.id}:${index}`,
      kind: "command",
      command,
      commentId: null,
      origin: "issue_body",
    }));
    if (jobs.length === 0) jobs.push(labelRequest(base, p, "issue_opened"));
    // One after another: jobs of one thread must reach the queue in their order.
    for (const job of jobs)
      if (!(await deps.enqueue(job))) event.log.info({ delivery: event.id }, "ignored: duplicate delivery");
  };
}

/** The issue itself as a request; the job checks the label/opened trigger against the repo config. */
export function labelRequest(
  base: Omit<JobBase, "id">,
  p: IssuePayload,
  why: "issue_opened" | "issue_labeled",
): Job {
  const text = stripHiddenContent(`${p.issue.title}\n\n${p.issue.body ?? ""}`).trim();
  return {
    ...base,
    id: `${base.deliveryId}:issue`,
    kind: "command",
    command: { name: "request", text },
    commentId: null,
    origin: "issue_label",
    trigger: { why, labels: (p.issue.labels ?? []).map((l) => l.name), label: p.label?.name ?? null },
  };
}
