/** One change the agent makes in a repository, from a request in plain words. */
export interface ChangeRequest {
  request: string;
  origin: { kind: "issue" | "pull_request" | "autofix"; number: number };
  /** The branch to start from; the default branch when null. */
  base: { branch: string | null };
  delivery:
    | { kind: "new-pr"; title: string; closes?: number }
    /** A commit on an existing branch of this repository (a PR's head). */
    | { kind: "push"; branch: string };
}

export interface ChangeOutcome {
  status: "pr-opened" | "pushed" | "questions" | "failed" | "no-change";
  /** The PR (new-pr) or the commit (push). */
  url?: string;
  sha?: string;
  branch?: string;
  /** What to tell the user, in markdown. */
  message: string;
  llm: { calls: number; promptTokens: number; completionTokens: number };
}
