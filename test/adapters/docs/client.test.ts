import { rm } from "node:fs/promises";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { createDocsClient, type DocsClientOptions } from "../../../src/adapters/docs/client.js";
import { DocsUnavailableError, UnknownDocTypeError } from "../../../src/adapters/docs/errors.js";
import { AWS_DOCS, RAW, REGISTRY, fixture, rawPath, smallSchema, tempCacheDir } from "./helpers.js";

let cacheDir: string;
beforeEach(async () => {
  cacheDir = await tempCacheDir();
});
afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

const client = (options: Partial<DocsClientOptions> = {}) =>
  createDocsClient({ cacheDir, schema: smallSchema, now: () => 1_800_000_000_000, ...options });

describe("resourceDoc", () => {
  it("reads the provider markdown from GitHub at the pinned version tag", async () => {
    nock(RAW).get(rawPath("s3_bucket", "v5.31.0")).reply(200, fixture("s3_bucket.html.markdown"));
    const found = await client({ providerVersion: "5.31.0" }).resourceDoc("aws_s3_bucket");
    expect(found).toMatchObject({
      type: "aws_s3_bucket",
      kind: "resource",
      url: "https://registry.terraform.io/providers/hashicorp/aws/5.31.0/docs/resources/s3_bucket",
      sourceUrl: `${RAW}${rawPath("s3_bucket", "v5.31.0")}`,
      origin: "live",
      stale: false,
      notes: [],
    });
    expect(found.doc.arguments.filter((a) => a.required).map((a) => `${a.block}.${a.name}`)).toEqual([
      "logging.target_bucket",
    ]);
  });

  it("reads a data source from the d/ folder", async () => {
    nock(RAW)
      .get(rawPath("iam_policy_document", "main", "d"))
      .reply(200, fixture("iam_policy_document.html.markdown"));
    const found = await client().resourceDoc("data.aws_iam_policy_document");
    expect([found.kind, found.url, found.doc.title]).toEqual([
      "data",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document",
      "Data Source: aws_iam_policy_document",
    ]);
  });

  it("cuts a page of tens of megabytes at the cap and says so in the docs", async () => {
    const huge = `${fixture("sqs_queue.html.markdown")}\n\n## Notes\n\n${"filler text ".repeat(3_000_000)}`;
    nock(RAW).get(rawPath("sqs_queue")).reply(200, huge);
    const found = await client({ limits: { maxBytes: 64 * 1024 } }).resourceDoc("aws_sqs_queue");
    expect(found.origin).toBe("live");
    expect(found.doc.arguments.map((a) => a.name)).toContain("redrive_policy");
    expect(
      found.doc.sections
        .at(-1)
        ?.text.endsWith("[This page was cut at the size limit; the rest was not read.]"),
    ).toBe(true);
  });

  it("treats a name the schema knows only as a data source as one", async () => {
    nock(RAW)
      .get(rawPath("iam_policy_document", "main", "d"))
      .reply(200, fixture("iam_policy_document.html.markdown"));
    const found = await client().resourceDoc("aws_iam_policy_document");
    expect([found.kind, found.origin]).toEqual(["data", "live"]);
  });

  it("falls back to the registry v2 API when the markdown is not on GitHub", async () => {
    nock(RAW).get(rawPath("s3_bucket", "v5.31.0")).reply(404, "404: Not Found");
    nock(REGISTRY)
      .get("/v2/providers/hashicorp/aws")
      .query({ include: "provider-versions" })
      .reply(200, {
        data: { type: "providers", id: "323", attributes: { name: "aws", namespace: "hashicorp" } },
        included: [
          { type: "provider-versions", id: "70000", attributes: { version: "5.30.0" } },
          { type: "provider-versions", id: "70001", attributes: { version: "5.31.0" } },
        ],
      });
    nock(REGISTRY)
      .get("/v2/provider-docs")
      .query({
        "filter[provider-version]": "70001",
        "filter[category]": "resources",
        "filter[slug]": "s3_bucket",
        "filter[language]": "hcl",
        "page[size]": "1",
      })
      .reply(200, {
        data: [
          { type: "provider-docs", id: "4242", attributes: { slug: "s3_bucket", category: "resources" } },
        ],
      });
    nock(REGISTRY)
      .get("/v2/provider-docs/4242")
      .reply(200, {
        data: {
          type: "provider-docs",
          id: "4242",
          attributes: { content: fixture("s3_bucket.html.markdown"), slug: "s3_bucket" },
        },
      });
    const found = await client({ providerVersion: "5.31.0" }).resourceDoc("aws_s3_bucket");
    expect([found.origin, found.sourceUrl, found.doc.frontMatter.pageTitle]).toEqual([
      "live",
      `${REGISTRY}/v2/provider-docs/4242`,
      "AWS: aws_s3_bucket",
    ]);
  });

  it("falls back to the offline schema when the network is down, and says the docs are not live", async () => {
    nock(RAW).get(rawPath("sqs_queue")).replyWithError("getaddrinfo ENOTFOUND raw.githubusercontent.com");
    const found = await client().resourceDoc("aws_sqs_queue");
    expect(found.origin).toBe("schema");
    expect(found.url).toBe(
      "https://registry.terraform.io/providers/hashicorp/aws/6.0.0/docs/resources/sqs_queue",
    );
    expect(found.doc.arguments.map((a) => [a.name, a.required])).toEqual([
      ["name", false],
      ["fifo_queue", false],
    ]);
    expect(found.notes[0]).toMatch(
      /^the docs for aws_sqs_queue are not live: fetch https:\/\/raw\.githubusercontent\.com\/.+getaddrinfo ENOTFOUND/,
    );
  });

  it("uses the schema when the hosts are not allowed, without any request", async () => {
    const found = await client({ allowHosts: [] }).resourceDoc("aws_s3_bucket");
    expect(found.origin).toBe("schema");
  });

  it("names an unknown type with suggestions", async () => {
    nock(RAW).get(rawPath("s3_bukcet")).reply(404, "404: Not Found");
    nock(REGISTRY)
      .get("/v2/providers/hashicorp/aws")
      .query(true)
      .reply(200, { included: [{ type: "provider-versions", id: "1", attributes: { version: "6.0.0" } }] });
    nock(REGISTRY).get("/v2/provider-docs").query(true).reply(200, { data: [] });
    const error = await client()
      .resourceDoc("aws_s3_bukcet")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownDocTypeError);
    expect((error as UnknownDocTypeError).message).toBe(
      'unknown AWS provider type "aws_s3_bukcet". Did you mean aws_s3_bucket?',
    );
    await expect(client().resourceDoc("../../etc/passwd")).rejects.toBeInstanceOf(UnknownDocTypeError);
  });

  it("says docs are unavailable when offline with no schema entry and no cache", async () => {
    const noSchema = createDocsClient({ cacheDir, offline: true });
    await expect(noSchema.resourceDoc("aws_s3_bucket")).rejects.toBeInstanceOf(DocsUnavailableError);
  });

  it("rejects a registry answer of the wrong shape with the field that is wrong", async () => {
    nock(RAW).get(rawPath("sqs_queue")).reply(404, "");
    nock(REGISTRY)
      .get("/v2/providers/hashicorp/aws")
      .query(true)
      .reply(200, { included: [{ type: "provider-versions", id: 7 }] });
    const found = await client().resourceDoc("aws_sqs_queue");
    expect(found.origin).toBe("schema");
    expect(found.notes[0]).toContain("unexpected registry answer at included.0.id");
  });
});

describe("authorization reference and AWS pages", () => {
  it("looks up an action and lists a service's actions from one cached fetch", async () => {
    nock(AWS_DOCS)
      .get("/service-authorization/latest/reference/list_amazons3.html")
      .once()
      .reply(200, fixture("list_amazons3.html"));
    const docs = client();
    const lookup = await docs.lookupAction("s3:PutObject");
    expect(lookup?.resources.map((r) => `${r.name}${r.required ? "*" : ""} ${r.arnPattern}`)).toEqual([
      "object* arn:${Partition}:s3:::${BucketName}/${ObjectName}",
      "accesspointobject arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}",
    ]);
    expect((await docs.actionsFor("s3")).map((a) => a.action)).toContain("s3:CreateBucket");
    await expect(docs.actionsFor("nosuchservice")).rejects.toBeInstanceOf(DocsUnavailableError);
  });

  it("reads an AWS documentation page as sections and refuses other hosts", async () => {
    nock(AWS_DOCS)
      .get("/AmazonS3/latest/userguide/Versioning.html")
      .reply(200, fixture("aws-s3-versioning.html"));
    const page = await client().awsPage(`${AWS_DOCS}/AmazonS3/latest/userguide/Versioning.html`);
    expect(page.sections.map((s) => s.heading)[1]).toBe(
      "Retaining multiple versions of objects with S3 Versioning > Versioning states & MFA delete",
    );
    await expect(client().awsPage(`${REGISTRY}/v2/provider-docs/1`)).rejects.toMatchObject({
      kind: "disallowed",
    });
  });
});
