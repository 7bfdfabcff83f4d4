import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { callCli, type CliOutcome } from "./cli-call.js";

const git = promisify(execFile);

export interface Proposal {
  outcome: CliOutcome;
  /** `git diff` of the proposed commit against the branch it started from. */
  diff: string;
  committed: boolean;
}

/**
 * The offline plan for a request against a local repository. Without `commit`, it works in a throwaway
 * clone (the user's repository, branches and working tree are not touched) and returns the diff; with it,
 * `ask` commits on a new branch of the repository itself, as the CLI does.
 */
export async function proposeChange(repo: string, request: string, commit: boolean): Promise<Proposal> {
  if (commit) return { ...(await askWithDiff(repo, request)), committed: true };
  const scratch = await mkdtemp(join(tmpdir(), "devops-agent-mcp-"));
  try {
    const clone = join(scratch, "repo");
    await git("git", ["clone", "--quiet", "--no-hardlinks", repo, clone]);
    return { ...(await askWithDiff(clone, request)), committed: false };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function askWithDiff(repo: string, request: string): Promise<{ outcome: CliOutcome; diff: string }> {
  const start = (await git("git", ["-C", repo, "rev-parse", "HEAD"])).stdout.trim();
  const outcome = await callCli(["ask", request, "--repo", repo, "--offline", "--json"], repo);
  if (outcome.code !== 0) return { outcome, diff: "" };
  const branch = (JSON.parse(outcome.stdout) as { branch?: unknown }).branch;
  if (typeof branch !== "string") return { outcome, diff: "" };
  const diff = await git("git", ["-C", repo, "diff", "--no-color", start, branch, "--"], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return { outcome, diff: diff.stdout };
}
