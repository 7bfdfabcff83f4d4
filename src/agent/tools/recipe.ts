import { z } from "zod";
import { listRecipes, RecipeError, renderRecipe, type RenderResult } from "../../core/recipes/index.js";
import { guarded, recordWrite, ToolError } from "../session.js";
import type { Session } from "../session.js";
import { defineTool } from "./define.js";

const MAX_APPEND_TARGET_BYTES = 2 * 1024 * 1024;
const ids = listRecipes().map((r) => r.id);

const inRoot = (session: Session, path: string): string =>
  session.root === "" ? path : `${session.root}/${path}`;

/** Writes rendered recipe files into the root module (appending where the recipe says so) and remembers them. */
export async function writeRecipeFiles(
  session: Session,
  rendered: Pick<RenderResult, "files" | "resources">,
  tool: string,
): Promise<string[]> {
  const written: string[] = [];
  for (const file of rendered.files) {
    const path = inRoot(session, file.path);
    const content =
      file.mode === "append"
        ? (await guarded(session, tool, path, () => session.workspace.read(path, MAX_APPEND_TARGET_BYTES)))
            .content + file.content
        : file.content;
    const action = await guarded(session, tool, path, () => session.workspace.write(path, content));
    recordWrite(session, path, action);
    written.push(`${path} (${action === "create" ? "created" : "appended"})`);
  }
  session.recipeContext = {
    ...session.recipeContext,
    existingResources: [...session.recipeContext.existingResources, ...rendered.resources],
    existingFiles: [...(session.recipeContext.existingFiles ?? []), ...rendered.files.map((f) => f.path)],
  };
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
      rendered = renderRecipe(recipe, params, session.recipeContext);
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
