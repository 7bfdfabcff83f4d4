import type { ArgumentDoc, DocKind, DocSection } from "./types.js";

/** One resource or data source as the offline provider schema knows it. */
export interface SchemaEntry {
  docUrl: string;
  arguments: { name: string; required: boolean; description?: string; block?: string }[];
}

/** The offline provider schema, behind a small interface so the docs module does not depend on its file format. */
export interface SchemaSource {
  version: string;
  lookup(type: string, kind: DocKind): SchemaEntry | undefined;
  types(kind: DocKind): readonly string[];
}

export function schemaArguments(entry: SchemaEntry): ArgumentDoc[] {
  return entry.arguments.map((a) => ({
    name: a.name,
    required: a.required,
    description: a.description ?? "",
    block: a.block ?? "",
  }));
}

/** Sections built from the schema alone: names and required flags, grouped by block, clearly marked as not live. */
export function schemaSections(type: string, entry: SchemaEntry, version: string): DocSection[] {
  const groups = new Map<string, ArgumentDoc[]>();
  for (const argument of schemaArguments(entry)) {
    const list = groups.get(argument.block) ?? [];
    list.push(argument);
    groups.set(argument.block, list);
  }
  return [...groups.entries()].map(([block, args]) => ({
    heading:
      block === ""
        ? "Argument Reference (provider schema)"
        : `Argument Reference (provider schema) > ${block} block`,
    text: [
      `From the offline AWS provider schema ${version} for ${type}; the live documentation could not be fetched.`,
      ...args.map(
        (a) =>
          `* \`${a.name}\` - (${a.required ? "Required" : "Optional"})${a.description === "" ? "" : ` ${a.description}`}`,
      ),
    ].join("\n"),
  }));
}
