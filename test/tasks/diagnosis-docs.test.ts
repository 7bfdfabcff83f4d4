import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { bundledSchemaSource, createDocsClient, type DocsClient } from "../../src/adapters/docs/index.js";
import { diagnose } from "../../src/core/diagnosis/index.js";
import { withDocs } from "../../src/tasks/diagnosis/docs.js";

const fixture = (name: string) => readFile(new URL(`../fixtures/docs/${name}`, import.meta.url), "utf8");
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };

const UNSUPPORTED = [
  "2024-05-01T12:00:05.6170000Z ╷",
  "2024-05-01T12:00:05.7540000Z │ Error: Unsupported argument",
  "2024-05-01T12:00:05.8910000Z │ ",
  '2024-05-01T12:00:06.1650000Z │   on s3.tf line 12, in resource "aws_s3_bucket" "logs":',
  '2024-05-01T12:00:06.3020000Z │   12:   bucket_prefx = "acme-logs-"',
  "2024-05-01T12:00:06.4390000Z │ ",
  '2024-05-01T12:00:06.5760000Z │ An argument named "bucket_prefx" is not expected here. Did you mean',
  '2024-05-01T12:00:06.7130000Z │ "bucket_prefix"?',
  "2024-05-01T12:00:06.8500000Z ╵",
  "2024-05-01T12:00:06.9000000Z ##[error]Process completed with exit code 1.",
].join("\n");

const DENIED = [
  "2024-05-01T12:00:05.6170000Z ╷",
  '2024-05-01T12:00:05.7540000Z │ Error: putting S3 object (logs/app.log): operation error S3: PutObject, https response error StatusCode: 403, RequestID: X, api error AccessDenied: User: arn:aws:sts::123456789012:assumed-role/deploy/gha is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::acme-logs/app.log" because no identity-based policy allows the s3:PutObject action',
  "2024-05-01T12:00:06.8500000Z ╵",
  "2024-05-01T12:00:06.9000000Z ##[error]Process completed with exit code 1.",
].join("\n");

let cacheDir = "";
let docs: DocsClient;
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), "diag-docs-"));
  const schema = bundledSchemaSource();
  docs = createDocsClient({ cacheDir, ...(schema ? { schema } : {}) });
});
afterEach(() => rm(cacheDir, { recursive: true, force: true }));

describe("diagnoses quote the current documentation", () => {
  it("quotes the argument reference for an unsupported argument", async () => {
    nock("https://raw.githubusercontent.com")
      .get("/hashicorp/terraform-provider-aws/main/website/docs/r/s3_bucket.html.markdown")
      .reply(200, await fixture("s3_bucket.html.markdown"));
    const found = diagnose(UNSUPPORTED);
    expect(found?.category).toBe("invalid_argument");
    const enriched = await withDocs(found!, docs, log);
    expect(enriched.fix).toContain(
      "The [`aws_s3_bucket` documentation](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket) has no `bucket_prefx`; the closest argument is `bucket_prefix` — (Optional",
    );
  });

  it("names the resource types an IAM action applies to for an AccessDenied", async () => {
    nock("https://docs.aws.amazon.com")
      .get("/service-authorization/latest/reference/list_amazons3.html")
      .reply(200, await fixture("list_amazons3.html"), { "content-type": "text/html" });
    const found = diagnose(DENIED);
    expect(found?.category).toBe("permissions_iam");
    const enriched = await withDocs(found!, docs, log);
    expect(enriched.rootCause).toContain(
      "From the [Service Authorization Reference](https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html):",
    );
    expect(enriched.rootCause).toMatch(/- resource type object \(required\): arn:\$\{Partition\}:s3:::/);
  });

  it("leaves the diagnosis unchanged when the docs cannot be had", async () => {
    const found = diagnose(DENIED);
    const offline = createDocsClient({ cacheDir, offline: true });
    expect(await withDocs(found!, offline, log)).toEqual(found);
    expect(await withDocs(found!, null, log)).toEqual(found);
  });
});
