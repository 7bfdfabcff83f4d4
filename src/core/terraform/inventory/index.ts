import { type DoubleLabeledBlocks, type ParsedFile, dirOf } from "../types.js";
import { labeled } from "./blocks.js";
import { collectTerraformBlock } from "./terraform-block.js";
import { asHcl, literalString, pureExpression } from "./expressions.js";
import { createBlockLocator } from "./lines.js";
import { type DirectoryFacts, classifyDirectories, resolveLocalSource } from "./roots.js";
import type { Inventory, ResourceEntry } from "./types.js";

export type * from "./types.js";
export { toInventoryContract, type InventoryContract } from "./contract.js";
export { applyRootGlobs, chooseRoot, type RootChoice } from "./root-choice.js";

/** What the Terraform in a set of parsed files declares. Pure: same files, same inventory. */
export function buildInventory(files: ParsedFile[]): Inventory {
  const inventory: Inventory = {
    resources: [],
    dataSources: [],
    moduleCalls: [],
    requiredProviders: [],
    requiredVersions: [],
    backends: [],
    providers: [],
    variables: [],
    outputs: [],
    directories: [],
    rootModules: [],
  };
  const facts = new Map<string, DirectoryFacts>();
  for (const file of [...files].sort(byDirThenPath)) {
    const dir = dirOf(file.path);
    const fact = facts.get(dir) ?? { dir, files: [], hasBackend: false, hasProviderBlock: false };
    facts.set(dir, fact);
    fact.files.push(file.path);
    collect(file, dir, inventory, fact);
  }
  for (const list of [inventory.resources, inventory.dataSources, inventory.moduleCalls])
    list.sort(bySourceOrder);
  inventory.directories = classifyDirectories([...facts.values()], inventory.moduleCalls);
  inventory.rootModules = inventory.directories.filter((d) => d.role === "root").map((d) => d.dir);
  return inventory;
}

// Root-directory files first, so the inventory reads top-down like the repository.
function byDirThenPath(a: ParsedFile, b: ParsedFile): number {
  return compare(dirOf(a.path), dirOf(b.path)) || compare(a.path, b.path);
}

// hcl2json sorts keys alphabetically; put entries back in the order they are written.
function bySourceOrder(a: Located, b: Located): number {
  const dirs = compare(a.dir, b.dir) || compare(a.file, b.file);
  return dirs || (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER);
}

interface Located {
  dir: string;
  file: string;
  line: number | null;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function collect(file: ParsedFile, dir: string, inventory: Inventory, fact: DirectoryFacts): void {
  const { body, path } = file;
  const locate = createBlockLocator(path, file.content);
  inventory.resources.push(...entries(body.resource, "resource", path, dir, locate));
  inventory.dataSources.push(...entries(body.data, "data", path, dir, locate));
  for (const [name, block] of labeled(body.module)) {
    const source = literalString(block["source"]);
    inventory.moduleCalls.push({
      name,
      source,
      version: literalString(block["version"]),
      file: path,
      dir,
      line: locate("module", [name]),
      localDir: resolveLocalSource(dir, source),
    });
  }
  for (const [name, block] of labeled(body.variable)) {
    inventory.variables.push({
      name,
      type: typeExpression(block["type"]),
      description: literalString(block["description"]),
      hasDefault: "default" in block,
      sensitive: block["sensitive"] === true,
      file: path,
      dir,
    });
  }
  for (const [name, block] of labeled(body.output)) {
    const description = literalString(block["description"]);
    inventory.outputs.push({ name, description, sensitive: block["sensitive"] === true, file: path, dir });
  }
  for (const [name, block] of labeled(body.provider)) {
    fact.hasProviderBlock = true;
    const region =
      block["region"] === undefined ? null : (literalString(block["region"]) ?? asHcl(block["region"]));
    inventory.providers.push({ name, alias: literalString(block["alias"]), region, file: path, dir });
  }
  for (const block of body.terraform ?? []) collectTerraformBlock(block, path, dir, inventory, fact);
}

// `type = string` arrives as "${string}" from HCL and as "string" from JSON; both read as `string`.
function typeExpression(value: unknown): string | null {
  if (value === undefined) return null;
  const text = pureExpression(value) ?? (typeof value === "string" ? value : asHcl(value));
  return text.replace(/\s+/g, " ");
}

function entries(
  blocks: DoubleLabeledBlocks | undefined,
  section: "resource" | "data",
  file: string,
  dir: string,
  locate: ReturnType<typeof createBlockLocator>,
): ResourceEntry[] {
  const out: ResourceEntry[] = [];
  for (const [type, names] of Object.entries(blocks ?? {})) {
    for (const name of Object.keys(names)) {
      out.push({ type, name, file, dir, line: locate(section, [type, name]) });
    }
  }
  return out;
}
