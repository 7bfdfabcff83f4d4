import nock from "nock";
import { describe, expect, it } from "@jest/globals";
import {
  DEFAULT_ALLOWED_HOSTS,
  DocsFetchError,
  isAllowed,
  safeGet,
  type FetchLike,
  type GetOptions,
} from "../../../src/adapters/docs/http.js";

const RAW = "https://raw.githubusercontent.com";
const PATH = "/hashicorp/terraform-provider-aws/main/website/docs/r/s3_bucket.html.markdown";
const options = (overrides: Partial<GetOptions["limits"]> = {}, fetchImpl?: FetchLike): GetOptions => ({
  fetch: fetchImpl ?? ((url, init) => fetch(url, init)),
  allow: DEFAULT_ALLOWED_HOSTS,
  limits: { maxBytes: 2 * 1024 * 1024, timeoutMs: 5_000, maxRedirects: 5, ...overrides },
});

async function failure(promise: Promise<unknown>): Promise<DocsFetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DocsFetchError) return error;
    throw error;
  }
  throw new Error("expected the fetch to fail");
}

describe("isAllowed", () => {
  it("allows only the documentation hosts, over https, and only the provider repo on GitHub raw", () => {
    expect(isAllowed(`${RAW}${PATH}`, DEFAULT_ALLOWED_HOSTS)).toBe(true);
    expect(
      isAllowed(
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html",
        DEFAULT_ALLOWED_HOSTS,
      ),
    ).toBe(true);
    expect(isAllowed("https://registry.terraform.io/v2/provider-docs/1", DEFAULT_ALLOWED_HOSTS)).toBe(true);
    expect(isAllowed(`${RAW}/evil/repo/main/x.md`, DEFAULT_ALLOWED_HOSTS)).toBe(false);
    expect(isAllowed("http://docs.aws.amazon.com/x", DEFAULT_ALLOWED_HOSTS)).toBe(false);
    expect(isAllowed("https://docs.aws.amazon.com:8443/x", DEFAULT_ALLOWED_HOSTS)).toBe(false);
    expect(isAllowed("https://user:pw@docs.aws.amazon.com/x", DEFAULT_ALLOWED_HOSTS)).toBe(false);
    expect(isAllowed("https://docs.aws.amazon.com.evil.example/x", DEFAULT_ALLOWED_HOSTS)).toBe(false);
    expect(isAllowed("not a url", DEFAULT_ALLOWED_HOSTS)).toBe(false);
  });
});

describe("safeGet", () => {
  it("returns the body with its validators", async () => {
    nock(RAW).get(PATH).reply(200, "# Resource: aws_s3_bucket", {
      etag: '"abc"',
      "last-modified": "Tue, 24 Nov 2026 10:00:00 GMT",
    });
    const page = await safeGet(`${RAW}${PATH}`, options());
    expect(page).toEqual({
      url: `${RAW}${PATH}`,
      status: 200,
      body: "# Resource: aws_s3_bucket",
      etag: '"abc"',
      lastModified: "Tue, 24 Nov 2026 10:00:00 GMT",
      truncated: false,
    });
  });

  it("follows a redirect that stays on the allow-list", async () => {
    nock("https://docs.aws.amazon.com").get("/old.html").reply(301, "", { location: "/new.html" });
    nock("https://docs.aws.amazon.com").get("/new.html").reply(200, "<h1>New</h1>");
    const page = await safeGet("https://docs.aws.amazon.com/old.html", options());
    expect(page.url).toBe("https://docs.aws.amazon.com/new.html");
    expect(page.body).toBe("<h1>New</h1>");
  });

  it("refuses a redirect to another host without requesting it", async () => {
    nock("https://docs.aws.amazon.com")
      .get("/x.html")
      .reply(302, "", { location: "https://evil.example/steal" });
    const error = await failure(safeGet("https://docs.aws.amazon.com/x.html", options()));
    expect(error.kind).toBe("disallowed");
    expect(error.message).toBe(
      "fetch https://evil.example/steal: host or path is not on the documentation allow-list",
    );
  });

  it("stops after the redirect limit", async () => {
    nock("https://docs.aws.amazon.com")
      .get(/\/loop\d*\.html/)
      .times(3)
      .reply(302, "", { location: "/loop.html" });
    const error = await failure(
      safeGet("https://docs.aws.amazon.com/loop0.html", options({ maxRedirects: 2 })),
    );
    expect(error.kind).toBe("redirects");
  });

  it("maps 404 to not_found and 5xx to a transient http error", async () => {
    nock(RAW).get(PATH).reply(404, "404: Not Found");
    const missing = await failure(safeGet(`${RAW}${PATH}`, options()));
    expect([missing.kind, missing.status, missing.transient]).toEqual(["not_found", 404, false]);
    nock(RAW).get(PATH).reply(503, "busy");
    const busy = await failure(safeGet(`${RAW}${PATH}`, options()));
    expect([busy.kind, busy.status, busy.transient]).toEqual(["http", 503, true]);
  });

  it("cuts a huge page at the byte cap and says so", async () => {
    nock(RAW).get(PATH).reply(200, "a".repeat(300_000));
    const page = await safeGet(`${RAW}${PATH}`, options({ maxBytes: 100_000 }));
    expect(page.body).toHaveLength(100_000);
    expect(page.truncated).toBe(true);
    nock(RAW).get(PATH).reply(200, "b".repeat(1000));
    expect((await safeGet(`${RAW}${PATH}`, options({ maxBytes: 1000 }))).truncated).toBe(false);
  });

  it("refuses binary answers", async () => {
    nock(RAW)
      .get(PATH)
      .reply(200, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    expect((await failure(safeGet(`${RAW}${PATH}`, options()))).kind).toBe("binary");
  });

  it("reports a network failure and a timeout as transient", async () => {
    nock(RAW).get(PATH).replyWithError("getaddrinfo ENOTFOUND raw.githubusercontent.com");
    const down = await failure(safeGet(`${RAW}${PATH}`, options()));
    expect([down.kind, down.transient]).toEqual(["network", true]);
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener("abort", () => reject(new Error("aborted"))),
      );
    const slow = await failure(safeGet(`${RAW}${PATH}`, options({ timeoutMs: 20 }, hanging)));
    expect([slow.kind, slow.message, slow.transient]).toEqual([
      "timeout",
      `fetch ${RAW}${PATH}: no answer within 20 ms`,
      true,
    ]);
  });

  it("never fetches a disallowed URL", async () => {
    let called = false;
    const spy: FetchLike = () => {
      called = true;
      return Promise.resolve(new Response("x"));
    };
    expect((await failure(safeGet("https://evil.example/", options({}, spy)))).kind).toBe("disallowed");
    expect(called).toBe(false);
  });
});
