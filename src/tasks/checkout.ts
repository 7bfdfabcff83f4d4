import type { PullRequestInfo } from "../adapters/github/index.js";
import { cloneRepository } from "./clone.js";
import type { TaskContext } from "./types.js";

/** A shallow clone of `branch` of `owner/name`, removed after `work`; `headSha` is the commit it holds. */
export async function withClone<T>(
  ctx: TaskContext,
  source: { owner: string; name: string; branch: string; public: boolean },
  work: (dir: string, headSha: string) => Promise<T>,
): Promise<T> {
  const workspace = await cloneRepository(ctx, {
    branch: source.branch,
    repo: { owner: source.owner, name: source.name, public: source.public },
  });
  try {
    return await work(workspace.dir, workspace.headSha);
  } finally {
    await workspace.dispose();
  }
}

/** A shallow clone of the PR head (the fork's repository for a fork's PR), removed afterwards. */
export async function withHead<T>(
  ctx: TaskContext,
  pr: PullRequestInfo,
  work: (dir: string) => Promise<T>,
): Promise<T> {
  if (pr.headRepo === null)
    throw new Error("the pull request's head repository was deleted: nothing to read");
  const [owner = ctx.thread.owner, name = ctx.thread.repo] = pr.headRepo.split("/");
  return withClone(ctx, { owner, name, branch: pr.headRef, public: pr.isFork }, async (dir, sha) => {
    if (sha !== pr.headSha)
      ctx.log.info({ event: "review.head-moved", expected: pr.headSha, got: sha }, "head moved");
    return work(dir);
  });
}
