import { asBlock, blockList } from "../inventory/blocks.js";
import { literalString } from "../inventory/expressions.js";
import type { TerraformBody } from "../types.js";

export interface ProviderRequirement {
  name: string;
  source: string | null;
  version: string | null;
}

/**
 * Every version constraint the files put on hashicorp/aws, joined the way terraform combines them (all
 * must hold), or null when none is stated.
 */
export function awsVersionConstraint(files: readonly { body: TerraformBody }[]): string | null {
  const requirements: ProviderRequirement[] = [];
  for (const file of files)
    for (const terraform of file.body.terraform ?? [])
      for (const providers of blockList(terraform["required_providers"]))
        for (const [name, requirement] of Object.entries(providers)) {
          // Terraform 0.12 style `aws = "~> 2.0"` is a bare version constraint.
          const spec = typeof requirement === "string" ? { version: requirement } : asBlock(requirement);
          requirements.push({
            name,
            source: literalString(spec["source"]),
            version: literalString(spec["version"]),
          });
        }
  return awsConstraintOf(requirements);
}

/**
 * The same from already-collected requirements (the inventory's `requiredProviders`). Local names other
 * than `aws` count when their source is hashicorp/aws; `aws` without a source is hashicorp/aws, as
 * terraform assumes.
 */
export function awsConstraintOf(requirements: readonly ProviderRequirement[]): string | null {
  const clauses: string[] = [];
  for (const { name, source, version } of requirements) {
    // registry.opentofu.org/hashicorp/aws is OpenTofu's address for the same provider releases.
    const address = source?.toLowerCase().replace(/^registry\.(?:terraform\.io|opentofu\.org)\//, "") ?? null;
    if (address !== "hashicorp/aws" && !(name === "aws" && address === null)) continue;
    const clause = version?.trim() ?? "";
    if (clause !== "" && !clauses.includes(clause)) clauses.push(clause);
  }
  return clauses.length === 0 ? null : clauses.join(", ");
}
