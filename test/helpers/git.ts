import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The demo repository newcomers run the agent against; tests seed remotes with it. */
export const DEMO_INFRA = resolve(dirname(fileURLToPath(import.meta.url)), "../../examples/demo-infra");

export interface Person {
  name: string;
  email: string;
}

export const HUMAN: Person = { name: "Ada Reviewer", email: "ada@example.com" };

export interface Seed {
  /** Files to commit, path → content. */
  files?: Record<string, string>;
  /** A directory whose files are copied first (e.g. DEMO_INFRA). */
  fromDir?: string;
  branch?: string;
}

export interface BareRepo {
  /** Temporary directory holding everything; removed by cleanup(). */
  root: string;
  gitDir: string;
  /** file:// URL, the stand-in for https://github.com/owner/repo.git. */
  url: string;
  branch: string;
  seedSha: string;
  cleanup: () => Promise<void>;
}

/** Runs git with no system or global config and a fixed identity, so tests behave the same on any machine. */
export function git(args: string[], cwd?: string, person: Person = HUMAN): Promise<string> {
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: cwd ?? tmpdir(),
    LC_ALL: "C",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_AUTHOR_NAME: person.name,
    GIT_AUTHOR_EMAIL: person.email,
    GIT_COMMITTER_NAME: person.name,
    GIT_COMMITTER_EMAIL: person.email,
  };
  return new Promise((resolvePromise, reject) => {
    execFile("git", args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args.join(" ")}: ${stderr || error.message}`));
      else resolvePromise(stdout);
    });
  });
}

async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

/** A committed local repository (not bare), e.g. for `openLocal` and the `ask` CLI. */
export async function createLocalRepo(
  seed: Seed = {},
): Promise<{ dir: string; sha: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "devops-agent-local-"));
  const branch = seed.branch ?? "main";
  if (seed.fromDir !== undefined) await cp(seed.fromDir, dir, { recursive: true });
  await writeFiles(dir, seed.files ?? {});
  await git(["init", "--quiet", `--initial-branch=${branch}`], dir);
  await git(["add", "--all"], dir);
  await git(["commit", "--quiet", "--allow-empty", "-m", "Seed repository"], dir);
  const sha = (await git(["rev-parse", "HEAD"], dir)).trim();
  return { dir, sha, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A bare repository standing in for the GitHub remote, with one seed commit on `branch` (its default). */
export async function createBareRepo(seed: Seed = {}): Promise<BareRepo> {
  const root = await mkdtemp(join(tmpdir(), "devops-agent-remote-"));
  const branch = seed.branch ?? "main";
  const work = join(root, "seed");
  const gitDir = join(root, "remote.git");
  await mkdir(work);
  if (seed.fromDir !== undefined) await cp(seed.fromDir, work, { recursive: true });
  await writeFiles(work, seed.files ?? {});
  await git(["init", "--quiet", `--initial-branch=${branch}`], work);
  await git(["add", "--all"], work);
  await git(["commit", "--quiet", "--allow-empty", "-m", "Seed repository"], work);
  await git(["clone", "--quiet", "--bare", work, gitDir], root);
  const seedSha = (await git(["rev-parse", "HEAD"], work)).trim();
  await rm(work, { recursive: true, force: true });
  return {
    root,
    gitDir,
    url: pathToFileURL(gitDir).toString(),
    branch,
    seedSha,
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** A file's content on a branch of the bare repository (`git show branch:path`). */
export async function readBranchFile(gitDir: string, branch: string, path: string): Promise<string> {
  return git(["--git-dir", gitDir, "show", `${branch}:${path}`]);
}

export async function listBranchFiles(gitDir: string, branch: string): Promise<string[]> {
  const out = await git(["--git-dir", gitDir, "ls-tree", "-r", "--name-only", branch]);
  return out.split("\n").filter((line) => line !== "");
}

/** The sha a branch points at in the bare repository, or null when it does not exist. */
export async function branchSha(gitDir: string, branch: string): Promise<string | null> {
  const out = await git([
    "--git-dir",
    gitDir,
    "for-each-ref",
    "--format=%(objectname)",
    `refs/heads/${branch}`,
  ]);
  return out.trim() === "" ? null : out.trim();
}

export async function branchSubjects(gitDir: string, branch: string): Promise<string[]> {
  const out = await git(["--git-dir", gitDir, "log", "--format=%s", branch]);
  return out.split("\n").filter((line) => line !== "");
}

/** Pushes a commit by `person` onto `branch` of the bare repository, as a human reviewer would. */
export async function pushCommitAs(
  repo: BareRepo,
  branch: string,
  files: Record<string, string>,
  message: string,
  person: Person = HUMAN,
): Promise<string> {
  const work = await mkdtemp(join(repo.root, "human-"));
  try {
    await git(["clone", "--quiet", "--branch", branch, repo.gitDir, work], repo.root, person);
    await writeFiles(work, files);
    await git(["add", "--all"], work, person);
    await git(["commit", "--quiet", "-m", message], work, person);
    await git(["push", "--quiet", "origin", branch], work, person);
    return (await git(["rev-parse", "HEAD"], work, person)).trim();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
