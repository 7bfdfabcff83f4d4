import { renderFile } from "./hcl/writer.js";
import type { Item } from "./hcl/writer.js";
import { recipeById, CATALOGUE } from "./catalogue/index.js";
import { recipeContextSchema } from "./types.js";
import type {
  FileChange,
  RecipeContext,
  RecipeDefinition,
  RenderEnv,
  RenderedRecipe,
  ResourceRef,
} from "./types.js";

/** A recipe call that cannot be rendered; the message names the field and what was expected. */
export class RecipeError extends Error {
  override name = "RecipeError";
}

export interface RenderResult {
  files: FileChange[];
  resources: ResourceRef[];
  /** Per rendered block: the recipe title, the resource name and its secure defaults. */
  notes: { recipe: string; name: string; notes: string[] }[];
}

export interface Resolved {
  recipe: RecipeDefinition;
  params: Record<string, unknown> & { name: string };
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(params)" : path.map(String).join(".");
}

export function parseContext(ctx: unknown): RecipeContext {
  const parsed = recipeContextSchema.safeParse(ctx);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new RecipeError(`recipe context: ${issuePath(first?.path ?? [])}: ${first?.message ?? "invalid"}`);
}

/** Validates params with the recipe's schema, applying its defaults. */
export function resolve(id: string, params: unknown): Resolved {
  const recipe = recipeById(id);
  if (recipe === undefined) {
    throw new RecipeError(
      `unknown recipe "${String(id).slice(0, 60)}"; known: ${CATALOGUE.map((r) => r.id).join(", ")}`,
    );
  }
  const parsed = recipe.params.safeParse(params);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new RecipeError(`recipe ${id}: ${issuePath(first?.path ?? [])}: ${first?.message ?? "invalid"}`);
  }
  return { recipe, params: parsed.data as Resolved["params"] };
}

export function envFor(ctx: RecipeContext): RenderEnv {
  const existing = ctx.existingResources.find((r) => r.type === "data.aws_caller_identity");
  return { ctx, callerIdentity: `data.aws_caller_identity.${existing?.name ?? "current"}` };
}

/** Every resource, data source and variable a list of top-level blocks declares. */
export function declared(blocks: readonly Item[]): ResourceRef[] {
  return blocks.flatMap((item): ResourceRef[] => {
    if (item.k !== "block") return [];
    const [first, second] = item.labels;
    if (item.type === "resource" && first !== undefined && second !== undefined)
      return [{ type: first, name: second }];
    if (item.type === "data" && first !== undefined && second !== undefined)
      return [{ type: `data.${first}`, name: second }];
    if (item.type === "variable" && first !== undefined) return [{ type: "variable", name: first }];
    return [];
  });
}

const key = (r: ResourceRef): string => `${r.type}.${r.name}`;

/** The addresses or paths `rendered` would declare that are already taken. */
export function collisions(rendered: RenderedRecipe, taken: ReadonlySet<string>): string[] {
  const addresses = declared(rendered.blocks).map(key);
  const paths = rendered.extraFiles.map((file) => `file:${file.path}`);
  return [...addresses, ...paths].filter((address) => taken.has(address));
}

export function takenSet(ctx: RecipeContext): Set<string> {
  return new Set([
    ...ctx.existingResources.map(key),
    ...(ctx.existingFiles ?? []).map((path) => `file:${path}`),
  ]);
}

/** Renders resolved recipes into file changes following the repo's layout; throws on any name collision. */
export function assemble(items: readonly Resolved[], ctx: RecipeContext): RenderResult {
  const env = envFor(ctx);
  const taken = takenSet(ctx);
  const existingFiles = new Set(ctx.existingFiles ?? []);
  const chunks = new Map<string, string[]>();
  const extra: FileChange[] = [];
  const resources: ResourceRef[] = [];
  const notes: RenderResult["notes"] = [];
  const sharedDone = new Set<string>();
  for (const { recipe, params } of items) {
    const rendered = recipe.render(params, env);
    const clash = collisions(rendered, taken);
    if (clash.length > 0) {
      throw new RecipeError(
        `recipe ${recipe.id}: name "${params.name}" collides with ${clash[0]?.replace(/^file:/, "file ")}; choose another name`,
      );
    }
    const shared = rendered.shared.filter((s) => !sharedDone.has(s.key) && !taken.has(key(s.ref)));
    for (const s of rendered.shared) sharedDone.add(s.key);
    const blocks = [...shared.map((s) => s.block), ...rendered.blocks];
    for (const ref of declared(blocks)) {
      taken.add(key(ref));
      resources.push(ref);
    }
    const path =
      ctx.fileLayout === "per_service" ? (ctx.serviceFiles?.[recipe.service] ?? recipe.file) : "main.tf";
    const comment = `${recipe.title} "${params.name}" (aws-devops-agent recipe ${recipe.id})`;
    chunks.set(path, [...(chunks.get(path) ?? []), renderFile(blocks, comment)]);
    for (const file of rendered.extraFiles) {
      taken.add(`file:${file.path}`);
      extra.push({ path: file.path, content: file.content, mode: "create" });
    }
    notes.push({ recipe: recipe.title, name: params.name, notes: rendered.notes });
  }
  const files: FileChange[] = [...chunks].map(([path, parts]) => {
    const append = existingFiles.has(path);
    // An appended chunk starts with a blank line so it never runs into the file's last block.
    return { path, content: `${append ? "\n" : ""}${parts.join("\n")}`, mode: append ? "append" : "create" };
  });
  return { files: [...files, ...extra], resources, notes };
}
