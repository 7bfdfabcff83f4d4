import type { GitHubPort } from "../adapters/github/index.js";

/** The port methods that leave something a person can see: comments, pull requests, workflow runs. */
const VISIBLE = [
  "upsertComment",
  "updateComment",
  "postOnce",
  "proposePullRequest",
  "dispatchWorkflow",
] as const;

/**
 * Wraps a job's GitHub port to notice when the job has shown something to a person. From then on a
 * passing failure is reported instead of retried: a retry must never repeat what someone already saw.
 */
export function watchOutcome(github: GitHubPort): { github: GitHubPort; visible: () => boolean } {
  let visible = false;
  const watched: GitHubPort = { ...github };
  const methods = github as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of VISIBLE) {
    (watched as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      const result = await methods[name]?.apply(github, args);
      visible = true;
      return result;
    };
  }
  return { github: watched, visible: () => visible };
}
