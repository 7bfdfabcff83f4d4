import type { PermissionLevel } from "../../core/config/index.js";
import type { ApplyApi } from "./apply.js";
import type { ChecksApi } from "./checks.js";
import type { IssuesApi } from "./issues.js";
import type { FeedbackApi } from "./feedback.js";
import type { HistoryApi } from "./history.js";
import type { ProvenanceApi } from "./provenance.js";
import type { RunsApi } from "./runs.js";

export interface RepoRef {
  owner: string;
  repo: string;
}

/** An issue or pull request conversation: both take comments through the issues API. */
export interface ThreadRef extends RepoRef {
  number: number;
}

export interface OwnedComment {
  id: number;
  url: string;
  body: string;
}

export type Reaction = "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";

export interface PullRequestInfo {
  number: number;
  state: string;
  title: string;
  body: string;
  url: string;
  headRef: string;
  headSha: string;
  /** `owner/name` of the head repository; null when the fork was deleted. */
  headRepo: string | null;
  baseRef: string;
  isFork: boolean;
}

export type WorkflowDispatch =
  { status: "dispatched"; runId: number | null; runUrl: string | null } | { status: "missing-workflow" };

/** What tasks need from GitHub. Built by `createGitHubPort`; tests drive it through nock. */
export interface GitHubPort
  extends RunsApi, HistoryApi, FeedbackApi, ProvenanceApi, ApplyApi, ChecksApi, IssuesApi {
  findComment(thread: ThreadRef, kind: string, key: string | number): Promise<OwnedComment | null>;
  /** Creates the comment, or updates the one carrying the same marker. */
  upsertComment(
    thread: ThreadRef,
    kind: string,
    key: string | number,
    body: string,
    options?: { fullTextAt?: string },
  ): Promise<OwnedComment & { created: boolean }>;
  /** Rewrites a comment the app owns, by id (when the caller already knows it, saving a listing). */
  updateComment(
    repo: RepoRef,
    id: number,
    kind: string,
    key: string | number,
    body: string,
  ): Promise<OwnedComment>;
  /** Posts the comment only if none with this marker exists; returns null when one already did. */
  postOnce(thread: ThreadRef, kind: string, key: string | number, body: string): Promise<OwnedComment | null>;
  react(repo: RepoRef, commentId: number, reaction: Reaction): Promise<void>;
  permissionOf(repo: RepoRef, username: string): Promise<PermissionLevel | "none">;
  pullRequest(thread: ThreadRef): Promise<PullRequestInfo>;
  /** Opens a PR from `head` into `base`, or updates the open one from the same head. The body is redacted. */
  proposePullRequest(
    repo: RepoRef,
    draft: { title: string; body: string; head: string; base: string },
  ): Promise<{ number: number; url: string; created: boolean }>;
  /** Runs `workflow_dispatch` for a workflow file on `ref`; reports a missing workflow instead of throwing. */
  dispatchWorkflow(
    thread: ThreadRef,
    file: string,
    ref: string,
    inputs: Record<string, string>,
  ): Promise<WorkflowDispatch>;
  /** A file's text on the default branch, or null when it does not exist. */
  readFile(repo: RepoRef, path: string): Promise<string | null>;
}
