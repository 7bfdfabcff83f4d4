import { fence } from "../../jobs/fence.js";
import { checkBranchName, isAgentBranch } from "./branch.js";
import { WorkspaceError } from "./errors.js";
import type { WorkspaceState } from "./state.js";
import { remoteSha, revParse } from "./state.js";
import type { PushOptions, PushResult } from "./types.js";

/** Refuses every push the agent has no business making, before git is asked. */
function checkPushAllowed(state: WorkspaceState, branch: string, force: boolean): void {
  const refuse = (reason: string, hint: string): never => {
    throw new WorkspaceError("git push", branch, reason, hint);
  };
  if (state.kind === "local")
    refuse(
      "a local workspace never pushes",
      "the change stays on the local branch; push it yourself after review",
    );
  if (branch === state.defaultBranch)
    refuse(
      `${branch} is the default branch; the agent never pushes to it`,
      "push to an agent/<issue>-<slug> branch and open a pull request",
    );
  if (force && !isAgentBranch(branch))
    refuse(
      "force-with-lease is only allowed on the agent's own agent/… branches",
      "use branchName() for the branch",
    );
  if (!force && branch !== state.baseBranch && !isAgentBranch(branch)) {
    refuse(
      `${branch} is neither the cloned branch nor an agent/… branch`,
      "clone the pull request's head branch before pushing to it",
    );
  }
}

export async function push(state: WorkspaceState, options: PushOptions): Promise<PushResult> {
  const branch = checkBranchName("git push", options.branch);
  const force = options.forceWithLease ?? true;
  checkPushAllowed(state, branch, force);
  const sha = await revParse(state, `refs/heads/${branch}`).catch(() => {
    throw new WorkspaceError(
      "git push",
      branch,
      "there is no local branch by that name",
      "call checkoutBranch() and commit() first",
    );
  });
  const ref = `refs/heads/${branch}`;
  const previousSha = state.leases.has(branch)
    ? (state.leases.get(branch) ?? null)
    : await remoteSha(state, branch);
  // The lease is what we saw when the branch was checked out: a human push since then makes this fail, not vanish.
  const lease = force ? [`--force-with-lease=${ref}:${previousSha ?? ""}`] : [];
  // A queue worker that lost its job's lease must not push: another worker runs the job now.
  await fence();
  await state.git.run(
    "git push",
    `${state.remote} ${branch}`,
    ["push", "--porcelain", "--no-verify", ...lease, "origin", `${ref}:${ref}`],
    {
      network: true,
      hint: "check that the app may push to this repository (contents: write)",
    },
  );
  state.leases.set(branch, sha);
  return { branch, sha, previousSha };
}
