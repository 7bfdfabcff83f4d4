import type { CacheEntry, DiskCache } from "./cache.js";
import { DocsFetchError, safeGet, type GetOptions } from "./http.js";

export interface PageResult {
  url: string;
  body: string;
  origin: "live" | "cache";
  /** True when the network failed and an expired copy was served (stale-if-error). */
  stale: boolean;
  truncated: boolean;
  fetchedAt: number;
}

export interface PageFetcherOptions {
  http: GetOptions;
  cache: DiskCache;
  now: () => number;
  ttlMs: number;
  /** No network at all: only what the cache holds, fresh or not. */
  offline: boolean;
}

export interface PageFetcher {
  get(url: string): Promise<PageResult>;
}

/** Cache-first page fetching: fresh hit, else revalidate (304 → reuse), else stale-if-error; one fetch per URL at a time. */
export function createPageFetcher(options: PageFetcherOptions): PageFetcher {
  const inFlight = new Map<string, Promise<PageResult>>();
  // A cache that cannot be written (read-only or full disk) costs speed, never the answer.
  const remember = (entry: CacheEntry): Promise<void> => options.cache.write(entry).catch(() => undefined);
  const load = async (url: string): Promise<PageResult> => {
    const entry = await options.cache.read(url);
    const now = options.now();
    if (entry !== undefined && (now < entry.expiresAt || options.offline))
      return fromEntry(entry, now >= entry.expiresAt);
    if (options.offline) throw new DocsFetchError("network", url, "offline mode and the page is not cached");
    const headers: Record<string, string> = {};
    if (entry?.etag !== undefined) headers["if-none-match"] = entry.etag;
    if (entry?.lastModified !== undefined) headers["if-modified-since"] = entry.lastModified;
    try {
      const page = await safeGet(url, { ...options.http, headers });
      const fetchedAt = options.now();
      if (page.status === 304 && entry !== undefined) {
        const refreshed: CacheEntry = { ...entry, expiresAt: fetchedAt + options.ttlMs, ...validators(page) };
        await remember(refreshed);
        return fromEntry(refreshed, false);
      }
      const fresh: CacheEntry = {
        version: 1,
        url,
        body: page.body,
        fetchedAt,
        expiresAt: fetchedAt + options.ttlMs,
        truncated: page.truncated,
        ...validators(page),
      };
      await remember(fresh);
      return { url, body: page.body, origin: "live", stale: false, truncated: page.truncated, fetchedAt };
    } catch (error) {
      if (entry !== undefined && error instanceof DocsFetchError && error.transient)
        return fromEntry(entry, true);
      throw error;
    }
  };
  return {
    get(url) {
      const pending = inFlight.get(url);
      if (pending !== undefined) return pending;
      const started = load(url).finally(() => inFlight.delete(url));
      inFlight.set(url, started);
      return started;
    },
  };
}

function validators(page: {
  etag?: string;
  lastModified?: string;
}): Partial<Pick<CacheEntry, "etag" | "lastModified">> {
  return {
    ...(page.etag === undefined ? {} : { etag: page.etag }),
    ...(page.lastModified === undefined ? {} : { lastModified: page.lastModified }),
  };
}

function fromEntry(entry: CacheEntry, stale: boolean): PageResult {
  return {
    url: entry.url,
    body: entry.body,
    origin: "cache",
    stale,
    truncated: entry.truncated,
    fetchedAt: entry.fetchedAt,
  };
}

/** The page body with a visible note when it was cut at the size cap, so no reader mistakes it for the whole page. */
export function withCutNote(page: Pick<PageResult, "body" | "truncated">): string {
  return page.truncated
    ? `${page.body}\n\n[This page was cut at the size limit; the rest was not read.]`
    : page.body;
}
