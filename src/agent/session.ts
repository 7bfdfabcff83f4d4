import type { RecipeContext } from "../core/recipes/index.js";
import type { AwsProviderSchema } from "../core/terraform/schema/index.js";
import type { Redactor } from "../core/redact/index.js";
import type { Log } from "../tasks/types.js";
import type { ChangeValidation } from "./check.js";
import type { DocsRetriever, Refusal } from "./types.js";
import type { Workspace } from "./workspace.js";
import { WorkspaceRefusal } from "./workspace.js";

/** What the tools share during one run: the workspace, what was changed, what was refused. */
export interface Session {
  workspace: Workspace;
  /** The root module new Terraform goes into, relative to the workspace (`""` = the repository root). */
  root: string;
  /** The recipes' view of the repo as the run started. */
  recipeContext: RecipeContext;
  /** The same, re-read from the workspace now, so a recipe never collides with what the model wrote by hand. */
  currentRecipeContext(): Promise<RecipeContext>;
  changes: Map<string, "create" | "modify">;
  refusals: Refusal[];
  docsConsulted: Map<string, string>;
  redactor: Redactor;
  log: Log;
  docs?: DocsRetriever;
  docsBudgetBytes: number;
  /** The bundled provider schema for the repository's hashicorp/aws constraint and lock; default newest. */
  providerSchema?: AwsProviderSchema;
  validate(): Promise<ChangeValidation>;
}

/** A problem the model caused and can correct; its message goes back to the model as the tool's result. */
export class ToolError extends Error {
  override name = "ToolError";
}

/** Runs a workspace operation; a refusal is recorded, logged as an attempt and handed back as a ToolError. */
export async function guarded<T>(
  session: Session,
  tool: string,
  path: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof WorkspaceRefusal)) throw error;
    const refusal: Refusal = {
      tool,
      path: session.redactor.redact(path.slice(0, 300)),
      reason: session.redactor.redact(error.message),
    };
    session.refusals.push(refusal);
    session.log.warn({ event: "agent.tool_refused", ...refusal }, `refused ${tool} on ${refusal.path}`);
    throw new ToolError(`refused: ${refusal.path}: ${refusal.reason}`);
  }
}

/** Records a write, keeping "create" when the agent itself created the file earlier in the run. */
export function recordWrite(session: Session, path: string, action: "create" | "modify"): void {
  if (!session.changes.has(path)) session.changes.set(path, action);
}
