import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CONSTRAINTS_FILE, type ConstraintsFile, constraintsFileSchema, constraintsForType } from "./constraints.js";
import { defaultDocPath } from "./format.js";
import type { RawBlock, RawNestedBlock, RawTypeSchema, SchemaFile } from "./format.js";
import { BASE_FILE, MANIFEST_FILE, type SchemaLine, schemaManifestSchema } from "./manifest.js";
import { applySchemaPatch, type SchemaPatchFile } from "./patch.js";
import { type SchemaChoice, selectSchemaLine } from "./select.js";
import type {
  AttributeSchema,
  AwsProviderSchema,
  BlockSchema,
  NestedBlockSchema,
  TypeSchema,
} from "./types.js";

export const SCHEMA_FILE_NAME = BASE_FILE;

/**
 * Where the data files sit: beside this module when running from source (tsx, jest), or in the source
 * tree when running the compiled `dist/` build, which tsc does not copy JSON into.
 */
function schemaDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [here, join(here, "..", "..", "..", "..", "..", "src", "core", "terraform", "schema")];
  const found = candidates.find((dir) => existsSync(join(dir, MANIFEST_FILE)));
  if (found === undefined)
    throw new Error(`AWS provider schemas not found (looked for ${MANIFEST_FILE} in ${candidates.join(", ")})`);
  return found;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(join(schemaDir(), file), "utf8"));

let manifest: SchemaLine[] | undefined;
let constraintsFile: ConstraintsFile | undefined;
let baseFile: SchemaFile | undefined;
const byLine = new Map<string, AwsProviderSchema>();

/** The provider lines this build carries, oldest first (read from a small manifest, no schema parsed). */
export function bundledSchemaLines(): readonly SchemaLine[] {
  manifest ??= schemaManifestSchema
    .parse(readJson(MANIFEST_FILE))
    .lines.slice()
    .sort((a, b) => Number(a.line) - Number(b.line));
  return manifest;
}

/**
 * The bundled schema of one provider major (`"4"`, `"5"`, `"6"`), default the newest (what terraform
 * installs when nothing is pinned). The base file is parsed on first use; a line's patch only when asked.
 */
export function loadAwsProviderSchema(line?: string): AwsProviderSchema {
  const lines = bundledSchemaLines();
  const entry = line === undefined ? lines[lines.length - 1] : lines.find((l) => l.line === line);
  if (entry === undefined) throw new Error(`no bundled AWS provider schema for ${line ?? "any"} line`);
  let schema = byLine.get(entry.line);
  if (schema === undefined) {
    baseFile ??= readJson(BASE_FILE) as SchemaFile;
    const file =
      entry.file === BASE_FILE ? baseFile : applySchemaPatch(baseFile, readJson(entry.file) as SchemaPatchFile);
    schema = createAwsProviderSchema(file, constraintsForLine(entry.line));
    byLine.set(entry.line, schema);
  }
  return schema;
}

/** The constraint table for the lines it lists (each type's entries are checked against the line on lookup). */
function constraintsForLine(line: string): ConstraintsFile | null {
  constraintsFile ??= constraintsFileSchema.parse(readJson(CONSTRAINTS_FILE));
  return constraintsFile.lines.includes(line) ? constraintsFile : null;
}

/** Where the bundled constraint table comes from, and the schema lines it is applied to. */
export function bundledConstraintSource(): ConstraintsFile["source"] & { lines: string[] } {
  constraintsFile ??= constraintsFileSchema.parse(readJson(CONSTRAINTS_FILE));
  const lines = bundledSchemaLines()
    .map((l) => l.line)
    .filter((line) => constraintsForLine(line) !== null);
  return { ...constraintsFile.source, lines };
}

/**
 * The bundled schema for a repository: its `required_providers` constraint(s) for hashicorp/aws and its
 * `.terraform.lock.hcl` (the locked version wins). `choice.note` says what was picked and why.
 */
export function schemaFor(
  constraint: string | null,
  lockFile?: string | null,
): { schema: AwsProviderSchema; choice: SchemaChoice } {
  const choice = selectSchemaLine(bundledSchemaLines(), constraint, lockFile ?? null);
  return { schema: loadAwsProviderSchema(choice.line), choice };
}

/** A schema view over an in-memory schema file; types are converted on first lookup and kept. */
export function createAwsProviderSchema(
  file: SchemaFile,
  constraints: ConstraintsFile | null = null,
): AwsProviderSchema {
  const views = { resource: new Map<string, TypeSchema>(), data: new Map<string, TypeSchema>() };
  const lookup = (kind: "resource" | "data", type: string): TypeSchema | undefined => {
    const raws = kind === "resource" ? file.resources : file.dataSources;
    if (!Object.hasOwn(raws, type)) return undefined;
    const cache = views[kind];
    let view = cache.get(type);
    if (view === undefined) {
      const raw = raws[type] as RawTypeSchema;
      const docUrl = `${file.docsBase}/${raw.u ?? defaultDocPath(kind, type)}`;
      const block = convertBlock(raw);
      const entries = (kind === "resource" ? constraints?.resources : constraints?.dataSources)?.[type];
      view = { type, kind, docUrl, computed: raw.c ?? [], deprecated: raw.d === 1, ...block };
      if (entries !== undefined) view.constraints = constraintsForType(entries, block);
      cache.set(type, view);
    }
    return view;
  };
  let provider: BlockSchema | undefined;
  const resourceTypes = Object.keys(file.resources).sort();
  const dataSourceTypes = Object.keys(file.dataSources).sort();
  return {
    version: { ...file.source },
    constraintSource:
      constraints === null
        ? null
        : { providerVersion: constraints.source.providerVersion, commit: constraints.source.commit },
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
    const [, bang, tilde, type = "any"] = /^(!?)(~?)(.*)$/s.exec(spec) ?? [];
    attributes.set(name, {
      name,
      required: bang === "!",
      type,
      objectTyped: type.includes("object"),
      deprecated: tilde === "~",
    });
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
    minItems: raw.m ?? (required ? 1 : 0),
    maxItems: raw.M ?? (raw.n === "s" ? 1 : undefined),
    opaque: raw.x === 1,
    deprecated: raw.d === 1,
    ...convertBlock(raw),
  };
}
