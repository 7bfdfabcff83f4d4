import { CATALOGUE } from "./catalogue/index.js";
import { assemble, parseContext, resolve } from "./render.js";
import type { RenderResult } from "./render.js";
import type { RecipeContext } from "./types.js";
import { z } from "zod";

export { planRecipes } from "./plan.js";
export type { LessonValue } from "./lesson-values.js";
export { recipeContextFromConventions } from "./from-conventions.js";
export { RecipeError } from "./render.js";
export type { RenderResult } from "./render.js";
export { recipeContextSchema } from "./types.js";
export type { FileChange, RecipeBlock, RecipeContext, RecipePlan, ResourceRef } from "./types.js";

export interface RecipeInfo {
  id: string;
  title: string;
  description: string;
  /** JSON Schema of the parameters (with defaults), ready to be a tool's `parameters`. */
  parameters: Record<string, unknown>;
}

/** The catalogue as the agent's `use_recipe` tool describes it. */
export function listRecipes(): RecipeInfo[] {
  return CATALOGUE.map((recipe) => ({
    id: recipe.id,
    title: recipe.title,
    description: recipe.description,
    parameters: z.toJSONSchema(recipe.params, { io: "input", unrepresentable: "any" }),
  }));
}

/** Renders one recipe (the tool-call form). Throws RecipeError naming the field for bad params or context. */
export function renderRecipe(id: string, params: unknown, ctx: RecipeContext): RenderResult {
  return assemble([resolve(id, params)], parseContext(ctx));
}
