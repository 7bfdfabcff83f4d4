import { COST_RULES } from "./rules/cost.js";
import { EXPOSURE_RULES } from "./rules/exposure.js";
import { IAM_RULES } from "./rules/iam.js";
import { STORAGE_RULES } from "./rules/storage.js";
import type { TableRule } from "./rules/types.js";

/**
 * The one security table (and its cost companion): every policy rule the review applies, in the order the
 * summary lists them. Adding a rule is one entry here; the check run, SARIF and the CLI pick it up.
 */
export const SECURITY_TABLE: readonly TableRule[] = [...EXPOSURE_RULES, ...IAM_RULES, ...STORAGE_RULES];

export const COST_TABLE: readonly TableRule[] = COST_RULES;
