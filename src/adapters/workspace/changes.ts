import { realpath } from "node:fs/promises";
import { homedir } from "node:os";
import { createRedactor } from "../../core/redact/index.js";
import { createGitRunner } from "./runner.js";
import { checkRevision } from "./state.js";

const runner = (dir: string) =>
  createGitRunner({
    dir,
    redactor: createRedactor(),
    protocols: "https",
    home: process.env.HOME ?? homedir(),
    timeoutMs: 60_000,
  });

/** The top of the git repository holding `dir` (real path), or null outside one. Read-only. */
export async function gitTopLevel(dir: string): Promise<string | null> {
  try {
    const top = await runner(dir).run("git rev-parse", dir, ["rev-parse", "--show-toplevel"]);
    return await realpath(top.trim());
  } catch {
    return null;
  }
}

/**
 * Files that differ between `base` and the working tree (committed, staged, unstaged and untracked),
 * relative to the repository top. For reviewing a local change: unlike `openLocal`, a dirty tree is fine
 * and nothing is ever written.
 */
export async function changedSince(dir: string, base: string): Promise<string[]> {
  const git = runner(dir);
  const rev = checkRevision("git diff", base);
  await git.run("git rev-parse", rev, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`], {
    hint: "pass a commit or a branch that exists here",
  });
  // Run from the top, so both commands name paths from there.
  const atTop = runner((await gitTopLevel(dir)) ?? dir);
  const diff = await atTop.run("git diff", rev, ["diff", "--name-only", "-z", "--no-renames", rev, "--"]);
  const untracked = await atTop.run("git ls-files", dir, [
    "ls-files",
    "--others",
    "--exclude-standard",
    "-z",
  ]);
  return [...new Set([...diff.split("\0"), ...untracked.split("\0")].filter(Boolean))].sort();
}
