import {
  describePlan,
  loadSynthHints,
  planChange,
  refusalsFor,
  renderPlan,
  uncoveredPhrases,
  type ChangePlan,
  type LocalModule,
} from "../core/synth/index.js";
import { posix } from "node:path";
import type { RecipeContext, RecipePlan } from "../core/recipes/index.js";
import type { Inventory } from "../core/terraform/inventory/types.js";
import { loadAwsProviderSchema, type AwsProviderSchema } from "../core/terraform/schema/index.js";
import type { Session } from "./session.js";
import { writeRecipeFiles } from "./tools/recipe.js";

/** Lessons and other policies may rewrite the plan before it is shown and rendered (e.g. a team's defaults). */
export type PlanHook = (plan: ChangePlan) => ChangePlan;

export interface SynthOutcome {
  plan: ChangePlan;
  text: string;
  /** Why nothing was written; null when the files were written. */
  blocked: string | null;
}

/** The schema-driven plan for a request in this repo: the generic path under the recipes. */
export function synthesizePlan(
  request: string,
  repo: RecipeContext,
  inventory: Inventory,
  root: string,
  options: { schema?: AwsProviderSchema; hook?: PlanHook } = {},
): ChangePlan {
  const key = inventory.resources.find((r) => r.dir === root && r.type === "aws_kms_key");
  const plan = planChange(request, {
    schema: options.schema ?? loadAwsProviderSchema(),
    repo,
    hints: loadSynthHints(),
    modules: localModules(inventory, root),
    ...(key === undefined ? {} : { kmsKey: `aws_kms_key.${key.name}` }),
  });
  return options.hook === undefined ? plan : options.hook(plan);
}

/** The local modules under `root` the root could call: their source, resource types and input variables. */
export function localModules(inventory: Inventory, root: string): LocalModule[] {
  const prefix = root === "" ? "" : `${root}/`;
  return inventory.directories
    .filter((d) => d.role === "module" && d.dir !== root && d.dir.startsWith(prefix))
    .map((d) => ({
      source: `./${posix.relative(root === "" ? "." : root, d.dir)}`,
      types: [...new Set(inventory.resources.filter((r) => r.dir === d.dir).map((r) => r.type))],
      variables: inventory.variables
        .filter((v) => v.dir === d.dir)
        .map((v) => ({ name: v.name, type: v.type, description: v.description, required: !v.hasDefault })),
    }))
    .filter((m) => m.types.length > 0);
}

/** Why a plan must not be written, in one line; null when it covers the request. */
export function blockedReason(plan: ChangePlan): string | null {
  if (plan.refusals.length > 0)
    return `refused: ${plan.refusals.map((r) => `${r.part} (${r.reason}; instead, ${r.alternative})`).join("; ")}`;
  if (plan.create.length === 0 && plan.modules.length === 0)
    return "I could not find AWS resources in this request";
  if (plan.notUnderstood.length > 0)
    return `part of the request is not covered offline: ${plan.notUnderstood.join(", ")}`;
  return null;
}

/**
 * Which offline plan answers a request: the recipes when they cover it, else the schema-driven plan when it
 * found something to build or refuse, else the recipes (whose questions say what is missing).
 */
export function offlineChoice(
  recipes: RecipePlan,
  candidate: ChangePlan | null,
  schema: AwsProviderSchema,
  request: string,
): ChangePlan | null {
  if (recipesCover(recipes, schema, request) || candidate === null) return null;
  return candidate.create.length > 0 || candidate.modules.length > 0 || candidate.refusals.length > 0
    ? candidate
    : null;
}

/**
 * The parts of the request the recipes' blocks leave out: of the words they did not understand, those that
 * name infrastructure ("contributor insights" beside a table), not names or purposes ("for checkout").
 */
export const recipesLeaveOut = (plan: RecipePlan, schema: AwsProviderSchema, request: string): string[] =>
  uncoveredPhrases(
    plan.unrecognized,
    plan.resources.map((r) => r.type.replace(/^data\./, "")),
    schema,
    request,
  );

/**
 * The recipes answer the whole request: files, no open questions, no infrastructure left out, no part that
 * must be refused ("an S3 bucket, and email the state to …" or "… a bucket policy for all principals" is not
 * a bucket request with an ignored tail: the generic plan refuses it whole) and no type the provider lacks.
 */
export const recipesCover = (plan: RecipePlan, schema: AwsProviderSchema, request: string): boolean =>
  plan.files.length > 0 &&
  plan.questions.length === 0 &&
  recipesLeaveOut(plan, schema, request).length === 0 &&
  refusalsFor(request).length === 0 &&
  !namesUnknownType(schema, request);

/** `aws_quantum_computer`: a type the provider does not have is reported by the generic plan, never ignored. */
const namesUnknownType = (schema: AwsProviderSchema, request: string): boolean =>
  [...request.toLowerCase().matchAll(/\baws_[a-z0-9]+_[a-z0-9_]+\b/g)]
    .map((m) => m[0].replace(/_(?=\d)/g, ""))
    .some((type) => schema.resource(type) === undefined && schema.dataSource(type) === undefined);

/** Writes the plan's files when it covers the request; otherwise writes nothing and says why. */
export async function applyPlan(session: Session, plan: ChangePlan): Promise<SynthOutcome> {
  const text = describePlan(plan);
  const blocked = blockedReason(plan);
  if (blocked !== null) return { plan, text, blocked };
  const files = renderPlan(plan, session.recipeContext, "variables.tf");
  await writeRecipeFiles(
    session,
    { files, resources: plan.create.map((r) => ({ type: r.type, name: r.name })) },
    "synthesize",
  );
  return { plan, text, blocked: null };
}
