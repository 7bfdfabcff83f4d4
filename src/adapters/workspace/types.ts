import type { Redactor } from "../../core/redact/index.js";
import type { FileChange } from "./status.js";

export type { ChangeAction, FileChange } from "./status.js";

export interface GitAuthor {
  name: string;
  email: string;
}

export type CommitResult = { committed: true; sha: string } | { committed: false; reason: string };

export interface PushOptions {
  branch: string;
  /**
   * true (default): overwrite the remote branch if it still holds what we last saw — only for `agent/…`
   * branches, so a re-run converges. false: a fast-forward push, only to the branch that was cloned
   * (a PR head living in this repository).
   */
  forceWithLease?: boolean;
}

export interface PushResult {
  branch: string;
  sha: string;
  /** What the remote branch held before the push; null when the push created it. */
  previousSha: string | null;
}

export interface CommitInfo {
  sha: string;
  authorName: string;
  authorEmail: string;
  subject: string;
}

export interface Workspace {
  /** "clone": a temporary clone that can push; "local": the user's repository (no push, never deleted). */
  readonly kind: "clone" | "local";
  /** Real path of the working tree. */
  readonly dir: string;
  /** The repository's default branch (clone) or the branch checked out when opened (local). */
  readonly defaultBranch: string;
  /** The branch that was cloned or checked out at open time. */
  readonly baseBranch: string;
  /** The commit the workspace started from. */
  readonly baseSha: string;
  /** The commit HEAD points at now (changes after checkoutBranch and commit). */
  readonly headSha: string;
  branchName(issueNumber: number, title: string): string;
  /**
   * Clone: creates or resets `name` at the base commit. Local: a new branch from HEAD, or from `from` (a
   * branch or commit) when given; returns the name used.
   */
  checkoutBranch(name: string, from?: string): Promise<string>;
  /** Files changed by other writers in this run (the agent's confined writer), for dispose() to undo. */
  adopt(relPaths: readonly string[]): void;
  writeFile(relPath: string, content: string | Uint8Array): Promise<void>;
  readFile(relPath: string, options?: { maxBytes?: number }): Promise<string>;
  status(): Promise<FileChange[]>;
  commit(message: string, author?: GitAuthor): Promise<CommitResult>;
  push(options: PushOptions): Promise<PushResult>;
  /** Paths that differ between `base` and HEAD (committed changes only). */
  diffNames(base: string): Promise<string[]>;
  /** Commits in `sha..HEAD` not authored by the bot (nor by any other `[bot]` account), oldest first. */
  humanCommitsSince(sha: string): Promise<CommitInfo[]>;
  /**
   * Clone: removes the directory. Local: undoes what the agent wrote but did not commit, and when nothing
   * was committed switches back to the starting branch and deletes the one it created; with `returnToStart`
   * it also switches back after a commit, keeping the new branch. Safe to call twice.
   */
  dispose(options?: { returnToStart?: boolean }): Promise<void>;
}

export interface CloneOptions {
  url: string;
  branch?: string;
  depth?: number;
  token?: string;
  tmpRoot?: string;
}

export interface WorkspaceFactoryOptions {
  /** Receives the token before first use; share the app's redactor so its logs mask it too. */
  redactor?: Redactor;
  /** The identity commits are authored as, and whose commits humanCommitsSince leaves out. */
  author?: GitAuthor;
  /** Only for tests with a local bare repository as the remote. */
  allowFileProtocol?: boolean;
  /** Only for tests with a loopback HTTP server as the remote. */
  allowPlainHttp?: boolean;
  /** A GitHub Enterprise Server the operator runs over plain HTTP (GHE_PROTOCOL=http): host:port. */
  plainHttpHost?: string | undefined;
  /** A git command with no output for this long is killed. */
  timeoutMs?: number;
  tmpRoot?: string;
}

export interface WorkspaceFactory {
  clone(options: CloneOptions): Promise<Workspace>;
  openLocal(dir: string): Promise<Workspace>;
}
