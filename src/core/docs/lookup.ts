import type { ArgumentDoc, ProviderDoc } from "./types.js";
import { didYouMean } from "./urls.js";

export interface ArgumentMatch {
  argument: ArgumentDoc | undefined;
  /** Close names in the same block when there is no exact match ("versionning" → "versioning"). */
  suggestions: string[];
}

/**
 * Finds one argument's reference entry, for quoting in an invalid_argument diagnosis. `name` is a top-level
 * argument ("bucket") or a block path ("versioning.enabled", "rule.apply_server_side_encryption_by_default.sse_algorithm").
 */
export function findArgument(doc: ProviderDoc, name: string): ArgumentMatch {
  const parts = name.split(".");
  const leaf = parts.at(-1) ?? name;
  const block = parts.slice(0, -1);
  const inBlock = doc.arguments.filter((a) => blockMatches(a.block, block));
  const argument = inBlock.find((a) => a.name === leaf);
  if (argument !== undefined) return { argument, suggestions: [] };
  return { argument: undefined, suggestions: didYouMean(leaf, new Set(inBlock.map((a) => a.name))) };
}

// Docs name a nested block by its own name only, the schema by its full path: accept either.
function blockMatches(argumentBlock: string, wanted: string[]): boolean {
  if (wanted.length === 0) return argumentBlock === "";
  return argumentBlock === wanted.join(".") || argumentBlock === wanted.at(-1);
}
