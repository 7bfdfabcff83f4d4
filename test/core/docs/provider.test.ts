import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { parseProviderMarkdown, splitFrontMatter } from "../../../src/core/docs/provider.js";

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/docs/${name}`, import.meta.url), "utf8");

describe("parseProviderMarkdown", () => {
  const doc = parseProviderMarkdown(fixture("s3_bucket.html.markdown"), "aws_s3_bucket", "resource");

  it("reads the front matter, title and description", () => {
    expect(doc.frontMatter).toEqual({
      subcategory: "S3 (Simple Storage)",
      layout: "aws",
      pageTitle: "AWS: aws_s3_bucket",
      description: "Manages an S3 bucket.",
    });
    expect(doc.title).toBe("Resource: aws_s3_bucket");
    expect(doc.description).toBe(
      "Manages an S3 bucket. Bucket settings such as versioning and encryption are separate resources since provider v4.",
    );
  });

  it("collects the HCL of every example", () => {
    expect(doc.examples).toHaveLength(2);
    expect(doc.examples[1]).toBe(
      'resource "aws_s3_bucket" "scratch" {\n  bucket_prefix = "scratch-"\n  force_destroy = true\n}',
    );
  });

  it("reads arguments with required flags, continuation lines and nested blocks", () => {
    expect(doc.arguments.map((a) => [a.block, a.name, a.required])).toEqual([
      ["", "bucket", false],
      ["", "bucket_prefix", false],
      ["", "force_destroy", false],
      ["", "object_lock_enabled", false],
      ["", "tags", false],
      ["", "versioning", false],
      ["versioning", "enabled", false],
      ["versioning", "mfa_delete", false],
      ["logging", "target_bucket", true],
      ["logging", "target_prefix", false],
    ]);
    expect(doc.arguments[0]?.description).toBe(
      "(Optional, Forces new resource) Name of the bucket. If omitted, Terraform assigns a random, unique name. Must be lowercase and at most 63 characters long.",
    );
  });

  it("reads attributes and the import section", () => {
    expect(doc.attributes.map((a) => a.name)).toEqual(["arn", "bucket_domain_name", "id"]);
    expect(doc.importText).toContain('import {\n  to = aws_s3_bucket.logs\n  id = "acme-audit-logs"\n}');
    expect(doc.importText).toContain("% terraform import aws_s3_bucket.logs acme-audit-logs");
  });

  it("splits the page into sections by heading path", () => {
    expect(doc.sections.map((s) => s.heading)).toEqual([
      "Resource: aws_s3_bucket",
      "Resource: aws_s3_bucket > Example Usage > Private bucket with tags",
      "Resource: aws_s3_bucket > Example Usage > Bucket with a name prefix",
      "Resource: aws_s3_bucket > Argument Reference",
      "Resource: aws_s3_bucket > Argument Reference > versioning Configuration Block",
      "Resource: aws_s3_bucket > Attribute Reference",
      "Resource: aws_s3_bucket > Import",
    ]);
  });

  it("reads a data source whose nested block is a ### heading and items put the dash after the flag", () => {
    const data = parseProviderMarkdown(
      fixture("iam_policy_document.html.markdown"),
      "aws_iam_policy_document",
      "data",
    );
    expect(data.title).toBe("Data Source: aws_iam_policy_document");
    expect(data.arguments.map((a) => `${a.block}.${a.name}:${String(a.required)}`)).toEqual([
      ".override_policy_documents:false",
      ".statement:false",
      "statement.actions:false",
      "statement.effect:false",
      "statement.resources:false",
    ]);
    expect(data.attributes.map((a) => a.name)).toEqual(["json"]);
  });

  it("survives malformed front matter, empty names and an unclosed fence", () => {
    const broken = parseProviderMarkdown(
      fixture("evil-malformed.html.markdown"),
      "aws_broken_thing",
      "resource",
    );
    expect(broken.frontMatter).toEqual({ subcategory: "", layout: "", pageTitle: "", description: "" });
    expect(broken.title).toBe("Resource: aws_broken_thing");
    // Everything after the unclosed ```terraform is code, as in CommonMark: nothing there is an argument.
    expect(broken.arguments).toEqual([]);
  });

  it("treats a page with text aimed at the model as plain data", () => {
    const evil = parseProviderMarkdown(
      fixture("evil-injection.html.markdown"),
      "aws_s3_bucket_policy",
      "resource",
    );
    expect(evil.arguments.map((a) => [a.name, a.required])).toEqual([
      ["bucket", true],
      ["policy", true],
    ]);
    expect(evil.sections.some((s) => s.text.includes("Ignore all previous instructions"))).toBe(true);
  });

  it("does not throw on binary garbage or empty input", () => {
    const garbage = String.fromCharCode(...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 65535));
    expect(parseProviderMarkdown(garbage, "aws_x", "resource").type).toBe("aws_x");
    expect(parseProviderMarkdown("", "aws_x", "resource")).toMatchObject({
      title: "aws_x",
      arguments: [],
      sections: [],
    });
  });

  it("ignores front matter that is not a mapping", () => {
    expect(splitFrontMatter("---\n- a\n- b\n---\n# T\n").frontMatter.pageTitle).toBe("");
    expect(splitFrontMatter("---\npage_title: x\n---\nbody").body).toBe("body");
  });
});
