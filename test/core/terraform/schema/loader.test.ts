import { describe, expect, it } from "@jest/globals";
import {
  createAwsProviderSchema,
  loadAwsProviderSchema,
} from "../../../../src/core/terraform/schema/index.js";
import type { SchemaFile } from "../../../../src/core/terraform/schema/format.js";

describe("loadAwsProviderSchema", () => {
  const schema = loadAwsProviderSchema();

  it("records where it came from", () => {
    expect(schema.version).toEqual({
      package: "@cdktf/provider-aws",
      packageVersion: "21.22.1",
      provider: "hashicorp/aws",
      providerVersion: "6.25.0",
    });
  });

  it("is loaded once and reused", () => {
    expect(loadAwsProviderSchema()).toBe(schema);
  });

  it("lists every resource and data source type, sorted", () => {
    expect(schema.resourceTypes()).toHaveLength(1581);
    expect(schema.dataSourceTypes()).toHaveLength(630);
    expect(schema.resourceTypes().slice(0, 2)).toEqual([
      "aws_accessanalyzer_analyzer",
      "aws_accessanalyzer_archive_rule",
    ]);
    expect(schema.resourceTypes().every((t) => t.startsWith("aws_"))).toBe(true);
  });

  it("describes aws_s3_bucket with snake_case names, types and doc URL", () => {
    const bucket = schema.resource("aws_s3_bucket");
    expect(bucket?.docUrl).toBe(
      "https://registry.terraform.io/providers/hashicorp/aws/6.25.0/docs/resources/s3_bucket",
    );
    expect(bucket?.attributes.get("bucket_prefix")).toEqual({
      name: "bucket_prefix",
      required: false,
      type: "string",
      objectTyped: false,
      deprecated: false,
    });
    expect(bucket?.attributes.get("tags")?.type).toBe("map(string)");
    expect(bucket?.attributes.get("force_destroy")?.type).toBe("bool");
    expect(bucket?.attributes.has("arn")).toBe(false);
    expect(bucket?.computed).toEqual([
      "arn",
      "bucket_domain_name",
      "bucket_region",
      "bucket_regional_domain_name",
      "hosted_zone_id",
      "website_domain",
      "website_endpoint",
    ]);
    const cors = bucket?.blocks.get("cors_rule");
    expect(cors).toMatchObject({
      nesting: "list",
      required: false,
      minItems: 0,
      maxItems: undefined,
      opaque: false,
    });
    expect(cors?.attributes.get("allowed_methods")).toMatchObject({ required: true, type: "list(string)" });
    expect(bucket?.blocks.get("versioning")).toMatchObject({ maxItems: 1, deprecated: true });
  });

  it("marks required arguments and blocks", () => {
    const versioning = schema.resource("aws_s3_bucket_versioning");
    expect(versioning?.attributes.get("bucket")?.required).toBe(true);
    expect(versioning?.blocks.get("versioning_configuration")).toMatchObject({ required: true, minItems: 1 });
  });

  it("keeps names the camelCase form would lose", () => {
    expect(schema.resource("aws_account_primary_contact")?.attributes.has("address_line_1")).toBe(true);
    expect(schema.resource("aws_instance")?.attributes.has("get_password_data")).toBe(true);
    expect(schema.resource("aws_security_group")?.attributes.get("ingress")).toMatchObject({
      type: "list(object)",
      objectTyped: true,
    });
  });

  it("describes data sources under their own URL", () => {
    const doc = schema.dataSource("aws_iam_policy_document");
    expect(doc?.kind).toBe("data");
    expect(doc?.docUrl).toBe(
      "https://registry.terraform.io/providers/hashicorp/aws/6.25.0/docs/data-sources/iam_policy_document",
    );
    expect(
      doc?.blocks.get("statement")?.blocks.get("principals")?.attributes.get("identifiers")?.required,
    ).toBe(true);
  });

  it("returns undefined for unknown types, including object prototype names", () => {
    expect(schema.resource("aws_s3_bukcet")).toBeUndefined();
    expect(schema.resource("constructor")).toBeUndefined();
    expect(schema.dataSource("__proto__")).toBeUndefined();
    expect(schema.dataSource("aws_s3_bucket_versioning")).toBeUndefined();
  });

  it("describes the provider block itself", () => {
    const provider = schema.provider();
    expect(provider.attributes.get("region")).toMatchObject({ required: false, type: "string" });
    expect(provider.blocks.get("default_tags")?.attributes.get("tags")?.type).toBe("map(string)");
    expect(provider.blocks.get("assume_role")?.nesting).toBe("list");
    expect(provider).toBe(schema.provider());
  });

  it("marks untyped blocks as opaque", () => {
    expect(schema.resource("aws_quicksight_analysis")?.blocks.get("definition")?.opaque).toBe(true);
  });
});

describe("createAwsProviderSchema", () => {
  it("uses an explicit doc path when the file carries one", () => {
    const file: SchemaFile = {
      format: 1,
      source: { package: "p", packageVersion: "1", provider: "hashicorp/aws", providerVersion: "9.9.9" },
      docsBase: "https://example.test/docs",
      provider: { a: { region: "string" } },
      resources: { aws_odd: { u: "resources/odd_name", a: { name: "!string" } } },
      dataSources: {},
    };
    const schema = createAwsProviderSchema(file);
    expect(schema.resource("aws_odd")?.docUrl).toBe("https://example.test/docs/resources/odd_name");
    expect(schema.resource("aws_odd")?.blocks.size).toBe(0);
  });
});
