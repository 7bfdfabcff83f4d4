import { createWorkspace, type Workspace } from "../adapters/workspace/index.js";
import { cloneUrl } from "../connect.js";
import type { TaskContext } from "./types.js";

export interface CloneOptions {
  /** The default branch unless given. */
  branch?: string;
  depth?: number;
  /** Another repository (a fork's PR head); the job's repository by default. */
  repo?: { owner: string; name: string; public: boolean };
}

/**
 * A temporary clone, authored as the app, with the deployment's git policy (file URLs in tests, a
 * plain-http GitHub Enterprise host). The one place tasks clone from, so every task gets the same policy.
 */
export async function cloneRepository(
  ctx: Pick<TaskContext, "redactor" | "workspaces" | "thread" | "token">,
  options: CloneOptions = {},
): Promise<Workspace> {
  const base = ctx.workspaces.gitBaseUrl;
  const factory = createWorkspace({
    redactor: ctx.redactor,
    author: ctx.workspaces.author,
    ...(ctx.workspaces.allowFileProtocol ? { allowFileProtocol: true } : {}),
    ...(base.startsWith("http://") ? { plainHttpHost: new URL(base).host } : {}),
  });
  const repo = options.repo ?? { owner: ctx.thread.owner, name: ctx.thread.repo, public: false };
  return factory.clone({
    url: cloneUrl(ctx.workspaces, repo.owner, repo.name),
    ...(options.branch ? { branch: options.branch } : {}),
    ...(options.depth ? { depth: options.depth } : {}),
    // The installation token reaches this installation's repositories only; a public fork is read without it.
    ...(ctx.token && !repo.public ? { token: ctx.token } : {}),
  });
}
