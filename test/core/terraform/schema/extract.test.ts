import { describe, expect, it } from "@jest/globals";
import { extractProviderSchema } from "../../../../src/core/terraform/schema/extract.js";

const link = (page: string, name: string): string =>
  `Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/aws/1.2.3/docs/${page}#${name} X#${name}}.`;

function assembly(): Record<string, unknown> {
  return {
    name: "@cdktf/provider-aws",
    version: "0.0.1",
    types: {
      "p.provider.AwsProvider": {
        kind: "class",
        fqn: "p.provider.AwsProvider",
        base: "cdktf.TerraformProvider",
        docs: {
          summary:
            "Represents a {@link https://registry.terraform.io/providers/hashicorp/aws/1.2.3/docs aws}.",
        },
        initializer: { parameters: [{ name: "config", type: { fqn: "p.provider.AwsProviderConfig" } }] },
      },
      "p.provider.AwsProviderConfig": {
        kind: "interface",
        fqn: "p.provider.AwsProviderConfig",
        datatype: true,
        properties: [
          {
            name: "s3UsEast1RegionalEndpoint",
            optional: true,
            type: { primitive: "string" },
            docs: {
              summary: "Whether S3 calls in us-east-1 use the regional endpoint.",
              remarks: link("", "s3_us_east_1_regional_endpoint"),
            },
          },
        ],
      },
      "p.thing.Thing": {
        kind: "class",
        fqn: "p.thing.Thing",
        base: "cdktf.TerraformResource",
        docs: {
          summary:
            "Represents a {@link https://registry.terraform.io/providers/hashicorp/aws/1.2.3/docs/resources/thing aws_thing}.",
        },
        initializer: { parameters: [{ name: "config", type: { fqn: "p.thing.ThingConfig" } }] },
        properties: [
          { name: "tfResourceType", static: true, type: { primitive: "string" } },
          { name: "arn", type: { primitive: "string" } },
          { name: "lastModifiedTime", type: { primitive: "string" } },
          { name: "address1", type: { primitive: "string" } },
          { name: "address1Input", type: { primitive: "string" } },
        ],
      },
      "p.thing.ThingConfig": {
        kind: "interface",
        fqn: "p.thing.ThingConfig",
        datatype: true,
        properties: [
          {
            name: "address1",
            type: { primitive: "string" },
            docs: { summary: link("resources/thing", "address_1") },
          },
          {
            name: "enabled",
            optional: true,
            type: { union: { types: [{ primitive: "boolean" }, { fqn: "cdktf.IResolvable" }] } },
            docs: { summary: link("resources/thing", "enabled") },
          },
          {
            name: "rule",
            type: {
              union: {
                types: [
                  { fqn: "cdktf.IResolvable" },
                  { collection: { kind: "array", elementtype: { fqn: "p.thing.ThingRule" } } },
                ],
              },
            },
            docs: { summary: "rule block.", remarks: link("resources/thing", "rule") },
          },
          { name: "blob", optional: true, type: { primitive: "any" }, docs: { summary: "blob block." } },
        ],
      },
      "p.thing.ThingRule": {
        kind: "interface",
        fqn: "p.thing.ThingRule",
        datatype: true,
        properties: [
          {
            name: "selfAttribute",
            optional: true,
            type: { collection: { kind: "map", elementtype: { primitive: "number" } } },
            docs: { summary: link("resources/thing", "self") },
          },
        ],
      },
    },
  };
}

describe("extractProviderSchema", () => {
  it("reads names from registry links and encodes requiredness, types and nesting", () => {
    expect(extractProviderSchema(assembly())).toEqual({
      format: 1,
      source: {
        package: "@cdktf/provider-aws",
        packageVersion: "0.0.1",
        provider: "hashicorp/aws",
        providerVersion: "1.2.3",
      },
      docsBase: "https://registry.terraform.io/providers/hashicorp/aws/1.2.3/docs",
      provider: { a: { s3_us_east_1_regional_endpoint: "string" } },
      resources: {
        aws_thing: {
          a: { address_1: "!string", enabled: "bool" },
          b: { blob: { n: "l", x: 1 }, rule: { n: "l", r: 1, a: { self: "map(number)" } } },
          c: ["arn", "last_modified_time"],
        },
      },
      dataSources: {},
    });
  });

  it("names the field when the input is not an assembly", () => {
    expect(() => extractProviderSchema({ name: "x", version: "1", types: { a: { kind: 3 } } })).toThrow(
      /not a jsii assembly: types\.a\.kind/,
    );
  });

  it("refuses an assembly without a provider class", () => {
    const input = assembly();
    delete (input.types as Record<string, unknown>)["p.provider.AwsProvider"];
    expect(() => extractProviderSchema(input)).toThrow(
      "no TerraformProvider class with a registry link in the assembly",
    );
  });
});
