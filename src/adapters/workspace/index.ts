import { createRedactor } from "../../core/redact/index.js";
import { cloneWorkspace } from "./clone.js";
import { openLocalWorkspace } from "./local.js";
import type { GitAuthor, WorkspaceFactory, WorkspaceFactoryOptions } from "./types.js";

export { AGENT_BRANCH_PREFIX, branchName, isAgentBranch, slugify } from "./branch.js";
export { PathRefusedError, WorkspaceError } from "./errors.js";
export { changedSince, gitTopLevel } from "./changes.js";
export type * from "./types.js";

/**
 * The identity GitHub shows as the app's bot: `<id>+<slug>[bot]@users.noreply.github.com`.
 * GitHub links the avatar through the id of the app's bot user.
 */
export function botAuthor(id: number | string, slug = "devops-agent"): GitAuthor {
  return { name: `${slug}[bot]`, email: `${id}+${slug}[bot]@users.noreply.github.com` };
}

const ANONYMOUS_BOT: GitAuthor = {
  name: "devops-agent[bot]",
  email: "devops-agent[bot]@users.noreply.github.com",
};

/** Git workspaces over simple-git: temporary clones that push agent branches, and the user's local repository. */
export function createWorkspace(options: WorkspaceFactoryOptions = {}): WorkspaceFactory {
  const redactor = options.redactor ?? createRedactor();
  const author = options.author ?? ANONYMOUS_BOT;
  return {
    clone: (cloneOptions) => cloneWorkspace(cloneOptions, options, redactor, author),
    openLocal: (dir) => openLocalWorkspace(dir, options, redactor, author),
  };
}
