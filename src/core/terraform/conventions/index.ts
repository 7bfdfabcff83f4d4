import type { Inventory } from "../inventory/types.js";
import type { ParsedFile } from "../types.js";
import { detectLayout } from "./layout.js";
import { detectNaming } from "./naming.js";
import { inDirectory } from "./scope.js";
import { normalizeService } from "./services.js";
import { detectTags, tagsLocal, tagsVariable } from "./tags.js";
import type { Conventions, RegionConvention } from "./types.js";

export type * from "./types.js";
export { serviceOf } from "./services.js";

export interface ConventionOptions {
  /** Describe this root module; default: the root module declaring the most resources. */
  root?: string;
}

/**
 * The conventions the agent follows when it writes Terraform here. Tags and naming come from the chosen
 * root module, falling back to the whole tree when the root only wires modules together.
 */
export function detectConventions(
  files: ParsedFile[],
  inventory: Inventory,
  options: ConventionOptions = {},
): Conventions {
  const root = options.root ?? primaryRoot(inventory);
  const rootFiles = inDirectory(files, root);
  const tags = detectTags(rootFiles);
  const naming = detectNaming(rootFiles);
  const fallbackNaming = naming.prefix === undefined ? detectNaming(files) : naming;
  const { layout, fileFor } = detectLayout(inventory, root);
  const variable = tagsVariable(rootFiles) ?? tagsVariable(files);
  const local = tagsLocal(rootFiles) ?? tagsLocal(files);
  const requirement =
    inventory.requiredProviders.find((p) => p.name === "aws" && p.dir === root) ??
    inventory.requiredProviders.find((p) => p.name === "aws");
  const version = inventory.requiredVersions.find((v) => v.dir === root) ?? inventory.requiredVersions[0];
  const aws = inventory.providers.filter((p) => p.name === "aws" && p.dir === root);
  return {
    root,
    tags: tags.style === "none" ? detectTags(files) : tags,
    ...(variable === undefined ? {} : { tagsVariable: variable }),
    ...(local === undefined ? {} : { tagsLocal: local }),
    ...(fallbackNaming.prefix === undefined ? {} : { namePrefixExpression: fallbackNaming.prefix }),
    nameSeparator: fallbackNaming.separator,
    layout,
    region: regionOf(aws.find((p) => p.alias === null)?.region ?? null),
    providerAliases: aws.flatMap((p) => (p.alias === null ? [] : [{ alias: p.alias, region: p.region }])),
    awsProvider:
      requirement === undefined ? null : { source: requirement.source, version: requirement.version },
    requiredVersion: version?.constraint ?? null,
    fileForService: (service) => fileFor(normalizeService(service)),
  };
}

function primaryRoot(inventory: Inventory): string {
  let best: { dir: string; count: number } | undefined;
  for (const dir of inventory.rootModules) {
    const count = inventory.resources.filter((r) => r.dir === dir).length;
    if (best === undefined || count > best.count) best = { dir, count };
  }
  return best?.dir ?? "";
}

function regionOf(region: string | null): RegionConvention {
  if (region === null) return { kind: "unset", value: null };
  if (/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    return { kind: "literal", value: region };
  }
  if (/^var\.[\w-]+$/.test(region)) return { kind: "variable", value: region };
  if (/^local\.[\w-]+$/.test(region)) return { kind: "local", value: region };
  return { kind: "expression", value: region };
}
