import type { Inventory } from "../inventory/types.js";
import { dirOf } from "../types.js";
import { serviceOf } from "./services.js";
import type { LayoutConvention } from "./types.js";

// Files every layout has; they say nothing about how resources are split.
const STRUCTURAL = new Set([
  "versions",
  "backend",
  "providers",
  "provider",
  "variables",
  "vars",
  "outputs",
  "locals",
  "data",
  "terraform",
]);
// Folder names that mean "an environment of the same stack", not "a service".
const ENVIRONMENT =
  /^(prod|production|prd|staging|stage|stg|dev|develop|development|test|testing|qa|uat|sandbox|preprod|nonprod|live|shared|global|[a-z]{2}-[a-z]+-\d)$/;

export interface Layout {
  layout: LayoutConvention;
  fileFor: (service: string) => string;
}

export function detectLayout(inventory: Inventory, root: string): Layout {
  const parent = dirOf(root);
  const siblings = inventory.rootModules.filter(
    (dir) => dir !== "" && dirOf(dir) === parent && !ENVIRONMENT.test(baseName(dir)),
  );
  if (root !== "" && siblings.includes(root) && siblings.length >= 2) {
    const serviceFiles = filesByService(inventory, (dir) => siblings.includes(dir));
    const layout: LayoutConvention = { style: "per_service_folders", serviceFiles };
    return {
      layout,
      fileFor: (service) => known(serviceFiles, service) ?? join(join(parent, service), "main.tf"),
    };
  }
  const serviceFiles = filesByService(inventory, (dir) => dir === root);
  const perFile = new Map<string, number>();
  for (const resource of inventory.resources) {
    if (resource.dir === root) perFile.set(resource.file, (perFile.get(resource.file) ?? 0) + 1);
  }
  let inMain = 0;
  let elsewhere = 0;
  for (const [file, count] of perFile) {
    const stem = stemOf(file);
    if (stem === "main") inMain += count;
    else if (!STRUCTURAL.has(stem)) elsewhere += count;
  }
  const style = elsewhere > inMain ? "per_service_files" : "single_main";
  return {
    layout: { style, serviceFiles },
    fileFor: (service) =>
      known(serviceFiles, service) ?? join(root, style === "single_main" ? "main.tf" : `${service}.tf`),
  };
}

/** For each service, the file holding most of its resources among the directories `include` accepts. */
function filesByService(inventory: Inventory, include: (dir: string) => boolean): Record<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const resource of inventory.resources) {
    if (!include(resource.dir)) continue;
    const service = serviceOf(resource.type);
    const files = counts.get(service) ?? new Map<string, number>();
    files.set(resource.file, (files.get(resource.file) ?? 0) + 1);
    counts.set(service, files);
  }
  const out: Record<string, string> = {};
  for (const service of [...counts.keys()].sort()) {
    let best: [string, number] | undefined;
    for (const entry of counts.get(service) ?? []) if (best === undefined || entry[1] > best[1]) best = entry;
    if (best !== undefined) out[service] = best[0];
  }
  return out;
}

function known(serviceFiles: Record<string, string>, service: string): string | undefined {
  return Object.hasOwn(serviceFiles, service) ? serviceFiles[service] : undefined;
}

function stemOf(file: string): string {
  return baseName(file).replace(/\.tf(\.json)?$/, "");
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function join(dir: string, name: string): string {
  return dir === "" ? name : `${dir}/${name}`;
}
