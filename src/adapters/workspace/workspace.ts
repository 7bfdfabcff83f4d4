import { rm } from "node:fs/promises";
import { branchName, checkBranchName } from "./branch.js";
import { WorkspaceError } from "./errors.js";
import { ensureCommit, humanCommitsSince } from "./history.js";
import { readInside, writeInside } from "./paths.js";
import { push } from "./push.js";
import { restoreLocal } from "./restore.js";
import type { WorkspaceState } from "./state.js";
import { checkRevision, remoteSha, revParse } from "./state.js";
import { parsePorcelain } from "./status.js";
import type { CommitResult, GitAuthor, Workspace } from "./types.js";

const DEFAULT_MAX_READ = 1024 * 1024;
const MAX_LOCAL_SUFFIX = 50;

/** Builds the Workspace API over a prepared state; clone and openLocal differ only in how they make it. */
export function workspaceFromState(state: WorkspaceState): Workspace {
  const live = (operation: string) => {
    if (state.disposed)
      throw new WorkspaceError(operation, state.dir, "the workspace was disposed", "create a new workspace");
  };
  const status = async () => {
    live("git status");
    const out = await state.git.run("git status", state.dir, [
      "status",
      "--porcelain=v1",
      "-z",
      "--no-renames",
      "--untracked-files=all",
    ]);
    return parsePorcelain(out);
  };
  return {
    kind: state.kind,
    dir: state.dir,
    defaultBranch: state.defaultBranch,
    baseBranch: state.baseBranch,
    baseSha: state.baseSha,
    get headSha() {
      return state.headSha;
    },
    branchName,
    async checkoutBranch(name, from) {
      live("git checkout");
      const chosen =
        state.kind === "local"
          ? await freeLocalName(state, checkBranchName("git checkout", name))
          : checkBranchName("git checkout", name);
      if (chosen === state.defaultBranch)
        throw new WorkspaceError(
          "git checkout",
          chosen,
          "that is the default branch",
          "work on an agent/<issue>-<slug> branch",
        );
      if (state.kind === "clone") {
        await state.git.run("git checkout", chosen, ["checkout", "-B", chosen, state.baseSha]);
        state.leases.set(chosen, await remoteSha(state, chosen));
      } else {
        const start = from === undefined ? [] : [await revParse(state, from)];
        await state.git.run("git checkout", chosen, ["checkout", "--quiet", "-b", chosen, ...start]);
        state.createdBranch = chosen;
        state.branchStart = await revParse(state, "HEAD");
      }
      state.headSha = await revParse(state, "HEAD");
      return chosen;
    },
    async writeFile(relPath, content) {
      live("write");
      state.written.add(await writeInside(state.dir, relPath, content));
    },
    async readFile(relPath, options = {}) {
      live("read");
      return readInside(state.dir, relPath, options.maxBytes ?? DEFAULT_MAX_READ);
    },
    status,
    async commit(message, author) {
      live("git commit");
      return commit(state, message, author ?? state.author);
    },
    async push(options) {
      live("git push");
      return push(state, options);
    },
    async diffNames(base) {
      live("git diff");
      const from = await ensureCommit(state, "git diff", checkRevision("git diff", base));
      const out = await state.git.run("git diff", `${base}..HEAD`, [
        "diff",
        "--name-only",
        "-z",
        "--no-renames",
        from,
        "HEAD",
      ]);
      return out
        .split("\0")
        .filter((path) => path !== "")
        .sort();
    },
    async humanCommitsSince(sha) {
      live("git log");
      return humanCommitsSince(state, sha);
    },
    adopt(relPaths) {
      for (const path of relPaths) state.written.add(path);
    },
    async dispose(options) {
      if (state.disposed) return;
      state.disposed = true;
      if (state.ownedDir !== undefined)
        await rm(state.ownedDir, { recursive: true, force: true, maxRetries: 3 });
      else await restoreLocal(state, options?.returnToStart === true);
    },
  };
}

async function commit(state: WorkspaceState, message: string, author: GitAuthor): Promise<CommitResult> {
  if (message.trim() === "")
    throw new WorkspaceError(
      "git commit",
      state.dir,
      "the commit message is empty",
      "say what the change does",
    );
  await state.git.run("git add", state.dir, ["add", "--all"]);
  if (await state.git.succeeds(["diff", "--cached", "--quiet"])) {
    return { committed: false, reason: `nothing to commit: the files match ${state.headSha.slice(0, 12)}` };
  }
  // Identity per command, so neither the host's git config nor its signing or hooks setup decides who commits.
  const config = [`user.name=${author.name}`, `user.email=${author.email}`, "commit.gpgsign=false"];
  await state.git.run(
    "git commit",
    state.dir,
    ["commit", "--no-verify", "--quiet", "-m", state.redactor.redact(message)],
    { config },
  );
  state.headSha = await revParse(state, "HEAD");
  return { committed: true, sha: state.headSha };
}

/** A local repository may already hold the branch from an earlier `ask`: keep it and pick name-2, name-3, … */
async function freeLocalName(state: WorkspaceState, name: string): Promise<string> {
  for (let attempt = 1; attempt <= MAX_LOCAL_SUFFIX; attempt += 1) {
    const candidate = attempt === 1 ? name : `${name}-${attempt}`;
    if (!(await state.git.succeeds(["rev-parse", "--verify", "--quiet", `refs/heads/${candidate}`])))
      return candidate;
  }
  throw new WorkspaceError(
    "git checkout",
    name,
    `${MAX_LOCAL_SUFFIX} branches by that name already exist`,
    "delete old agent branches (git branch -D …)",
  );
}
