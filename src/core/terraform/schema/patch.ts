import type { RawBlock, RawTypeSchema, SchemaFile, SchemaSource } from "./format.js";

/**
 * One provider line stored as its differences from the base schema: a JSON merge patch (RFC 7396) per
 * type, `null` for a type the line does not have. A provider upgrade changes a few dozen types, so a line
 * costs kilobytes instead of a megabyte, and git shows what the provider changed.
 */
export interface SchemaPatchFile {
  format: 2;
  source: SchemaSource;
  docsBase: string;
  provider?: unknown;
  resources: Record<string, unknown>;
  dataSources: Record<string, unknown>;
}

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The merge patch that turns `from` into `to`, or undefined when they are equal. */
export function diffJson(from: unknown, to: unknown): unknown {
  if (!isObject(from) || !isObject(to)) return JSON.stringify(from) === JSON.stringify(to) ? undefined : to;
  const patch: JsonObject = {};
  // Sorted keys: the same change reads the same however the objects were built (re-expressing a line
  // against a new base must not reorder its file).
  for (const key of [...new Set([...Object.keys(from), ...Object.keys(to)])].sort()) {
    const change = !Object.hasOwn(to, key)
      ? null
      : Object.hasOwn(from, key)
        ? diffJson(from[key], to[key])
        : to[key];
    if (change !== undefined) patch[key] = change;
  }
  return Object.keys(patch).length === 0 ? undefined : patch;
}

/** Applies a merge patch without touching `target` (the cached base stays as it was). */
export function applyJsonPatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = applyJsonPatch(out[key], value);
  }
  return out;
}

export function diffSchemaFiles(base: SchemaFile, line: SchemaFile): SchemaPatchFile {
  const types = (from: Record<string, RawTypeSchema>, to: Record<string, RawTypeSchema>) => {
    const out: Record<string, unknown> = {};
    const names = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
    for (const name of names) {
      const change = Object.hasOwn(to, name) ? diffJson(from[name], to[name]) : null;
      if (change !== undefined) out[name] = change;
    }
    return out;
  };
  const provider = diffJson(base.provider, line.provider);
  return {
    format: 2,
    source: line.source,
    docsBase: line.docsBase,
    ...(provider === undefined ? {} : { provider }),
    resources: types(base.resources, line.resources),
    dataSources: types(base.dataSources, line.dataSources),
  };
}

export function applySchemaPatch(base: SchemaFile, patch: SchemaPatchFile): SchemaFile {
  const types = (from: Record<string, RawTypeSchema>, changes: Record<string, unknown>) => {
    const out: Record<string, RawTypeSchema> = { ...from };
    for (const [name, change] of Object.entries(changes)) {
      if (change === null) delete out[name];
      else out[name] = applyJsonPatch(from[name], change) as RawTypeSchema;
    }
    return out;
  };
  return {
    format: 2,
    source: patch.source,
    docsBase: patch.docsBase,
    provider: (patch.provider === undefined
      ? base.provider
      : applyJsonPatch(base.provider, patch.provider)) as RawBlock,
    resources: types(base.resources, patch.resources),
    dataSources: types(base.dataSources, patch.dataSources),
  };
}
