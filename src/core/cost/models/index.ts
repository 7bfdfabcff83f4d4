import { computeModels } from "./compute.js";
import { databaseModels } from "./database.js";
import { networkModels } from "./network.js";
import type { CostModel } from "./types.js";
import { usageModels } from "./usage.js";

/** Every resource type the cost model knows, by Terraform type. */
export const COST_MODELS: Record<string, CostModel> = {
  ...computeModels,
  ...databaseModels,
  ...networkModels,
  ...usageModels,
};

export type { CostModel, ModelInput } from "./types.js";
