import { rm, rmdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { WorkspaceError } from "./errors.js";
import type { WorkspaceState } from "./state.js";
import { revParse } from "./state.js";

/**
 * Leaves the user's repository as `ask` found it, except for what the agent committed: files it wrote
 * but did not commit are restored (or removed when new), and a branch with no commit of ours is deleted
 * after switching back. openLocal checked the tree was clean, so every change undone here is ours.
 */
export async function restoreLocal(state: WorkspaceState, returnToStart = false): Promise<void> {
  const problems: string[] = [];
  const attempt = async (what: string, step: () => Promise<unknown>) => {
    await step().catch((error: unknown) => {
      problems.push(`${what}: ${error instanceof WorkspaceError ? error.reason : String(error)}`);
    });
  };
  for (const path of [...state.written].sort()) {
    const tracked = await state.git.succeeds(["cat-file", "-e", `HEAD:${path}`]);
    await attempt(path, () =>
      tracked
        ? state.git.run("git checkout", path, ["checkout", "HEAD", "--", path])
        : state.git
            .run("git rm", path, ["rm", "--cached", "--quiet", "--ignore-unmatch", "--", path])
            .then(() => removeWithEmptyParents(state.dir, path)),
    );
  }
  state.written.clear();
  const created = state.createdBranch;
  const head = await revParse(state, "HEAD").catch(() => undefined);
  const unused = head === (state.branchStart ?? state.baseSha);
  if (created !== undefined && (unused || returnToStart)) {
    // A detached start is named by its short sha; go back to the exact commit then.
    const onBranch = await state.git.succeeds([
      "rev-parse",
      "--verify",
      "--quiet",
      `refs/heads/${state.baseBranch}`,
    ]);
    const base = onBranch ? state.baseBranch : state.baseSha;
    await attempt(`switch back to ${base}`, () =>
      state.git.run("git checkout", base, ["checkout", "--quiet", base]),
    );
    if (problems.length === 0 && unused) {
      await attempt(`delete ${created}`, () =>
        state.git.run("git branch", created, ["branch", "--quiet", "-D", created]),
      );
    }
  }
  if (problems.length > 0) {
    throw new WorkspaceError(
      "restore",
      state.dir,
      problems.join("; "),
      "check `git status` in the repository and tidy it by hand",
    );
  }
}

/** A new file goes, and so do the directories writeFile created for it (git tracks no empty ones). */
async function removeWithEmptyParents(root: string, relPath: string): Promise<void> {
  await rm(join(root, relPath), { force: true });
  for (let parent = dirname(relPath); parent !== "." && parent !== "/"; parent = dirname(parent)) {
    const removed = await rmdir(join(root, parent)).then(
      () => true,
      () => false,
    );
    if (!removed) return;
  }
}
