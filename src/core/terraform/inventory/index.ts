import { redact } from "../../redact/index.js";
import { type Block, type DoubleLabeledBlocks, type ParsedFile, dirOf } from "../types.js";
import { asHcl, literalString, pureExpression } from "./expressions.js";
import { createBlockLocator } from "./lines.js";
import { type DirectoryFacts, classifyDirectories, resolveLocalSource } from "./roots.js";
import type { Backend, Inventory, ResourceEntry } from "./types.js";

export type * from "./types.js";
export { toInventoryContract, type InventoryContract } from "./contract.js";

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

function collectTerraformBlock(
  block: Block,
  file: string,
  dir: string,
  inventory: Inventory,
  fact: DirectoryFacts,
): void {
  const version = literalString(block["required_version"]);
  if (version !== null) inventory.requiredVersions.push({ constraint: version, file, dir });
  for (const providers of blockList(block["required_providers"])) {
    for (const [name, requirement] of Object.entries(providers)) {
      // Terraform 0.12 style `aws = "~> 2.0"` is a bare version constraint.
      const spec: Block = typeof requirement === "string" ? { version: requirement } : asBlock(requirement);
      const source = literalString(spec["source"]);
      inventory.requiredProviders.push({ name, source, version: literalString(spec["version"]), file, dir });
    }
  }
  for (const [type, backend] of labeled(asLabeled(block["backend"]))) {
    fact.hasBackend = true;
    inventory.backends.push({ type, file, dir, settings: backendSettings(backend) });
  }
  if (block["cloud"] !== undefined) {
    fact.hasBackend = true;
    const cloud = blockList(block["cloud"])[0] ?? {};
    inventory.backends.push({ type: "cloud", file, dir, settings: backendSettings(cloud) });
  }
}

// `type = string` arrives as "${string}" from HCL and as "string" from JSON; both read as `string`.
function typeExpression(value: unknown): string | null {
  if (value === undefined) return null;
  const text = pureExpression(value) ?? (typeof value === "string" ? value : asHcl(value));
  return text.replace(/\s+/g, " ");
}

const SECRET_SETTING = /secret|token|password|credential|private|access_key|sas|client_certificate/i;

function backendSettings(block: Block): Backend["settings"] {
  const settings = Object.create(null) as Backend["settings"];
  for (const [key, value] of Object.entries(block).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (SECRET_SETTING.test(key)) continue;
    if (typeof value === "number" || typeof value === "boolean") settings[key] = value;
    const literal = literalString(value);
    if (literal !== null) settings[key] = redact(literal);
  }
  return settings;
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

function* labeled(blocks: Record<string, Block[]> | undefined): Generator<[string, Block]> {
  for (const [label, list] of Object.entries(blocks ?? {})) {
    for (const block of list) yield [label, block];
  }
}

function blockList(value: unknown): Block[] {
  if (Array.isArray(value)) return value.filter(isBlock);
  return isBlock(value) ? [value] : [];
}

function asLabeled(value: unknown): Record<string, Block[]> {
  const out = Object.create(null) as Record<string, Block[]>;
  if (isBlock(value)) for (const [label, list] of Object.entries(value)) out[label] = blockList(list);
  return out;
}

function asBlock(value: unknown): Block {
  return isBlock(value) ? value : {};
}

function isBlock(value: unknown): value is Block {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
