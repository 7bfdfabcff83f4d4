/** The type exists in no source we can reach: not in the schema and no page for it (exit 1 with suggestions). */
export class UnknownDocTypeError extends Error {
  override name = "UnknownDocTypeError";
  constructor(
    readonly type: string,
    readonly suggestions: string[],
  ) {
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(", ")}?` : "";
    super(`unknown AWS provider type "${type}".${hint}`);
  }
}

/** The docs could not be fetched and there is no offline fallback for the type. */
export class DocsUnavailableError extends Error {
  override name = "DocsUnavailableError";
}
