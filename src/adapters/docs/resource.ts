import { parseProviderMarkdown } from "../../core/docs/provider.js";
import { schemaArguments, schemaSections, type SchemaSource } from "../../core/docs/schema.js";
import type { DocKind, DocsOrigin, ProviderDoc } from "../../core/docs/types.js";
import { didYouMean, rawMarkdownUrl, registryPageUrl } from "../../core/docs/urls.js";
import { DocsUnavailableError, UnknownDocTypeError } from "./errors.js";
import { DocsFetchError } from "./http.js";
import { withCutNote, type PageFetcher, type PageResult } from "./pages.js";
import { fetchRegistryDoc } from "./registry.js";

export interface ResourceDocs {
  type: string;
  kind: DocKind;
  /** The page a human should open (the registry's rendered docs). */
  url: string;
  /** What was actually read: the raw markdown, a registry API URL, or the schema's doc URL. */
  sourceUrl: string;
  origin: DocsOrigin;
  stale: boolean;
  doc: ProviderDoc;
  /** Why the docs are not live, when they are not. */
  notes: string[];
}

export interface ResourceDocsOptions {
  pages: PageFetcher;
  schema: SchemaSource | undefined;
  providerVersion: string | undefined;
}

const TYPE_NAME = /^aws_[a-z0-9_]{1,120}$/;

/** "data.aws_x" is a data source; a bare name the schema knows only as a data source is one too. */
export function kindAndType(
  input: string,
  kind: DocKind | undefined,
  schema: SchemaSource | undefined,
): { type: string; kind: DocKind } {
  if (input.startsWith("data.")) return { type: input.slice(5), kind: "data" };
  if (kind !== undefined) return { type: input, kind };
  const dataOnly =
    schema !== undefined &&
    schema.lookup(input, "resource") === undefined &&
    schema.lookup(input, "data") !== undefined;
  return { type: input, kind: dataOnly ? "data" : "resource" };
}

/** Provider docs for one type: GitHub markdown, then the registry API, then the offline schema. */
export function createResourceDocs(options: ResourceDocsOptions): {
  get(input: string, opts?: { kind?: DocKind; version?: string }): Promise<ResourceDocs>;
} {
  const parsed = new Map<string, ProviderDoc>();
  const parse = (page: PageResult, type: string, kind: DocKind): ProviderDoc => {
    const key = `${kind}:${type}:${page.url}:${page.fetchedAt}`;
    let doc = parsed.get(key);
    if (doc === undefined) {
      doc = parseProviderMarkdown(withCutNote(page), type, kind);
      parsed.set(key, doc);
    }
    return doc;
  };

  return {
    async get(input, opts = {}) {
      const { type, kind } = kindAndType(input, opts.kind, options.schema);
      const version = opts.version ?? options.providerVersion;
      if (!TYPE_NAME.test(type))
        throw new UnknownDocTypeError(type, suggestions(options.schema, type.toLowerCase(), kind));
      const url = registryPageUrl(type, kind, version);
      const rawUrl = rawMarkdownUrl(type, kind, version);
      const known = options.schema?.lookup(type, kind);
      let failure: DocsFetchError | undefined;
      try {
        const page = await fetchFirst(options.pages, rawUrl, () =>
          fetchRegistryDoc(options.pages, type, kind, version),
        );
        const notes = page.stale
          ? [`the docs for ${type} were served from an expired cache copy because the network failed`]
          : [];
        return {
          type,
          kind,
          url,
          sourceUrl: page.url,
          origin: page.origin,
          stale: page.stale,
          doc: parse(page, type, kind),
          notes,
        };
      } catch (error) {
        if (!(error instanceof DocsFetchError)) throw error;
        if (error.kind === "not_found" && known === undefined)
          throw new UnknownDocTypeError(type, suggestions(options.schema, type, kind));
        failure = error;
      }
      if (known === undefined || options.schema === undefined) {
        if (options.schema !== undefined)
          throw new UnknownDocTypeError(type, suggestions(options.schema, type, kind));
        throw new DocsUnavailableError(
          `docs for ${type} could not be fetched (${failure.message}) and no offline schema is loaded`,
        );
      }
      const doc = schemaDoc(type, kind, options.schema, known);
      const notes = [
        `the docs for ${type} are not live: ${failure.message}; showing argument names from the provider schema (${options.schema.version})`,
      ];
      return {
        type,
        kind,
        url: known.docUrl,
        sourceUrl: known.docUrl,
        origin: "schema",
        stale: false,
        doc,
        notes,
      };
    },
  };
}

async function fetchFirst(
  pages: PageFetcher,
  rawUrl: string,
  fallback: () => Promise<PageResult>,
): Promise<PageResult> {
  try {
    return await pages.get(rawUrl);
  } catch (error) {
    if (error instanceof DocsFetchError && error.kind === "not_found") return fallback();
    throw error;
  }
}

function schemaDoc(
  type: string,
  kind: DocKind,
  schema: SchemaSource,
  entry: NonNullable<ReturnType<SchemaSource["lookup"]>>,
): ProviderDoc {
  return {
    type,
    kind,
    frontMatter: { subcategory: "", layout: "", pageTitle: type, description: "" },
    title: `${kind === "data" ? "Data Source" : "Resource"}: ${type}`,
    description: "",
    examples: [],
    arguments: schemaArguments(entry),
    attributes: [],
    importText: "",
    sections: schemaSections(type, entry, schema.version),
  };
}

function suggestions(schema: SchemaSource | undefined, type: string, kind: DocKind): string[] {
  return schema === undefined ? [] : didYouMean(type, schema.types(kind));
}
