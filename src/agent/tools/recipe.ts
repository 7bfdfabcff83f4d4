import { isTerraformHcl } from "../../core/terraform/files.js";
import { z } from "zod";
import { listRecipes, RecipeError, renderRecipe, type RenderResult } from "../../core/recipes/index.js";
import { guarded, recordWrite, ToolError } from "../session.js";
import type { Session } from "../session.js";
import { defineTool } from "./define.js";

const MAX_APPEND_TARGET_BYTES = 2 * 1024 * 1024;
const ids = listRecipes().map((r) => r.id);

const inRoot = (session: Session, path: string): string =>
  session.root === "" ? path : `${session.root}/${path}`;

/** Writes rendered recipe files into the root module, appending to Terraform files that exist, and records them. */
export async function writeRecipeFiles(
  session: Session,
  rendered: Pick<RenderResult, "files" | "resources">,
  tool: string,
): Promise<string[]> {
  const written: string[] = [];
  for (const file of rendered.files) {
    const path = inRoot(session, file.path);
    const exists = await guarded(session, tool, path, () => session.workspace.exists(path));
    if (exists && file.mode === "create" && !isTerraformHcl(path)) {
      throw new ToolError(`${path} already exists; choose another name for the block`);
    }
    // A file the model wrote by hand since the run started gets the block appended, never overwritten.
    const content = exists
      ? `${(await guarded(session, tool, path, () => session.workspace.read(path, MAX_APPEND_TARGET_BYTES))).content.replace(/\n*$/, "\n")}${file.mode === "create" ? "\n" : ""}${file.content}`
      : file.content;
    const action = await guarded(session, tool, path, () => session.workspace.write(path, content));
    recordWrite(session, path, action);
    written.push(`${path} (${exists ? "appended" : "created"})`);
  }
  return written;
}

export const useRecipe = defineTool({
  name: "use_recipe",
  description:
    "Add a secure-by-default building block from the recipes catalogue (listed in the system prompt with its " +
    "params). The files follow the repository's conventions and are written for you.",
  schema: z.object({
    recipe: z.enum(ids as [string, ...string[]]),
    params: z.record(z.string(), z.unknown()).describe("the recipe's params; name is required"),
  }),
  async run({ recipe, params }, session) {
    let rendered;
    try {
      rendered = renderRecipe(recipe, params, await session.currentRecipeContext());
    } catch (error) {
      if (error instanceof RecipeError) throw new ToolError(error.message);
      throw error;
    }
    const written = await writeRecipeFiles(session, rendered, "use_recipe");
    session.log.info({ event: "agent.recipe_used", recipe, files: written.length }, "rendered a recipe");
    const notes = rendered.notes.flatMap((n) => n.notes.map((line) => `- ${line}`));
    return [
      `Wrote ${written.join(", ")}.`,
      `Declares: ${rendered.resources.map((r) => `${r.type}.${r.name}`).join(", ")}.`,
      ...(notes.length > 0 ? ["Secure defaults:", ...notes] : []),
    ].join("\n");
  },
});
