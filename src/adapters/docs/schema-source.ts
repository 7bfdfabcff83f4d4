import type { SchemaEntry, SchemaSource } from "../../core/docs/schema.js";
import type { DocKind } from "../../core/docs/types.js";
import {
  loadAwsProviderSchema,
  type AwsProviderSchema,
  type BlockSchema,
} from "../../core/terraform/schema/index.js";

/** Adapts the bundled AWS provider schema to the docs module's SchemaSource. */
export function schemaSourceFrom(schema: AwsProviderSchema): SchemaSource {
  return {
    version: `hashicorp/aws ${schema.version.providerVersion}`,
    lookup(type: string, kind: DocKind): SchemaEntry | undefined {
      const found = kind === "data" ? schema.dataSource(type) : schema.resource(type);
      if (found === undefined) return undefined;
      return { docUrl: found.docUrl, arguments: flatten(found, "") };
    },
    types: (kind: DocKind) => (kind === "data" ? schema.dataSourceTypes() : schema.resourceTypes()),
  };
}

/** The bundled schema, or undefined when its data file cannot be read (the docs then work without a fallback). */
export function bundledSchemaSource(): SchemaSource | undefined {
  try {
    return schemaSourceFrom(loadAwsProviderSchema());
  } catch {
    return undefined;
  }
}

function flatten(block: BlockSchema, path: string): SchemaEntry["arguments"] {
  const out: SchemaEntry["arguments"] = [];
  for (const attribute of block.attributes.values()) {
    out.push({
      name: attribute.name,
      required: attribute.required,
      description: `type ${attribute.type}`,
      block: path,
    });
  }
  for (const nested of block.blocks.values()) {
    const kind = nested.nesting === "single" ? "block, at most one" : "block, repeatable";
    out.push({ name: nested.name, required: nested.required, description: kind, block: path });
    out.push(...flatten(nested, path === "" ? nested.name : `${path}.${nested.name}`));
  }
  return out;
}
