import { isTerraformHcl } from "../../core/terraform/files.js";
import { createHclParser } from "../../adapters/hcl/index.js";
import type { PullCommit } from "../../adapters/github/feedback.js";
import { diffAgentBlocks, type Correction } from "../../core/lessons/index.js";
import type { ParsedFile } from "../../core/terraform/types.js";
import type { TaskContext } from "../types.js";

const MAX_FILES = 40;

export interface PullRange {
  number: number;
  baseSha: string;
  headSha: string;
}

/**
 * What people changed in the agent's blocks before merging: the PR's files at its base, after the agent's
 * last commit before the first human one, and at the head, read through the compare and contents APIs and
 * parsed with the HCL adapter. Only `.tf` files are read, at most 40.
 */
export async function humanCorrections(
  ctx: TaskContext,
  pr: PullRange,
  commits: readonly PullCommit[],
): Promise<Correction[]> {
  const firstHuman = commits.findIndex((c) => c.human);
  const agentSha = firstHuman > 0 ? commits[firstHuman - 1]?.sha : undefined;
  if (agentSha === undefined) return [];
  const repo = { owner: ctx.thread.owner, repo: ctx.thread.repo };
  const byAgent = (await ctx.github.changedFiles(repo, pr.baseSha, agentSha)).filter((f) =>
    isTerraformHcl(f.path),
  );
  const byPeople = (await ctx.github.changedFiles(repo, agentSha, pr.headSha)).filter((f) =>
    isTerraformHcl(f.path),
  );
  const agentPaths = byAgent.map((f) => f.path).slice(0, MAX_FILES);
  const headPaths = [
    ...new Set([...agentPaths.flatMap((p) => renamedTo(p, byPeople)), ...byPeople.map((f) => f.path)]),
  ].slice(0, MAX_FILES);
  const parser = createHclParser();
  const load = async (paths: readonly string[], ref: string): Promise<ParsedFile[]> => {
    const out: ParsedFile[] = [];
    for (const path of paths) {
      const content = await ctx.github.fileAt(repo, path, ref);
      if (content === null) continue;
      const parsed = await parser.parse(path, content);
      if (parsed.ok) out.push({ path, content, body: parsed.body });
    }
    return out;
  };
  return diffAgentBlocks({
    base: await load(agentPaths, pr.baseSha),
    agent: await load(agentPaths, agentSha),
    head: await load(headPaths, pr.headSha),
  });
}

function renamedTo(
  path: string,
  changes: readonly { path: string; previous: string | null; status: string }[],
): string[] {
  const moved = changes.find((c) => c.previous === path);
  if (moved) return [moved.path];
  return changes.some((c) => c.path === path && c.status === "removed") ? [] : [path];
}
