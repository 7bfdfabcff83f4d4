export { createDocsClient, defaultCacheDir, DEFAULT_DOCS_LIMITS } from "./client.js";
export type { DocsClient, DocsClientOptions, DocsLimits, FetchedAwsPage } from "./client.js";
export { DocsUnavailableError, UnknownDocTypeError } from "./errors.js";
export { DEFAULT_ALLOWED_HOSTS, DocsFetchError } from "./http.js";
export type { AllowedHost, FetchLike } from "./http.js";
export type { ResourceDocs } from "./resource.js";
export { createRetriever, type RetrieveOptions } from "./retrieve.js";
export { bundledSchemaSource, schemaSourceFrom } from "./schema-source.js";
