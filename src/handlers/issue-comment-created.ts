import { parseCommands } from "../core/commands/index.js";
import type { Job } from "../jobs/types.js";
import { IssueCommentPayload, isBot, jobBase, parsePayload } from "./payloads.js";
import type { HandlerDeps, HandlerEvent } from "./types.js";

/** `/agent …` in a new issue or pull-request comment → one job per command, in order. */
export function onIssueCommentCreated(deps: HandlerDeps) {
  return async (event: HandlerEvent): Promise<void> => {
    const p = parsePayload(IssueCommentPayload, event);
    if (!p) return;
    if (isBot(p.sender) || isBot(p.comment.user)) return;

    const { commands, problems } = parseCommands(p.comment.body ?? "");
    if (commands.length === 0 && problems.length === 0) return;

    const base = jobBase(event, deps, p, {
      number: p.issue.number,
      isPullRequest: p.issue.pull_request !== undefined && p.issue.pull_request !== null,
    });
    const jobs: Job[] = commands.map(({ command }, index) => ({
      ...base,
      id: `${event.id}:${index}`,
      kind: "command",
      command,
      commentId: p.comment.id,
      origin: "issue_comment",
    }));
    if (problems.length > 0) {
      jobs.push({
        ...base,
        id: `${event.id}:problems`,
        kind: "command-problems",
        problems,
        commentId: p.comment.id,
      });
    }
    // One after another: the commands of one comment must reach the queue in their order.
    let accepted = 0;
    for (const job of jobs) if (await deps.enqueue(job)) accepted += 1;
    if (accepted < jobs.length) event.log.info({ delivery: event.id }, "ignored: duplicate delivery");
  };
}
