import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultDocPath } from "./format.js";
import type { RawBlock, RawNestedBlock, RawTypeSchema, SchemaFile } from "./format.js";
import type {
  AttributeSchema,
  AwsProviderSchema,
  BlockSchema,
  NestedBlockSchema,
  TypeSchema,
} from "./types.js";

export const SCHEMA_FILE_NAME = "aws-provider-schema.json";

/**
 * Where the data file sits: beside this module when running from source (tsx, jest), or in the source
 * tree when running the compiled `dist/` build, which tsc does not copy JSON into.
 */
function schemaFilePath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, SCHEMA_FILE_NAME),
    join(here, "..", "..", "..", "..", "..", "src", "core", "terraform", "schema", SCHEMA_FILE_NAME),
  ];
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined)
    throw new Error(`AWS provider schema not found (looked at ${candidates.join(", ")})`);
  return found;
}

let cached: AwsProviderSchema | undefined;

/** The bundled AWS provider schema, read and parsed once, on first use. */
export function loadAwsProviderSchema(): AwsProviderSchema {
  cached ??= createAwsProviderSchema(JSON.parse(readFileSync(schemaFilePath(), "utf8")) as SchemaFile);
  return cached;
}

/** A schema view over an in-memory schema file; types are converted on first lookup and kept. */
export function createAwsProviderSchema(file: SchemaFile): AwsProviderSchema {
  const views = { resource: new Map<string, TypeSchema>(), data: new Map<string, TypeSchema>() };
  const lookup = (kind: "resource" | "data", type: string): TypeSchema | undefined => {
    const raws = kind === "resource" ? file.resources : file.dataSources;
    if (!Object.hasOwn(raws, type)) return undefined;
    const cache = views[kind];
    let view = cache.get(type);
    if (view === undefined) {
      const raw = raws[type] as RawTypeSchema;
      const docUrl = `${file.docsBase}/${raw.u ?? defaultDocPath(kind, type)}`;
      view = { type, kind, docUrl, computed: raw.c ?? [], ...convertBlock(raw) };
      cache.set(type, view);
    }
    return view;
  };
  let provider: BlockSchema | undefined;
  const resourceTypes = Object.keys(file.resources).sort();
  const dataSourceTypes = Object.keys(file.dataSources).sort();
  return {
    version: { ...file.source },
    resource: (type) => lookup("resource", type),
    dataSource: (type) => lookup("data", type),
    provider: () => (provider ??= convertBlock(file.provider)),
    resourceTypes: () => resourceTypes,
    dataSourceTypes: () => dataSourceTypes,
  };
}

function convertBlock(raw: RawBlock): BlockSchema {
  const attributes = new Map<string, AttributeSchema>();
  for (const [name, spec] of Object.entries(raw.a ?? {})) {
    const required = spec.startsWith("!");
    const type = required ? spec.slice(1) : spec;
    attributes.set(name, { name, required, type, objectTyped: type.includes("object") });
  }
  const blocks = new Map<string, NestedBlockSchema>();
  for (const [name, nested] of Object.entries(raw.b ?? {})) blocks.set(name, convertNested(name, nested));
  return { attributes, blocks };
}

function convertNested(name: string, raw: RawNestedBlock): NestedBlockSchema {
  const required = raw.r === 1;
  return {
    name,
    nesting: raw.n === "s" ? "single" : "list",
    required,
    minItems: required ? 1 : 0,
    maxItems: raw.n === "s" ? 1 : undefined,
    opaque: raw.x === 1,
    ...convertBlock(raw),
  };
}
