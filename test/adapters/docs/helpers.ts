import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SchemaSource } from "../../../src/core/docs/schema.js";

export const RAW = "https://raw.githubusercontent.com";
export const REGISTRY = "https://registry.terraform.io";
export const AWS_DOCS = "https://docs.aws.amazon.com";

export const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/docs/${name}`, import.meta.url), "utf8");

export function rawPath(slug: string, ref = "main", folder: "r" | "d" = "r"): string {
  return `/hashicorp/terraform-provider-aws/${ref}/website/docs/${folder}/${slug}.html.markdown`;
}

export const tempCacheDir = (): Promise<string> => mkdtemp(join(tmpdir(), "docs-client-test-"));

/** A tiny provider schema standing in for the bundled one, so fallbacks are asserted exactly. */
export const smallSchema: SchemaSource = {
  version: "hashicorp/aws 6.0.0",
  lookup(type, kind) {
    if (kind === "resource" && type === "aws_sqs_queue") {
      return {
        docUrl: "https://registry.terraform.io/providers/hashicorp/aws/6.0.0/docs/resources/sqs_queue",
        arguments: [
          { name: "name", required: false, description: "type string" },
          { name: "fifo_queue", required: false, description: "type bool" },
        ],
      };
    }
    if (kind === "resource" && type === "aws_s3_bucket") {
      return {
        docUrl: "https://registry.terraform.io/providers/hashicorp/aws/6.0.0/docs/resources/s3_bucket",
        arguments: [{ name: "bucket", required: false }],
      };
    }
    if (kind === "data" && type === "aws_iam_policy_document") {
      return {
        docUrl:
          "https://registry.terraform.io/providers/hashicorp/aws/6.0.0/docs/data-sources/iam_policy_document",
        arguments: [{ name: "statement", required: false }],
      };
    }
    return undefined;
  },
  types: (kind) => (kind === "resource" ? ["aws_s3_bucket", "aws_sqs_queue"] : ["aws_iam_policy_document"]),
};
