import { loadTerraformDirectory } from "../adapters/terraform/index.js";
import type { RepoConfig } from "../core/config/index.js";
import { type PromptContext, schemaSignature } from "../core/prompt/index.js";
import { listRecipes, recipeContextSchema, type RecipeContext } from "../core/recipes/index.js";
import { type Conventions, detectConventions } from "../core/terraform/conventions/index.js";
import { applyRootGlobs, buildInventory } from "../core/terraform/inventory/index.js";
import type { Inventory } from "../core/terraform/inventory/types.js";
import type { Finding } from "../core/terraform/types.js";
import { protectedGlobs } from "./paths.js";

export interface RepoContext {
  inventory: Inventory;
  conventions: Conventions;
  /** Files that could not be read or parsed while taking the inventory. */
  errors: Finding[];
}

/** Inventory and conventions of a checkout, as the agent needs them. */
export async function gatherRepoContext(
  workspaceDir: string,
  options: { roots?: readonly string[]; root?: string } = {},
): Promise<RepoContext> {
  const loaded = await loadTerraformDirectory(workspaceDir);
  const inventory = applyRootGlobs(buildInventory(loaded.files), options.roots ?? []);
  const conventions = detectConventions(
    loaded.files,
    inventory,
    options.root === undefined ? {} : { root: options.root },
  );
  return { inventory, conventions, errors: loaded.errors };
}

const REFERENCE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/;

const inRoot = (root: string, path: string): string | null =>
  root === "" ? path : path.startsWith(`${root}/`) ? path.slice(root.length + 1) : null;

/** The recipes' view of the repo's conventions; anything the recipes cannot express safely is left out. */
export function recipeContextFor(conventions: Conventions, inventory: Inventory): RecipeContext {
  const root = conventions.root;
  const expression = conventions.tags.expression?.trim();
  const tagsRef =
    expression !== undefined && REFERENCE.test(expression)
      ? expression
      : conventions.tagsLocal !== undefined
        ? `local.${conventions.tagsLocal}`
        : conventions.tagsVariable !== undefined
          ? `var.${conventions.tagsVariable}`
          : undefined;
  const style =
    conventions.tags.style === "per_resource_merge" && tagsRef === undefined
      ? "none"
      : conventions.tags.style;
  const here = (entry: { dir: string }): boolean => entry.dir === root;
  const candidate = {
    ...(conventions.namePrefixExpression === undefined
      ? {}
      : { namePrefixExpression: conventions.namePrefixExpression }),
    tags: {
      style,
      ...(style === "per_resource_merge" && tagsRef !== undefined ? { expression: tagsRef } : {}),
    },
    ...(conventions.region.kind === "literal" && conventions.region.value !== null
      ? { region: conventions.region.value }
      : {}),
    fileLayout: conventions.layout.style === "single_main" ? "single_main" : "per_service",
    existingResources: [
      ...inventory.resources.filter(here).map((r) => ({ type: r.type, name: r.name })),
      ...inventory.dataSources.filter(here).map((r) => ({ type: `data.${r.type}`, name: r.name })),
      ...inventory.variables.filter(here).map((v) => ({ type: "variable", name: v.name })),
    ],
    existingFiles: (inventory.directories.find(here)?.files ?? []).flatMap((f) => inRoot(root, f) ?? []),
  };
  const parsed = recipeContextSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  // A prefix the recipes cannot reuse verbatim: fall back to plain names rather than fail the job.
  const { namePrefixExpression: _dropped, ...rest } = candidate;
  return recipeContextSchema.parse(rest);
}

/** Everything the system prompt says about the repo, reduced to plain lines. */
export function promptContextFor(
  conventions: Conventions,
  inventory: Inventory,
  config: Pick<RepoConfig, "protectedPaths" | "allowWorkflowEdits" | "budgets">,
): PromptContext {
  const counts: Record<string, number> = {};
  for (const r of inventory.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
  const serviceFiles = Object.entries(conventions.layout.serviceFiles).map(([s, f]) => `${s} → ${f}`);
  const lines = [
    `Tags: ${conventions.tags.style}${conventions.tags.style === "default_tags" ? " on the provider (do not add tags blocks that repeat them)" : conventions.tags.expression === undefined ? "" : ` — merge ${conventions.tags.expression.replace(/\s+/g, " ")}`}`,
    `Names start with: ${conventions.namePrefixExpression ?? "(no prefix found)"}${conventions.nameSeparator}`,
    `File layout: ${conventions.layout.style}${serviceFiles.length > 0 ? ` (${serviceFiles.join(", ")}); new services go in <service>.tf` : ""}`,
    `Region: ${conventions.region.value ?? "from the environment"}`,
    `AWS provider: ${conventions.awsProvider?.version ?? "unconstrained"}; Terraform ${conventions.requiredVersion ?? "any"}`,
  ];
  return {
    root: conventions.root,
    conventions: lines,
    inventory: {
      resources: counts,
      files: inventory.directories.flatMap((d) => d.files),
      variables: inventory.variables.filter((v) => v.dir === conventions.root).map((v) => v.name),
    },
    recipes: listRecipes().map(({ id, title, parameters }) => ({
      id,
      title,
      description: `params: ${schemaSignature(parameters)}`,
    })),
    protectedPaths: protectedGlobs(config).map((g) => (g.startsWith("!") ? `except ${g.slice(1)}` : g)),
    limits: { repairRounds: config.budgets.repairRounds, llmCalls: config.budgets.llmCalls },
  };
}
