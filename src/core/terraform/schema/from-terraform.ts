import { z } from "zod";
import type { RawBlock, RawNestedBlock, RawTypeSchema, SchemaFile } from "./format.js";

/**
 * The parts of `terraform providers schema -json` the compact schema keeps. Terraform states what the
 * @cdktf assemblies cannot: deprecation, computed-only attributes, set vs list, min/max block counts.
 */
type CtyType = string | [string, ...unknown[]];
const ctyType: z.ZodType<CtyType> = z.union([z.string(), z.tuple([z.string()]).rest(z.unknown())]);

const attribute = z.object({
  type: ctyType.optional(),
  required: z.boolean().optional(),
  optional: z.boolean().optional(),
  computed: z.boolean().optional(),
  deprecated: z.boolean().optional(),
});

interface TfBlock {
  attributes?: Record<string, z.infer<typeof attribute>> | undefined;
  block_types?: Record<string, TfNestedBlock> | undefined;
  deprecated?: boolean | undefined;
}
interface TfNestedBlock {
  nesting_mode: string;
  block: TfBlock;
  min_items?: number | undefined;
  max_items?: number | undefined;
}

const block: z.ZodType<TfBlock> = z.lazy(() =>
  z.object({
    attributes: z.record(z.string(), attribute).optional(),
    block_types: z.record(z.string(), nestedBlock).optional(),
    deprecated: z.boolean().optional(),
  }),
);
const nestedBlock: z.ZodType<TfNestedBlock> = z.lazy(() =>
  z.object({
    nesting_mode: z.string(),
    block,
    min_items: z.number().optional(),
    max_items: z.number().optional(),
  }),
);
const typeSchema = z.object({ block });

const providerSchemas = z.object({
  provider_schemas: z.record(
    z.string(),
    z.object({
      provider: typeSchema,
      resource_schemas: z.record(z.string(), typeSchema).optional(),
      data_source_schemas: z.record(z.string(), typeSchema).optional(),
    }),
  ),
});

/**
 * Blocks nested deeper than this are kept as opaque (content unchecked). Past it lie only the recursive
 * expression trees of a handful of types (QuickSight visuals, WAFv2 statements), which are three quarters
 * of terraform's schema by size and almost never written by hand or by the agent.
 */
export const MAX_CHECKED_DEPTH = 7;

export const AWS_PROVIDER_ADDRESS = "registry.terraform.io/hashicorp/aws";

/** Converts terraform's schema JSON for the AWS provider into the compact schema file. */
export function schemaFromTerraform(
  input: unknown,
  versions: { provider: string; terraform: string },
): SchemaFile {
  const parsed = providerSchemas.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`not terraform providers schema JSON: ${issue?.path.join(".") ?? "?"}: ${issue?.message}`);
  }
  const aws = parsed.data.provider_schemas[AWS_PROVIDER_ADDRESS];
  if (aws === undefined) throw new Error(`the schema JSON has no ${AWS_PROVIDER_ADDRESS} provider`);
  const types = (from: Record<string, { block: TfBlock }> | undefined): Record<string, RawTypeSchema> => {
    const out: Record<string, RawTypeSchema> = {};
    for (const name of Object.keys(from ?? {}).sort()) {
      const tf = (from ?? {})[name] as { block: TfBlock };
      const raw: RawTypeSchema = convert(tf.block);
      const computed = Object.entries(tf.block.attributes ?? {})
        .filter(([, a]) => computedOnly(a))
        .map(([n]) => n)
        .sort();
      if (computed.length > 0) raw.c = computed;
      if (tf.block.deprecated === true) raw.d = 1;
      out[name] = raw;
    }
    return out;
  };
  return {
    format: 2,
    source: {
      package: "terraform providers schema -json",
      packageVersion: versions.terraform,
      provider: "hashicorp/aws",
      providerVersion: versions.provider,
    },
    docsBase: `https://registry.terraform.io/providers/hashicorp/aws/${versions.provider}/docs`,
    provider: convert(aws.provider.block),
    resources: types(aws.resource_schemas),
    dataSources: types(aws.data_source_schemas),
  };
}

const computedOnly = (a: z.infer<typeof attribute>): boolean =>
  a.computed === true && a.optional !== true && a.required !== true;

function convert(tf: TfBlock, depth = 0): RawBlock {
  const out: RawBlock = {};
  const attributes: Record<string, string> = {};
  for (const name of Object.keys(tf.attributes ?? {}).sort()) {
    const a = (tf.attributes ?? {})[name] as z.infer<typeof attribute>;
    // Computed-only attributes cannot be set; the type lists them in `c`, nested ones are not needed.
    if (computedOnly(a)) continue;
    attributes[name] = `${a.required === true ? "!" : ""}${a.deprecated === true ? "~" : ""}${typeText(a.type)}`;
  }
  if (Object.keys(attributes).length > 0) out.a = attributes;
  const blocks: Record<string, RawNestedBlock> = {};
  for (const name of Object.keys(tf.block_types ?? {}).sort()) {
    const nested = (tf.block_types ?? {})[name] as TfNestedBlock;
    const single = nested.nesting_mode === "single" || nested.nesting_mode === "group";
    const min = nested.min_items ?? 0;
    const max = nested.max_items ?? 0;
    const raw: RawNestedBlock = { n: single ? "s" : "l" };
    if (min >= 1) raw.r = 1;
    if (min > 1) raw.m = min;
    if (!single && max > 0) raw.M = max;
    if (nested.block.deprecated === true) raw.d = 1;
    if (depth >= MAX_CHECKED_DEPTH) raw.x = 1;
    blocks[name] = depth >= MAX_CHECKED_DEPTH ? raw : { ...raw, ...convert(nested.block, depth + 1) };
  }
  if (Object.keys(blocks).length > 0) out.b = blocks;
  return out;
}

/** cty JSON (`"string"`, `["list","string"]`, `["object",{...}]`) in the notation the schema file uses. */
export function typeText(type: CtyType | undefined): string {
  if (type === undefined) return "any";
  if (typeof type === "string") return type === "dynamic" ? "any" : type;
  const [kind, element] = type;
  if (kind === "object") return "object";
  if (kind === "tuple") return "list(any)";
  const inner = typeText(element as CtyType);
  // Lists and sets read and write alike in configuration; the assembly-derived schemas never told them apart.
  return `${kind === "map" ? "map" : "list"}(${inner})`;
}
