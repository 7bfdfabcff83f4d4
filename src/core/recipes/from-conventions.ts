import type { Conventions } from "../terraform/conventions/index.js";
import type { Inventory } from "../terraform/inventory/index.js";
import type { RecipeContext } from "./types.js";

const REFERENCE = /^(?:local|var)\.[A-Za-z_][A-Za-z0-9_]*$/;
const PREFIX = /^(?:\$\{[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+\}|[A-Za-z0-9-])+$/;

/** Strips the root module's directory from a path; undefined when the path lies outside it. */
function inRoot(root: string, path: string): string | undefined {
  if (root === "") return path;
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : undefined;
}

function tagExpression(conventions: Conventions): string | undefined {
  if (conventions.tagsLocal !== undefined) return `local.${conventions.tagsLocal}`;
  if (conventions.tagsVariable !== undefined) return `var.${conventions.tagsVariable}`;
  const written = conventions.tags.expression?.trim();
  return written !== undefined && REFERENCE.test(written) ? written : undefined;
}

/**
 * The recipe context for the root module the conventions describe: its naming, tags, layout, region and
 * everything already declared there, so new blocks fit in and never collide.
 */
export function recipeContextFromConventions(conventions: Conventions, inventory: Inventory): RecipeContext {
  const root = conventions.root;
  const here = <T extends { dir: string }>(items: T[]): T[] => items.filter((item) => item.dir === root);
  const expression = conventions.tags.style === "per_resource_merge" ? tagExpression(conventions) : undefined;
  const serviceFiles: Record<string, string> = {};
  for (const [service, file] of Object.entries(conventions.layout.serviceFiles)) {
    const local = inRoot(root, file);
    if (local !== undefined) serviceFiles[service] = local;
  }
  const files = inventory.directories.find((d) => d.dir === root)?.files ?? [];
  const prefix = conventions.namePrefixExpression;
  return {
    ...(prefix !== undefined && PREFIX.test(prefix) && conventions.nameSeparator === "-"
      ? { namePrefixExpression: prefix }
      : {}),
    tags: { style: conventions.tags.style, ...(expression === undefined ? {} : { expression }) },
    ...(conventions.region.kind === "literal" && conventions.region.value !== null
      ? { region: conventions.region.value }
      : {}),
    fileLayout: conventions.layout.style === "single_main" ? "single_main" : "per_service",
    serviceFiles,
    existingResources: [
      ...here(inventory.resources).map((r) => ({ type: r.type, name: r.name })),
      ...here(inventory.dataSources).map((r) => ({ type: `data.${r.type}`, name: r.name })),
      ...here(inventory.variables).map((v) => ({ type: "variable", name: v.name })),
    ],
    existingFiles: files.flatMap((file) => inRoot(root, file) ?? []),
  };
}
