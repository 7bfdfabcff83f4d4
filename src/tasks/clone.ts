import { createWorkspace, type Workspace } from "../adapters/workspace/index.js";
import { cloneUrl } from "../connect.js";
import type { TaskContext } from "./types.js";

/** A temporary clone of the job's repository (default branch unless `branch`), authored as the app. */
export async function cloneRepository(
  ctx: Pick<TaskContext, "redactor" | "workspaces" | "thread" | "token">,
  options: { branch?: string; depth?: number } = {},
): Promise<Workspace> {
  const base = ctx.workspaces.gitBaseUrl;
  const factory = createWorkspace({
    redactor: ctx.redactor,
    author: ctx.workspaces.author,
    ...(ctx.workspaces.allowFileProtocol ? { allowFileProtocol: true } : {}),
    ...(base.startsWith("http://") ? { plainHttpHost: new URL(base).host } : {}),
  });
  return factory.clone({
    url: cloneUrl(ctx.workspaces, ctx.thread.owner, ctx.thread.repo),
    ...(options.branch ? { branch: options.branch } : {}),
    ...(options.depth ? { depth: options.depth } : {}),
    ...(ctx.token ? { token: ctx.token } : {}),
  });
}
