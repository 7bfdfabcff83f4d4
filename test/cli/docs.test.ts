import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { runCli } from "../helpers/cli.js";
import { RAW, fixture, rawPath } from "../adapters/docs/helpers.js";

let cacheDir: string;
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), "docs-cli-test-"));
});
afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

const parseJson = (
  text: string,
): {
  type: string;
  url: string;
  arguments: { name: string; required: boolean; description: string }[];
  source: string;
} =>
  JSON.parse(text) as {
    type: string;
    url: string;
    arguments: { name: string; required: boolean; description: string }[];
    source: string;
  };

describe("devops-agent docs", () => {
  it("prints the live docs as the JSON contract, then serves them from the cache", async () => {
    nock(RAW).get(rawPath("s3_bucket")).once().reply(200, fixture("s3_bucket.html.markdown"));
    const first = await runCli(["docs", "aws_s3_bucket", "--json", "--cache-dir", cacheDir]);
    expect(first.code).toBe(0);
    const json = parseJson(first.stdout);
    expect(Object.keys(json)).toEqual(["type", "url", "arguments", "source"]);
    expect(json).toMatchObject({
      type: "aws_s3_bucket",
      url: "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket",
      source: "live",
    });
    expect(json.arguments.slice(0, 2)).toEqual([
      {
        name: "bucket",
        required: false,
        description:
          "(Optional, Forces new resource) Name of the bucket. If omitted, Terraform assigns a random, unique name. Must be lowercase and at most 63 characters long.",
      },
      {
        name: "bucket_prefix",
        required: false,
        description:
          "(Optional, Forces new resource) Prefix for a generated unique bucket name. Conflicts with `bucket`.",
      },
    ]);
    expect(json.arguments.find((a) => a.name === "logging.target_bucket")).toEqual({
      name: "logging.target_bucket",
      required: true,
      description: "Bucket that receives the log objects.",
    });
    const second = await runCli(["docs", "aws_s3_bucket", "--json", "--cache-dir", cacheDir]);
    expect(parseJson(second.stdout).source).toBe("cache");
  });

  it("asks for the docs of the pinned provider version", async () => {
    nock(RAW).get(rawPath("sqs_queue", "v5.31.0")).reply(200, fixture("sqs_queue.html.markdown"));
    const result = await runCli([
      "docs",
      "aws_sqs_queue",
      "--json",
      "--version",
      "5.31.0",
      "--cache-dir",
      cacheDir,
    ]);
    expect(parseJson(result.stdout).url).toBe(
      "https://registry.terraform.io/providers/hashicorp/aws/5.31.0/docs/resources/sqs_queue",
    );
  });

  it("documents a data source named with the data. prefix", async () => {
    nock(RAW)
      .get(rawPath("iam_policy_document", "main", "d"))
      .reply(200, fixture("iam_policy_document.html.markdown"));
    const result = await runCli(["docs", "data.aws_iam_policy_document", "--json", "--cache-dir", cacheDir]);
    const json = parseJson(result.stdout);
    expect([json.type, json.url, json.source]).toEqual([
      "aws_iam_policy_document",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document",
      "live",
    ]);
    expect(json.arguments.map((a) => a.name)).toEqual([
      "override_policy_documents",
      "statement",
      "statement.actions",
      "statement.effect",
      "statement.resources",
    ]);
    expect(json.arguments[0]?.description).toBe(
      "List of IAM policy documents merged into the exported document.",
    );
  });

  it("falls back to the bundled provider schema when there is no network", async () => {
    const result = await runCli(["docs", "aws_sqs_queue", "--json", "--cache-dir", cacheDir]);
    expect(result.code).toBe(0);
    const json = parseJson(result.stdout);
    expect(json.source).toBe("schema");
    expect(json.url).toMatch(
      /^https:\/\/registry\.terraform\.io\/providers\/hashicorp\/aws\/\d+\.\d+\.\d+\/docs\/resources\/sqs_queue$/,
    );
    expect(json.arguments.find((a) => a.name === "fifo_queue")).toEqual({
      name: "fifo_queue",
      required: false,
      description: "type bool",
    });
  });

  it("prints a readable table offline, saying the docs are not live", async () => {
    const result = await runCli(["docs", "aws_sqs_queue", "--offline", "--cache-dir", cacheDir]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("Resource: aws_sqs_queue");
    expect(lines[2]).toBe("source: schema");
    expect(lines[3]).toMatch(/^note: {3}the docs for aws_sqs_queue are not live: .*offline mode/);
    expect(result.stdout).toMatch(/\nARGUMENT +REQUIRED {2}DESCRIPTION\n/);
    expect(result.stdout).toMatch(/\nfifo_queue +no {8}type bool\n/);
  });

  it("exits 1 with a did-you-mean for an unknown type", async () => {
    const result = await runCli(["docs", "aws_s3_bukcet", "--offline", "--cache-dir", cacheDir]);
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: 'devops-agent docs: unknown AWS provider type "aws_s3_bukcet". Did you mean aws_s3_bucket?\n',
    });
    const hostile = await runCli(["docs", "../../../etc/passwd", "--offline", "--cache-dir", cacheDir]);
    expect(hostile.code).toBe(1);
  });

  it("exits 2 with one line on bad usage", async () => {
    expect(await runCli(["docs"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'devops-agent docs: expected exactly one TYPE, e.g. "docs aws_s3_bucket"\n',
    });
    const unknownFlag = await runCli(["docs", "aws_s3_bucket", "--colour"]);
    expect([unknownFlag.code, unknownFlag.stderr.split("\n").length]).toEqual([2, 2]);
    const badVersion = await runCli(["docs", "aws_s3_bucket", "--version", "~> 5.0"]);
    expect(badVersion).toEqual({
      code: 2,
      stdout: "",
      stderr: 'devops-agent docs: --version must be an exact provider version like 5.31.0, got "~> 5.0"\n',
    });
  });
});
