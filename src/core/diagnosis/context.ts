/** Where the log was produced: the fix for the same error differs between a runner and a laptop. */
export type RunPlace = "actions" | "remote" | "local" | "unknown";

/** What the caller knows about the repository and run (the app does; the CLI may not). */
export interface RepoContext {
  /** `owner/name`. */
  repository?: string;
  /** The event that started the run (`push`, `pull_request`…). */
  event?: string;
  /** The branch the run was for. */
  branch?: string;
}

const ACTIONS =
  /^##\[(?:group|error|endgroup)\]|\/home\/runner\/work\/|^Run actions\/|GITHUB_(?:ACTIONS|WORKSPACE)/m;
const REMOTE =
  /Waiting for the (?:plan|apply) to start|Running (?:plan|apply) in (?:HCP Terraform|Terraform Cloud|the remote backend)|app\.terraform\.io\/app\/|Preparing the remote (?:plan|apply)/;
const LOCAL =
  /^(?:\S+@\S+:[^\n$#]*[$#]|[$%] |PS [A-Z]:\\|[A-Z]:\\[^\n>]*>)\s*\S|\/Users\/[\w.-]+\/|[A-Z]:\\Users\\|~\/\.aws\/|^>>> /m;

export function runPlace(text: string): RunPlace {
  if (REMOTE.test(text)) return "remote";
  if (ACTIONS.test(text)) return "actions";
  if (LOCAL.test(text)) return "local";
  return "unknown";
}
