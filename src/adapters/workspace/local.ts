import { realpath, stat } from "node:fs/promises";
import { homedir } from "node:os";
import type { Redactor } from "../../core/redact/index.js";
import { WorkspaceError } from "./errors.js";
import { createGitRunner } from "./runner.js";
import { newState, revParse } from "./state.js";
import { parsePorcelain } from "./status.js";
import type { GitAuthor, Workspace, WorkspaceFactoryOptions } from "./types.js";
import { workspaceFromState } from "./workspace.js";

/** The user's own machine and repository: their git configuration is theirs to trust. */
function userHome(): string {
  return process.env.HOME ?? homedir();
}

/** The user's own repository, for `devops-agent ask`: same API, no clone, no push, never deleted. */
export async function openLocalWorkspace(
  dir: string,
  factory: WorkspaceFactoryOptions,
  redactor: Redactor,
  author: GitAuthor,
): Promise<Workspace> {
  const shown = redactor.redact(dir);
  const isDir = await stat(dir).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  if (!isDir)
    throw new WorkspaceError(
      "open",
      shown,
      "no such directory",
      "pass the path of a git repository with --repo",
    );
  const probe = createGitRunner({
    dir,
    redactor,
    protocols: "https",
    home: userHome(),
    timeoutMs: factory.timeoutMs ?? 120_000,
  });
  const top = await probe
    .run("open", shown, ["rev-parse", "--show-toplevel"], {
      hint: "pass the path of a git repository (git init, then commit)",
    })
    .catch(() => {
      throw new WorkspaceError(
        "open",
        shown,
        "not a git repository",
        "run `git init` and commit once, or pass the repository's directory",
      );
    });
  const root = await realpath(top.trim());
  const git = createGitRunner({
    dir: root,
    redactor,
    protocols: "https",
    home: userHome(),
    timeoutMs: factory.timeoutMs ?? 120_000,
  });
  const state = newState({
    kind: "local",
    dir: root,
    ownedDir: undefined,
    remote: root,
    git,
    redactor,
    author,
  });
  state.baseSha = await revParse(state, "HEAD").catch(() => {
    throw new WorkspaceError(
      "open",
      root,
      "the repository has no commits yet",
      "commit the existing files once, then run again",
    );
  });
  const changes = parsePorcelain(
    await git.run("git status", root, [
      "status",
      "--porcelain=v1",
      "-z",
      "--no-renames",
      "--untracked-files=all",
    ]),
  );
  if (changes.length > 0) {
    const sample = changes
      .slice(0, 3)
      .map((change) => change.path)
      .join(", ");
    throw new WorkspaceError(
      "open",
      root,
      `${changes.length} uncommitted change${changes.length === 1 ? "" : "s"} (${sample}${changes.length > 3 ? ", …" : ""})`,
      "commit or stash them first, so the agent's branch holds only its own change",
    );
  }
  const branch = (await git.run("git rev-parse", root, ["rev-parse", "--abbrev-ref", "HEAD"])).trim();
  // Detached HEAD: name the base by its commit, so messages still say what the branch started from.
  state.baseBranch = branch === "HEAD" ? state.baseSha.slice(0, 12) : branch;
  state.defaultBranch = state.baseBranch;
  state.headSha = state.baseSha;
  return workspaceFromState(state);
}
