import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { createDiskCache } from "../../../src/adapters/docs/cache.js";
import { DEFAULT_ALLOWED_HOSTS, DocsFetchError } from "../../../src/adapters/docs/http.js";
import { createPageFetcher, type PageFetcher } from "../../../src/adapters/docs/pages.js";

const HOST = "https://docs.aws.amazon.com";
const PAGE = "/AmazonS3/latest/userguide/Versioning.html";
const URL_PAGE = `${HOST}${PAGE}`;
const HOUR = 60 * 60 * 1000;

let dir: string;
let clock: number;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "docs-cache-test-"));
  clock = Date.UTC(2026, 10, 24, 12);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function fetcher(options: { offline?: boolean; cacheMaxBytes?: number } = {}): PageFetcher {
  const now = (): number => clock;
  return createPageFetcher({
    http: {
      fetch: (url, init) => fetch(url, init),
      allow: DEFAULT_ALLOWED_HOSTS,
      limits: { maxBytes: 1024 * 1024, timeoutMs: 5000, maxRedirects: 5 },
    },
    cache: createDiskCache({ dir, maxBytes: options.cacheMaxBytes ?? 1024 * 1024, now }),
    now,
    ttlMs: 24 * HOUR,
    offline: options.offline ?? false,
  });
}

describe("page fetcher with the disk cache", () => {
  it("serves a second request from the cache without the network", async () => {
    nock(HOST).get(PAGE).once().reply(200, "v1", { etag: '"e1"' });
    const pages = fetcher();
    expect(await pages.get(URL_PAGE)).toMatchObject({ body: "v1", origin: "live", stale: false });
    clock += HOUR;
    // A new fetcher proves the copy comes from disk, not memory.
    expect(await fetcher().get(URL_PAGE)).toMatchObject({ body: "v1", origin: "cache", stale: false });
  });

  it("revalidates an expired entry with its ETag and Last-Modified; 304 reuses it and refreshes the TTL", async () => {
    nock(HOST).get(PAGE).reply(200, "v1", { etag: '"e1"', "last-modified": "Mon, 23 Nov 2026 00:00:00 GMT" });
    await fetcher().get(URL_PAGE);
    clock += 25 * HOUR;
    nock(HOST, {
      reqheaders: { "if-none-match": '"e1"', "if-modified-since": "Mon, 23 Nov 2026 00:00:00 GMT" },
    })
      .get(PAGE)
      .reply(304, "");
    expect(await fetcher().get(URL_PAGE)).toMatchObject({ body: "v1", origin: "cache", stale: false });
    clock += 23 * HOUR;
    expect(await fetcher().get(URL_PAGE)).toMatchObject({ body: "v1", origin: "cache" });
  });

  it("replaces an expired entry when the page changed", async () => {
    nock(HOST).get(PAGE).reply(200, "v1", { etag: '"e1"' });
    await fetcher().get(URL_PAGE);
    clock += 25 * HOUR;
    nock(HOST).get(PAGE).matchHeader("if-none-match", '"e1"').reply(200, "v2", { etag: '"e2"' });
    expect(await fetcher().get(URL_PAGE)).toMatchObject({ body: "v2", origin: "live" });
    expect(await fetcher().get(URL_PAGE)).toMatchObject({ body: "v2", origin: "cache" });
  });

  it("serves a stale copy, flagged, when the network is down or the server fails", async () => {
    nock(HOST).get(PAGE).reply(200, "v1");
    await fetcher().get(URL_PAGE);
    clock += 48 * HOUR;
    nock(HOST).get(PAGE).replyWithError("connect ECONNREFUSED");
    expect(await fetcher().get(URL_PAGE)).toMatchObject({ body: "v1", origin: "cache", stale: true });
    nock(HOST).get(PAGE).reply(502, "bad gateway");
    expect(await fetcher().get(URL_PAGE)).toMatchObject({ body: "v1", origin: "cache", stale: true });
  });

  it("does not hide a 404 behind a stale copy, and fails plainly with nothing cached", async () => {
    nock(HOST).get(PAGE).reply(200, "v1");
    await fetcher().get(URL_PAGE);
    clock += 48 * HOUR;
    nock(HOST).get(PAGE).reply(404, "gone");
    await expect(fetcher().get(URL_PAGE)).rejects.toMatchObject({ kind: "not_found" });
    nock(HOST).get("/other.html").replyWithError("down");
    await expect(fetcher().get(`${HOST}/other.html`)).rejects.toBeInstanceOf(DocsFetchError);
  });

  it("shares one fetch between concurrent requests for the same URL", async () => {
    nock(HOST).get(PAGE).once().delay(20).reply(200, "shared");
    const pages = fetcher();
    const results = await Promise.all([pages.get(URL_PAGE), pages.get(URL_PAGE), pages.get(URL_PAGE)]);
    expect(results.map((r) => r.body)).toEqual(["shared", "shared", "shared"]);
  });

  it("ignores corrupt or mismatched cache entries", async () => {
    nock(HOST).get(PAGE).reply(200, "fresh");
    const pages = fetcher();
    await pages.get(URL_PAGE);
    const [file] = await readdir(dir);
    if (file === undefined) throw new Error("no cache file written");
    await writeFile(join(dir, file), "{not json");
    clock += HOUR;
    nock(HOST).get(PAGE).reply(200, "refetched");
    expect(await fetcher().get(URL_PAGE)).toMatchObject({ body: "refetched", origin: "live" });
    await writeFile(
      join(dir, file),
      JSON.stringify({
        version: 1,
        url: "https://elsewhere/",
        body: "x",
        fetchedAt: 0,
        expiresAt: 9e15,
        truncated: false,
      }),
    );
    nock(HOST).get(PAGE).reply(200, "again");
    expect(await fetcher().get(URL_PAGE)).toMatchObject({ body: "again", origin: "live" });
  });

  it("evicts the least recently used entries beyond the size cap", async () => {
    const pages = fetcher({ cacheMaxBytes: 2_000 });
    const load = async (name: string): Promise<void> => {
      await pages.get(`${HOST}/${name}.html`);
      clock += 1000;
    };
    nock(HOST).get("/a.html").reply(200, "a".repeat(700));
    nock(HOST).get("/b.html").reply(200, "b".repeat(700));
    nock(HOST).get("/c.html").reply(200, "c".repeat(700));
    await load("a");
    await load("b");
    await load("a"); // a is used again, so b is now the least recently used
    await load("c");
    const later = fetcher({ cacheMaxBytes: 2_000 });
    expect(await later.get(`${HOST}/a.html`)).toMatchObject({ origin: "cache" });
    nock(HOST).get("/b.html").reply(200, "b2");
    expect(await later.get(`${HOST}/b.html`)).toMatchObject({ origin: "live", body: "b2" });
  });

  it("never evicts files it did not write, and works when the cache cannot be written", async () => {
    await writeFile(join(dir, "user-data.json"), "x".repeat(5_000));
    nock(HOST).get(PAGE).reply(200, "v1");
    await fetcher({ cacheMaxBytes: 100 }).get(URL_PAGE);
    expect((await readdir(dir)).sort()).toContain("user-data.json");
    const blocked = join(dir, "user-data.json", "cache"); // a path under a file: every write fails
    const pages = createPageFetcher({
      http: {
        fetch: (url, init) => fetch(url, init),
        allow: DEFAULT_ALLOWED_HOSTS,
        limits: { maxBytes: 1024, timeoutMs: 5000, maxRedirects: 5 },
      },
      cache: createDiskCache({ dir: blocked, maxBytes: 1024 * 1024, now: () => clock }),
      now: () => clock,
      ttlMs: HOUR,
      offline: false,
    });
    nock(HOST).get(PAGE).reply(200, "uncached");
    expect(await pages.get(URL_PAGE)).toMatchObject({ body: "uncached", origin: "live" });
  });

  it("offline: serves any cached copy and never touches the network", async () => {
    nock(HOST).get(PAGE).reply(200, "v1");
    await fetcher().get(URL_PAGE);
    clock += 72 * HOUR;
    expect(await fetcher({ offline: true }).get(URL_PAGE)).toMatchObject({
      body: "v1",
      origin: "cache",
      stale: true,
    });
    await expect(fetcher({ offline: true }).get(`${HOST}/never.html`)).rejects.toMatchObject({
      kind: "network",
    });
  });
});
