import { gatherRepoContext, type RepoContext } from "../agent/index.js";
import type { RepoConfig } from "../core/config/index.js";
import { chooseRoot } from "../core/terraform/inventory/index.js";

export type RootOutcome = { ok: true; repo: RepoContext; root: string } | { ok: false; message: string };

/**
 * The repo's Terraform seen from the root module the change goes into: `--root`, the only root, or the
 * one the request names. Several candidates are a question, not a guess.
 */
export async function repoForRequest(
  dir: string,
  config: RepoConfig,
  request: string,
  requested: string | undefined,
): Promise<RootOutcome> {
  const roots = config.terraform.roots;
  const whole = await gatherRepoContext(dir, { roots });
  const choice = chooseRoot(whole.inventory, { request, ...(requested === undefined ? {} : { requested }) });
  if (choice.kind === "unknown")
    return {
      ok: false,
      message: `--root ${choice.root}: no Terraform there. Root modules: ${choice.candidates.join(", ") || "none found"}.`,
    };
  if (choice.kind === "ambiguous")
    return {
      ok: false,
      message: `This request fits more than one root module: ${choice.candidates.join(", ")}. Which one? Run again with --root DIR (or name it in the request).`,
    };
  const repo =
    choice.root === whole.conventions.root
      ? whole
      : await gatherRepoContext(dir, { roots, root: choice.root });
  return { ok: true, repo, root: choice.root };
}
