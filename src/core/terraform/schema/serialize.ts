import type { SchemaFile } from "./format.js";
import type { SchemaPatchFile } from "./patch.js";

/**
 * One type per line: small enough to load fast, and a provider upgrade shows up in git as a readable
 * per-type diff instead of one giant changed line.
 */
export function serializeSchemaFile(file: SchemaFile): string {
  const section = (types: Record<string, unknown>): string =>
    Object.entries(types)
      .map(([name, schema]) => `    ${JSON.stringify(name)}: ${JSON.stringify(schema)}`)
      .join(",\n");
  return [
    "{",
    `  "format": ${file.format},`,
    `  "source": ${JSON.stringify(file.source)},`,
    `  "docsBase": ${JSON.stringify(file.docsBase)},`,
    `  "provider": ${JSON.stringify(file.provider)},`,
    `  "resources": {\n${section(file.resources)}\n  },`,
    `  "dataSources": {\n${section(file.dataSources)}\n  }`,
    "}",
    "",
  ].join("\n");
}

/** Same layout for a line's patch: one changed type per line. */
export function serializePatchFile(file: SchemaPatchFile): string {
  const section = (types: Record<string, unknown>): string =>
    Object.entries(types)
      .map(([name, change]) => `    ${JSON.stringify(name)}: ${JSON.stringify(change)}`)
      .join(",\n");
  return [
    "{",
    `  "format": ${file.format},`,
    `  "source": ${JSON.stringify(file.source)},`,
    `  "docsBase": ${JSON.stringify(file.docsBase)},`,
    ...(file.provider === undefined ? [] : [`  "provider": ${JSON.stringify(file.provider)},`]),
    `  "resources": {\n${section(file.resources)}\n  },`,
    `  "dataSources": {\n${section(file.dataSources)}\n  }`,
    "}",
    "",
  ].join("\n");
}
