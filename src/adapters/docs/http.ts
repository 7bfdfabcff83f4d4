export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface AllowedHost {
  host: string;
  /** When set, only paths under it are allowed on this host. */
  pathPrefix?: string;
}

export const DEFAULT_ALLOWED_HOSTS: readonly AllowedHost[] = [
  { host: "registry.terraform.io" },
  { host: "raw.githubusercontent.com", pathPrefix: "/hashicorp/terraform-provider-aws/" },
  { host: "docs.aws.amazon.com" },
];

export interface HttpLimits {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
}

export const DEFAULT_LIMITS: HttpLimits = { maxBytes: 2 * 1024 * 1024, timeoutMs: 10_000, maxRedirects: 5 };

export type FetchErrorKind =
  "disallowed" | "not_found" | "http" | "network" | "timeout" | "redirects" | "binary";

/** A documentation fetch that failed, with a kind callers branch on (404 → unknown page, network → fall back). */
export class DocsFetchError extends Error {
  override name = "DocsFetchError";
  constructor(
    readonly kind: FetchErrorKind,
    readonly url: string,
    message: string,
    readonly status?: number,
  ) {
    super(`fetch ${url}: ${message}`);
  }

  /** True when retrying later could work, so a stale copy may be served instead. */
  get transient(): boolean {
    return (
      this.kind === "network" ||
      this.kind === "timeout" ||
      (this.kind === "http" && (this.status ?? 0) >= 500)
    );
  }
}

export interface FetchedPage {
  url: string;
  status: 200 | 304;
  body: string;
  etag?: string;
  lastModified?: string;
  truncated: boolean;
}

export function isAllowed(url: string, allow: readonly AllowedHost[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "https:" || parsed.username !== "" || parsed.password !== "" || parsed.port !== "")
    return false;
  return allow.some(
    (a) =>
      a.host === parsed.hostname.toLowerCase() &&
      (a.pathPrefix === undefined || parsed.pathname.startsWith(a.pathPrefix)),
  );
}

export interface GetOptions {
  fetch: FetchLike;
  allow: readonly AllowedHost[];
  limits: HttpLimits;
  headers?: Record<string, string>;
}

/** GET with the allow-list enforced on every hop, manual redirects, a timeout, and a cap on response bytes. */
export async function safeGet(url: string, options: GetOptions): Promise<FetchedPage> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.limits.timeoutMs);
  try {
    let current = url;
    for (let hop = 0; hop <= options.limits.maxRedirects; hop += 1) {
      if (!isAllowed(current, options.allow))
        throw new DocsFetchError(
          "disallowed",
          current,
          "host or path is not on the documentation allow-list",
        );
      const response = await request(current, options, controller.signal);
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && response.status !== 304 && location !== null) {
        await response.body?.cancel().catch(() => undefined);
        current = new URL(location, current).toString();
        continue;
      }
      return await readPage(current, response, options.limits.maxBytes, controller.signal);
    }
    throw new DocsFetchError("redirects", url, `more than ${options.limits.maxRedirects} redirects`);
  } catch (error) {
    if (error instanceof DocsFetchError) throw error;
    if (controller.signal.aborted)
      throw new DocsFetchError("timeout", url, `no answer within ${options.limits.timeoutMs} ms`);
    throw new DocsFetchError(
      "network",
      url,
      error instanceof Error ? (error.message.split("\n")[0] ?? "") : "request failed",
    );
  } finally {
    clearTimeout(timer);
  }
}

async function request(url: string, options: GetOptions, signal: AbortSignal): Promise<Response> {
  const headers = {
    "user-agent": "aws-devops-agent (docs)",
    accept: "text/markdown, text/html, application/json, text/plain",
    ...options.headers,
  };
  return options.fetch(url, { method: "GET", redirect: "manual", headers, signal });
}

async function readPage(
  url: string,
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
): Promise<FetchedPage> {
  const meta = {
    url,
    etag: response.headers.get("etag") ?? undefined,
    lastModified: response.headers.get("last-modified") ?? undefined,
  };
  const withMeta = (page: Omit<FetchedPage, "etag" | "lastModified">): FetchedPage => ({
    ...page,
    ...(meta.etag === undefined ? {} : { etag: meta.etag }),
    ...(meta.lastModified === undefined ? {} : { lastModified: meta.lastModified }),
  });
  if (response.status === 304) return withMeta({ url, status: 304, body: "", truncated: false });
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    const kind = response.status === 404 || response.status === 410 ? "not_found" : "http";
    throw new DocsFetchError(kind, url, `HTTP ${response.status}`, response.status);
  }
  const { bytes, truncated } = await readCapped(response, maxBytes, signal);
  if (bytes.subarray(0, 8192).includes(0))
    throw new DocsFetchError("binary", url, "the answer is binary, not a text page");
  return withMeta({ url, status: 200, body: new TextDecoder("utf-8").decode(bytes), truncated });
}

async function readCapped(
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const reader = response.body?.getReader();
  if (reader === undefined) return { bytes: new Uint8Array(), truncated: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    if (signal.aborted) throw new Error("aborted");
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - size;
    chunks.push(value.length > room ? value.subarray(0, room) : value);
    size += Math.min(value.length, room);
    if (value.length >= room && (value.length > room || !(await isEnd(reader)))) {
      truncated = true;
      break;
    }
  }
  await reader.cancel().catch(() => undefined);
  return { bytes: Buffer.concat(chunks), truncated };
}

async function isEnd(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<boolean> {
  for (;;) {
    const next = await reader.read();
    if (next.done) return true;
    if (next.value.length > 0) return false;
  }
}
