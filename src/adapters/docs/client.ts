import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";
import { parseAuthorizationReference } from "../../core/docs/authz.js";
import { parseHtmlPage, type HtmlPage } from "../../core/docs/html.js";
import type { SchemaSource } from "../../core/docs/schema.js";
import { authorizationUrl, findAction } from "../../core/docs/services.js";
import type {
  ActionLookup,
  AuthorizationAction,
  AuthorizationReference,
  DocKind,
} from "../../core/docs/types.js";
import { createDiskCache } from "./cache.js";
import { DocsUnavailableError } from "./errors.js";
import {
  DEFAULT_ALLOWED_HOSTS,
  DEFAULT_LIMITS,
  DocsFetchError,
  type AllowedHost,
  type FetchLike,
  type HttpLimits,
} from "./http.js";
import { createPageFetcher, withCutNote, type PageResult } from "./pages.js";
import { createResourceDocs, type ResourceDocs } from "./resource.js";
import { createRetriever, type RetrieveOptions } from "./retrieve.js";
import type { DocsQuery } from "../../core/docs/select.js";
import type { RetrievedDocs } from "../../core/docs/types.js";

export interface DocsLimits extends HttpLimits {
  ttlMs: number;
  cacheMaxBytes: number;
}

export const DEFAULT_DOCS_LIMITS: DocsLimits = {
  ...DEFAULT_LIMITS,
  ttlMs: 24 * 60 * 60 * 1000,
  cacheMaxBytes: 64 * 1024 * 1024,
};

export interface DocsClientOptions {
  fetch?: FetchLike;
  cacheDir?: string;
  now?: () => number;
  allowHosts?: readonly AllowedHost[];
  limits?: Partial<DocsLimits>;
  /** Never touch the network: cached pages, then the schema. */
  offline?: boolean;
  /** The offline provider schema for the fallback; pass `bundledSchemaSource()` in production. */
  schema?: SchemaSource;
  /** The hashicorp/aws version the repo pins ("5.31.0"); ranges fall back to the latest docs. */
  providerVersion?: string;
}

export interface FetchedAwsPage extends HtmlPage {
  url: string;
  origin: "live" | "cache";
  stale: boolean;
}

export interface DocsClient {
  resourceDoc(type: string, options?: { kind?: DocKind; version?: string }): Promise<ResourceDocs>;
  awsPage(url: string): Promise<FetchedAwsPage>;
  authorization(
    servicePrefix: string,
  ): Promise<{ reference: AuthorizationReference; url: string; origin: "live" | "cache"; stale: boolean }>;
  actionsFor(servicePrefix: string): Promise<AuthorizationAction[]>;
  lookupAction(qualified: string): Promise<ActionLookup | undefined>;
  retrieveDocs(query: DocsQuery, options?: RetrieveOptions): Promise<RetrievedDocs>;
}

/**
 * The user's own cache directory (`$XDG_CACHE_HOME`, else `~/.cache`), never a shared temporary directory
 * where another local user could plant pages before we create it.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  const base =
    xdg !== undefined && xdg !== "" && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), ".cache");
  return join(base, "aws-devops-agent", "docs");
}

/** Live AWS and provider documentation, cached on disk, behind one allow-listed HTTP client. */
export function createDocsClient(options: DocsClientOptions = {}): DocsClient {
  const limits: DocsLimits = { ...DEFAULT_DOCS_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const fetchImpl: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const pages = createPageFetcher({
    http: { fetch: fetchImpl, allow: options.allowHosts ?? DEFAULT_ALLOWED_HOSTS, limits },
    cache: createDiskCache({
      dir: options.cacheDir ?? defaultCacheDir(),
      maxBytes: limits.cacheMaxBytes,
      now,
    }),
    now,
    ttlMs: limits.ttlMs,
    offline: options.offline ?? false,
  });
  const resources = createResourceDocs({
    pages,
    schema: options.schema,
    providerVersion: options.providerVersion,
  });
  const parsedAuthz = new Map<string, { at: number; reference: AuthorizationReference }>();

  const authorization: DocsClient["authorization"] = async (servicePrefix) => {
    const url = authorizationUrl(servicePrefix);
    if (url === undefined)
      throw new DocsUnavailableError(
        `no Service Authorization Reference page is known for service prefix "${servicePrefix}"`,
      );
    const page = await pages.get(url);
    const memo = parsedAuthz.get(url);
    const reference = memo?.at === page.fetchedAt ? memo.reference : parseAuthorizationReference(page.body);
    parsedAuthz.set(url, { at: page.fetchedAt, reference });
    return { reference, url, origin: page.origin, stale: page.stale };
  };

  const client: DocsClient = {
    resourceDoc: (type, opts) => resources.get(type, opts),
    async awsPage(url) {
      if (!isAwsDocsUrl(url))
        throw new DocsFetchError(
          "disallowed",
          url,
          "not an AWS documentation page (https://docs.aws.amazon.com/…)",
        );
      const page: PageResult = await pages.get(url);
      return { url, origin: page.origin, stale: page.stale, ...parseHtmlPage(withCutNote(page)) };
    },
    authorization,
    actionsFor: async (servicePrefix) => (await authorization(servicePrefix)).reference.actions,
    async lookupAction(qualified) {
      const prefix = qualified.split(":")[0] ?? "";
      const { reference, url } = await authorization(prefix);
      return findAction(reference, qualified, url);
    },
    retrieveDocs: (query, opts) => retriever.retrieve(query, opts),
  };
  const retriever = createRetriever(client);
  return client;
}

function isAwsDocsUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" && parsed.hostname === "docs.aws.amazon.com";
  } catch {
    return false;
  }
}
