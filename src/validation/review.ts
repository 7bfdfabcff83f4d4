import { createHclParser } from "../adapters/hcl/index.js";
import { loadTerraformDirectory } from "../adapters/terraform/index.js";
import { type ReviewReport, reviewFiles } from "../core/review/index.js";
import type { ExecutablePolicy } from "../core/terraform/executable/index.js";
import { validateTree } from "./index.js";

export interface ReviewRequest {
  /** Absolute directory holding the Terraform tree. */
  root: string;
  /** Files the change touches, relative to `root`; omit to review everything. */
  changed?: readonly string[];
  terraform?: "off" | "auto";
  /** Code the repository allows to run (`executablePolicy(config)`); default: public registries only. */
  policy?: ExecutablePolicy;
}

/**
 * The review of a tree: every validation layer (`validateTree`), then the security and cost tables over
 * the same files. The app's check run, `devops-agent review` and its SARIF all come from this report.
 */
export async function reviewTree(request: ReviewRequest): Promise<ReviewReport> {
  const parser = createHclParser();
  const validation = await validateTree(
    {
      root: request.root,
      terraform: request.terraform ?? "off",
      ...(request.policy ? { policy: request.policy } : {}),
    },
    { parser },
  );
  const loaded = await loadTerraformDirectory(request.root, { parser });
  return reviewFiles({
    files: loaded.files,
    validation,
    ...(request.changed ? { changed: request.changed } : {}),
  });
}
