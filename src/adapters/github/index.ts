export { atLeast, createGitHubPort } from "./port.js";
export { statusOf } from "./status.js";
export { githubUrls, octokitFor, type GitHubUrls } from "./enterprise.js";
export type { GitHubPortOptions, Octokit } from "./port.js";
export type {
  GitHubPort,
  OwnedComment,
  PullRequestInfo,
  Reaction,
  RepoRef,
  ThreadRef,
  WorkflowDispatch,
} from "./types.js";
export type { FailedRun, LogDownload, RunJob, RunRef, RunsApi } from "./runs.js";
export type { AgentPullRequest, HistoryApi } from "./history.js";
export type { ProvenanceApi, RunProvenance } from "./provenance.js";
export type { ApplyApi } from "./apply.js";
export type { ChecksApi, CheckOutput, PullFile } from "./checks.js";
export type { IssuesApi, OwnedIssue } from "./issues.js";
