import { WorkspaceError } from "./errors.js";
import type { Redactor } from "../../core/redact/index.js";
import type { GitRunner } from "./runner.js";
import type { GitAuthor } from "./types.js";

/** What every workspace operation shares; mutable fields follow HEAD and the remote as we move them. */
export interface WorkspaceState {
  kind: "clone" | "local";
  dir: string;
  /** The directory dispose() removes (the mkdtemp root); undefined for a local workspace. */
  ownedDir: string | undefined;
  /** The remote as it may be printed (no credentials). */
  remote: string;
  git: GitRunner;
  redactor: Redactor;
  author: GitAuthor;
  defaultBranch: string;
  baseBranch: string;
  baseSha: string;
  headSha: string;
  /** Remote branch → the sha we last saw there (null: absent); the lease for force pushes. */
  leases: Map<string, string | null>;
  disposed: boolean;
  /** Paths writeFile touched, so a local workspace can undo what it did not commit. */
  written: Set<string>;
  /** The branch checkoutBranch created in a local repository, if any. */
  createdBranch: string | undefined;
  /** The commit the created branch started at (HEAD, or the `from` of checkoutBranch). */
  branchStart: string | undefined;
}

/** A workspace before it has read its branches: everything git will fill in starts empty. */
export function newState(
  init: Pick<WorkspaceState, "kind" | "dir" | "ownedDir" | "remote" | "git" | "redactor" | "author">,
): WorkspaceState {
  return {
    ...init,
    defaultBranch: "",
    baseBranch: "",
    baseSha: "",
    headSha: "",
    leases: new Map(),
    disposed: false,
    written: new Set(),
    createdBranch: undefined,
    branchStart: undefined,
  };
}

export async function revParse(state: WorkspaceState, ref: string): Promise<string> {
  const out = await state.git.run("git rev-parse", ref, [
    "rev-parse",
    "--verify",
    "--end-of-options",
    `${ref}^{commit}`,
  ]);
  return out.trim();
}

export async function remoteSha(state: WorkspaceState, branch: string): Promise<string | null> {
  const out = await state.git.run(
    "git ls-remote",
    state.remote,
    ["ls-remote", "--heads", "origin", `refs/heads/${branch}`],
    { network: true },
  );
  const line = out.split("\n").find((row) => row.endsWith(`\trefs/heads/${branch}`));
  return line?.split("\t")[0] ?? null;
}

/** A revision argument we pass to git: a sha or a plain ref name, never something that reads as an option. */
export function checkRevision(operation: string, rev: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._/~^-]{0,199}$/.test(rev) || rev.includes("..")) {
    throw new WorkspaceError(
      operation,
      JSON.stringify(rev),
      "not a commit sha or branch name",
      "pass a sha or a branch like main",
    );
  }
  return rev;
}
