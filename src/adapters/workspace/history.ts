import { WorkspaceError } from "./errors.js";
import type { WorkspaceState } from "./state.js";
import { checkRevision, revParse } from "./state.js";
import type { CommitInfo } from "./types.js";

const DEEPEN_STEPS = [50, 200, 1000];
const FIELD = "\x1f";
const RECORD = "\x1e";

/** A shallow clone may lack older commits: deepen a bounded number of times until `ready()` holds. */
async function deepenUntil(state: WorkspaceState, ready: () => Promise<boolean>): Promise<boolean> {
  if (await ready()) return true;
  if (state.kind !== "clone") return false;
  for (const step of DEEPEN_STEPS) {
    const shallow = await state.git.run("git rev-parse", state.dir, ["rev-parse", "--is-shallow-repository"]);
    if (shallow.trim() !== "true") return false;
    await state.git.run(
      "git fetch",
      state.remote,
      ["fetch", "--progress", "--no-tags", `--deepen=${step}`, "origin"],
      {
        network: true,
      },
    );
    if (await ready()) return true;
  }
  return false;
}

/** Makes sure `rev` is a commit this (possibly shallow) clone holds, fetching more history if needed. */
export async function ensureCommit(state: WorkspaceState, operation: string, rev: string): Promise<string> {
  const tracking = await fetchRemoteBranch(state, rev);
  if (tracking !== undefined) return revParse(state, tracking);
  const known = await deepenUntil(state, () => state.git.succeeds(["cat-file", "-e", `${rev}^{commit}`]));
  if (!known) {
    throw new WorkspaceError(
      operation,
      rev,
      `no commit ${rev} in the history of ${state.baseBranch}`,
      "pass a commit or branch of this repository",
    );
  }
  return revParse(state, rev);
}

/**
 * A single-branch clone knows no other branch: a branch name like `main` is fetched (tip only; a tree
 * comparison needs no history) into its remote-tracking ref. Returns that ref, or undefined.
 */
async function fetchRemoteBranch(state: WorkspaceState, rev: string): Promise<string | undefined> {
  if (state.kind !== "clone" || /^[0-9a-f]{7,64}$/.test(rev)) return undefined;
  if (await state.git.succeeds(["cat-file", "-e", `${rev}^{commit}`])) return undefined;
  const ref = `refs/remotes/origin/${rev}`;
  const fetched = await state.git.succeeds(
    ["fetch", "--no-tags", "--depth=1", "origin", `+refs/heads/${rev}:${ref}`],
    { network: true },
  );
  return fetched ? ref : undefined;
}

export async function humanCommitsSince(state: WorkspaceState, sha: string): Promise<CommitInfo[]> {
  const rev = checkRevision("git log", sha);
  const notOnBranch = () =>
    new WorkspaceError(
      "git log",
      `${rev}..HEAD`,
      `${rev} is not in the history of ${state.headSha.slice(0, 12)}`,
      "pass a commit of this branch (the agent's last commit)",
    );
  if (!(await deepenUntil(state, () => state.git.succeeds(["cat-file", "-e", `${rev}^{commit}`]))))
    throw notOnBranch();
  const base = await revParse(state, rev);
  if (!(await deepenUntil(state, () => state.git.succeeds(["merge-base", "--is-ancestor", base, "HEAD"]))))
    throw notOnBranch();
  const format = ["%H", "%an", "%ae", "%s"].join(FIELD) + RECORD;
  const out = await state.git.run("git log", `${rev}..HEAD`, [
    "log",
    "--reverse",
    `--format=${format}`,
    `${base}..HEAD`,
  ]);
  const bot = state.author.email.toLowerCase();
  return out
    .split(RECORD)
    .map((record) => record.trim())
    .filter((record) => record !== "")
    .map((record) => {
      const [commitSha = "", authorName = "", authorEmail = "", subject = ""] = record.split(FIELD);
      return { sha: commitSha, authorName, authorEmail, subject };
    })
    .filter((commit) => commit.authorEmail.toLowerCase() !== bot && !commit.authorName.endsWith("[bot]"));
}
