import { leadingInterpolations } from "../inventory/expressions.js";
import type { ParsedFile } from "../types.js";
import { locals, resources } from "./scope.js";

// Arguments that hold a resource's own name across AWS resource types (lessons read renames from the same
// list), then the prefix forms, which also show how the repository names things.
export const NAME_ARGUMENTS = [
  "name",
  "bucket",
  "function_name",
  "identifier",
  "cluster_name",
  "role_name",
  "table_name",
  "queue_name",
  "topic_name",
  "repository_name",
] as const;
const NAMING_ARGUMENTS: readonly string[] = [...NAME_ARGUMENTS, "name_prefix", "bucket_prefix"];
const PREFIX_LOCALS = ["name_prefix", "prefix", "resource_prefix", "name"];

export interface Naming {
  prefix?: string;
  separator: string;
}

/**
 * The template resource names start with. Only prefixes built from variables, locals and the workspace
 * count: `${each.key}` or another resource's id say nothing about the naming scheme.
 */
export function detectNaming(files: ParsedFile[]): Naming {
  const counts = new Map<string, { count: number; separator: string }>();
  for (const resource of resources(files)) {
    for (const argument of NAMING_ARGUMENTS) {
      const value = resource.body[argument];
      if (typeof value !== "string") continue;
      const prefix = leadingInterpolations(value);
      // A name that is only the interpolation (`name = var.name`) is the whole name, not a prefix.
      if (prefix === null || prefix.length === value.length || !isNamingReference(prefix)) continue;
      const separator = /^[-_/.]/.exec(value.slice(prefix.length))?.[0] ?? "-";
      const entry = counts.get(prefix) ?? { count: 0, separator };
      entry.count += 1;
      counts.set(prefix, entry);
      break;
    }
  }
  let best: [string, { count: number; separator: string }] | undefined;
  for (const candidate of counts)
    if (best === undefined || candidate[1].count > best[1].count) best = candidate;
  if (best !== undefined) return { prefix: best[0], separator: best[1].separator };
  const definedLocal = PREFIX_LOCALS.find((name) => locals(files).has(name));
  return definedLocal === undefined
    ? { separator: "-" }
    : { prefix: `\${local.${definedLocal}}`, separator: "-" };
}

function isNamingReference(prefix: string): boolean {
  const parts = [...prefix.matchAll(/\$\{([^}]*)\}/g)].map((match) => (match[1] ?? "").trim());
  return parts.length > 0 && parts.every((part) => /^(var|local)\.[\w-]+$|^terraform\.workspace$/.test(part));
}
