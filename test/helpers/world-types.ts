// The records the GitHub world holds, shared by its parts (github-world.ts, world-git.ts, world-actions.ts).

export const WORLD_OWNER = "Codertocat";
export const WORLD_NAME = "Hello-World";
export const WORLD_WEB = `https://github.com/${WORLD_OWNER}/${WORLD_NAME}`;
/** Git author name of the app's commits (the workspace author); everything else is a person. */
export const WORLD_BOT = "devops-agent[bot]";

/** What a route answers: status, body and optional headers (nock's reply tuple). */
export type Reply = [number, unknown, Record<string, string>?];

export interface WorldComment {
  id: number;
  issue: number;
  body: string;
  login: string;
}

export interface WorldPull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  /** The base branch's commit when the PR was opened: the PR's commits are `baseSha..head`. */
  baseSha: string;
  state: "open" | "closed";
  /** Every body the app sent for this PR, oldest first (the PR is updated in place). */
  bodies: string[];
}

export interface WorldIssue {
  number: number;
  title: string;
  body: string;
  login: string;
  state: "open" | "closed";
  labels: string[];
}

export interface WorldRun {
  id: number;
  jobs: { id: number; name: string; failedStep: string; log: string }[];
}
