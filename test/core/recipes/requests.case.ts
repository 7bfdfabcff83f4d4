import type { RecipeContext } from "../../../src/core/recipes/index.js";

export interface RequestCase {
  request: string;
  ctx: RecipeContext;
  recipes: string[];
  /** Resource addresses that must be declared. */
  addresses: string[];
  /** Values read from the parsed HCL: [path, expected]. */
  values?: [(string | number)[], unknown][];
  /** Extra files besides Terraform (Python handlers). */
  extraFiles?: string[];
}

export const R = (...path: (string | number)[]): (string | number)[] => ["resource", ...path];
