import { IssuePayload, isBot, jobBase, parsePayload } from "./payloads.js";
import { labelRequest } from "./issues-opened.js";
import type { HandlerDeps, HandlerEvent } from "./types.js";

/** A label added to an issue: a request when it is the repo's trigger label (the job checks which). */
export function onIssueLabeled(deps: HandlerDeps) {
  return async (event: HandlerEvent): Promise<void> => {
    const p = parsePayload(IssuePayload, event);
    if (!p) return;
    if (isBot(p.sender) || p.issue.pull_request || !p.label) return;
    if (
      !(await deps.enqueue(
        labelRequest(
          jobBase(event, deps, p, { number: p.issue.number, isPullRequest: false }),
          p,
          "issue_labeled",
        ),
      ))
    ) {
      event.log.info({ delivery: event.id }, "ignored: duplicate delivery");
    }
  };
}
