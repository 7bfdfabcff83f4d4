import type { OwnedComment } from "../../adapters/github/index.js";
import type { TaskContext } from "../types.js";
import type { RunTarget } from "./types.js";
import { inlineCode } from "../../core/text/markdown.js";

// The loop guard keeps its count on GitHub, in a sticky comment per branch and failure fingerprint: any
// replica (and a restarted server) sees the same number, and people can see it too.
const COUNT = /<!-- devops-agent:attempts (\d{1,4}) -->/;

export function attemptsIn(body: string | null | undefined): number {
  const match = body ? COUNT.exec(body) : null;
  return match?.[1] ? Number(match[1]) : 0;
}

export function ledgerBody(
  branch: string,
  fingerprint: string,
  attempts: number,
  max: number,
  last: string,
): string {
  return [
    `<!-- devops-agent:attempts ${attempts} -->`,
    `**Auto-fix attempts** for ${inlineCode(branch)} (failure ${inlineCode(fingerprint)}): ${attempts} of ${max}.`,
    "",
    `Last: ${last}`,
    ...(attempts >= max
      ? ["", "I will not try to fix this failure on this branch again; it needs a human."]
      : []),
  ].join("\n");
}

export interface Ledger {
  attempts: number;
  record(attempts: number, last: string): Promise<void>;
}

/** The attempt count for this branch and fingerprint, and a way to write the next one. */
export async function openLedger(ctx: TaskContext, run: RunTarget, fingerprint: string): Promise<Ledger> {
  const key = `${run.headBranch}@${fingerprint}`;
  const repo = { owner: ctx.thread.owner, repo: ctx.thread.repo };
  const max = ctx.config.autofix.maxAttempts;
  let existing: OwnedComment | null;
  if (run.prNumber !== null) {
    existing = await ctx.github.findComment({ ...repo, number: run.prNumber }, "autofix", key);
  } else {
    existing = await ctx.github.findCommitComment(repo, run.headSha, "autofix", key);
  }
  return {
    attempts: attemptsIn(existing?.body),
    async record(attempts, last) {
      const body = ledgerBody(run.headBranch, fingerprint, attempts, max, last);
      if (run.prNumber !== null) {
        await ctx.github.upsertComment({ ...repo, number: run.prNumber }, "autofix", key, body);
      } else {
        await ctx.github.upsertCommitComment(repo, run.headSha, "autofix", key, body);
      }
    },
  };
}
