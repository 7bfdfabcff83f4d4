import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Inventory } from "../core/terraform/inventory/types.js";
import { type AwsProviderSchema, awsConstraintOf, schemaFor } from "../core/terraform/schema/index.js";

/**
 * The bundled AWS provider schema for the root module the agent writes into: every hashicorp/aws
 * constraint in the repository (terraform combines those of a root and its modules) and the root's lock.
 */
export async function repoProviderSchema(
  workspaceRoot: string,
  root: string,
  inventory: Pick<Inventory, "requiredProviders">,
): Promise<AwsProviderSchema> {
  const lock = await readFile(join(workspaceRoot, root, ".terraform.lock.hcl"), "utf8").catch(() => null);
  return schemaFor(awsConstraintOf(inventory.requiredProviders), lock).schema;
}
