export { atLeast, createGitHubPort, statusOf } from "./port.js";
export type { GitHubPortOptions, Octokit } from "./port.js";
export type { GitHubPort, OwnedComment, Reaction, RepoRef, ThreadRef } from "./types.js";
