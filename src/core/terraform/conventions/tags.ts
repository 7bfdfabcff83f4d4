import { pureExpression, references } from "../inventory/expressions.js";
import type { ParsedFile } from "../types.js";
import { objectKeys, toHcl } from "./hcl.js";
import { locals, providers, resources, variableNames } from "./scope.js";
import type { TagConvention } from "./types.js";

const TAG_NAMES = ["tags", "common_tags", "default_tags", "resource_tags", "extra_tags", "global_tags"];

/** How the repo tags resources: provider `default_tags` first, else a shared value merged per resource. */
export function detectTags(files: ParsedFile[]): TagConvention {
  const localValues = locals(files);
  for (const provider of providers(files, "aws")) {
    const defaultTags = provider.body["default_tags"];
    const block = Array.isArray(defaultTags)
      ? (defaultTags[0] as Record<string, unknown> | undefined)
      : undefined;
    if (block === undefined || !("tags" in block)) continue;
    const value = block["tags"];
    return {
      style: "default_tags",
      expression: toHcl(value),
      keys: keysWithLocals(value, localValues),
      referencesVariableOrLocal: references(value, "var").length + references(value, "local").length > 0,
    };
  }
  const shared = mostCommonTagsReference(files);
  if (shared === null) return { style: "none", keys: [], referencesVariableOrLocal: false };
  const localName = /^local\.(.+)$/.exec(shared)?.[1];
  const keys = localName === undefined ? [] : objectKeys(localValues.get(localName));
  return { style: "per_resource_merge", expression: shared, keys, referencesVariableOrLocal: true };
}

function keysWithLocals(value: unknown, localValues: Map<string, unknown>): string[] {
  const fromLocals = references(value, "local").flatMap((name) => objectKeys(localValues.get(name)));
  return [...new Set([...fromLocals, ...objectKeys(value)])];
}

/** `local.common_tags` when resources write `tags = merge(local.common_tags, {...})` or `tags = local.common_tags`. */
function mostCommonTagsReference(files: ParsedFile[]): string | null {
  const counts = new Map<string, number>();
  for (const resource of resources(files)) {
    const expression = pureExpression(resource.body["tags"]);
    if (expression === null) continue;
    const first = /\b(var|local)\.([A-Za-z_][\w-]*)/.exec(expression);
    if (first === null) continue;
    const reference = `${first[1]}.${first[2]}`;
    counts.set(reference, (counts.get(reference) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [reference, count] of counts)
    if (best === null || count > (counts.get(best) ?? 0)) best = reference;
  return best;
}

/** The variable that carries tags, if one is declared under a conventional name. */
export function tagsVariable(files: ParsedFile[]): string | undefined {
  const names = new Set(variableNames(files));
  return TAG_NAMES.find((name) => names.has(name)) ?? [...names].find((name) => name.endsWith("_tags"));
}

export function tagsLocal(files: ParsedFile[]): string | undefined {
  const names = new Set(locals(files).keys());
  return TAG_NAMES.find((name) => names.has(name)) ?? [...names].find((name) => name.endsWith("_tags"));
}
