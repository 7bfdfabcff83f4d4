import { describe, expect, it } from "@jest/globals";
import { loadTerraformDirectory } from "../../../src/adapters/terraform/index.js";
import {
  type Conventions,
  detectConventions,
  serviceOf,
} from "../../../src/core/terraform/conventions/index.js";
import { buildInventory } from "../../../src/core/terraform/inventory/index.js";
import type { ParsedFile } from "../../../src/core/terraform/types.js";

const fixtures = "test/fixtures/terraform";

async function conventionsOf(dir: string, root?: string): Promise<Conventions> {
  const loaded = await loadTerraformDirectory(dir);
  expect(loaded.errors).toEqual([]);
  return detectConventions(loaded.files, buildInventory(loaded.files), root === undefined ? {} : { root });
}

function data(conventions: Conventions): Omit<Conventions, "fileForService"> {
  const { fileForService: _ignored, ...rest } = conventions;
  return rest;
}

describe("detectConventions", () => {
  it("reads the demo: default_tags from var.tags, a name_prefix local, per-service files, region variable", async () => {
    const conventions = await conventionsOf("examples/demo-infra");
    expect(data(conventions)).toEqual({
      root: "",
      tags: {
        style: "default_tags",
        expression:
          'merge(var.tags, {\n      Project     = var.project\n      Environment = var.environment\n      ManagedBy   = "terraform"\n    })',
        keys: ["Project", "Environment", "ManagedBy"],
        referencesVariableOrLocal: true,
      },
      tagsVariable: "tags",
      namePrefixExpression: "${local.name_prefix}",
      nameSeparator: "-",
      layout: { style: "per_service_files", serviceFiles: { iam: "iam.tf", s3: "s3.tf" } },
      region: { kind: "variable", value: "var.region" },
      providerAliases: [],
      awsProvider: { source: "hashicorp/aws", version: "~> 5.70" },
      requiredVersion: ">= 1.6.0",
    });
    expect(conventions.fileForService("s3")).toBe("s3.tf");
    expect(conventions.fileForService("aws_iam_role_policy")).toBe("iam.tf");
    expect(conventions.fileForService("SQS")).toBe("sqs.tf");
  });

  it("reads a single main.tf with per-resource merged tags, a literal region and an aliased provider", async () => {
    const conventions = await conventionsOf(`${fixtures}/s3-split`);
    expect(data(conventions)).toEqual({
      root: "",
      tags: {
        style: "per_resource_merge",
        expression: "local.common_tags",
        keys: ["Application", "CostCenter", "Team"],
        referencesVariableOrLocal: true,
      },
      tagsLocal: "common_tags",
      namePrefixExpression: "${var.application}-${var.environment}",
      nameSeparator: "-",
      layout: { style: "single_main", serviceFiles: { kms: "main.tf", s3: "main.tf" } },
      region: { kind: "literal", value: "us-east-1" },
      providerAliases: [{ alias: "replica", region: "us-west-2" }],
      awsProvider: { source: "hashicorp/aws", version: ">= 5.0, < 6.0" },
      requiredVersion: ">= 1.5.0",
    });
    expect(conventions.fileForService("lambda")).toBe("main.tf");
  });

  it("reads literal default_tags and finds no naming prefix when names are per-key", async () => {
    const conventions = await conventionsOf(`${fixtures}/iam-jsonencode`);
    expect(conventions.tags).toEqual({
      style: "default_tags",
      expression: '{ ManagedBy = "terraform", Owner = "security" }',
      keys: ["ManagedBy", "Owner"],
      referencesVariableOrLocal: false,
    });
    expect(conventions.namePrefixExpression).toBeUndefined();
    expect(conventions.region).toEqual({ kind: "variable", value: "var.aws_region" });
  });

  it("files services by what already lives where, including other providers", async () => {
    const conventions = await conventionsOf(`${fixtures}/for-each-dynamic`);
    expect(conventions.layout).toEqual({
      style: "per_service_files",
      serviceFiles: { ec2: "compute.tf", random: "security.tf", vpc: "network.tf" },
    });
    expect(conventions.fileForService("aws_security_group")).toBe("network.tf");
    expect(conventions.fileForService("rds")).toBe("rds.tf");
    expect(conventions.namePrefixExpression).toBe("${local.name}");
    expect(conventions.region).toEqual({ kind: "local", value: "local.region" });
    expect(conventions.tags).toEqual({
      style: "per_resource_merge",
      expression: "local.tags",
      keys: ["Service"],
      referencesVariableOrLocal: true,
    });
  });

  it("describes per-service root folders and points new services at a new folder", async () => {
    const conventions = await conventionsOf(`${fixtures}/service-folders`);
    expect(data(conventions)).toEqual({
      root: "network",
      tags: {
        style: "default_tags",
        expression: "local.tags",
        keys: ["Owner", "Stack"],
        referencesVariableOrLocal: true,
      },
      tagsLocal: "tags",
      namePrefixExpression: "${local.prefix}",
      nameSeparator: "-",
      layout: {
        style: "per_service_folders",
        serviceFiles: {
          dynamodb: "storage/main.tf",
          iam: "identity/main.tf",
          s3: "storage/main.tf",
          vpc: "network/main.tf",
        },
      },
      region: { kind: "literal", value: "us-east-2" },
      providerAliases: [],
      awsProvider: { source: "hashicorp/aws", version: "~> 5.30" },
      requiredVersion: null,
    });
    expect(conventions.fileForService("s3")).toBe("storage/main.tf");
    expect(conventions.fileForService("sqs")).toBe("sqs/main.tf");
  });

  it("treats environment folders as one stack and files into the chosen environment", async () => {
    const conventions = await conventionsOf(`${fixtures}/nested-modules`, "live/staging");
    expect(conventions.root).toBe("live/staging");
    expect(conventions.layout.style).toBe("single_main");
    expect(conventions.region).toEqual({ kind: "literal", value: "eu-west-1" });
    expect(conventions.fileForService("sqs")).toBe("live/staging/main.tf");
    expect(conventions.tags.style).toBe("none");
  });

  it("works from .tf.json: aliases, name prefix, no tags", async () => {
    const conventions = await conventionsOf(`${fixtures}/tf-json`);
    expect(conventions.namePrefixExpression).toBe("${local.name_prefix}");
    expect(conventions.providerAliases).toEqual([{ alias: "dr", region: "us-west-2" }]);
    expect(conventions.tags).toEqual({ style: "none", keys: [], referencesVariableOrLocal: false });
    expect(conventions.fileForService("sqs")).toBe("main.tf.json");
  });

  it("gives safe defaults for an empty configuration", () => {
    const empty: ParsedFile[] = [];
    const conventions = detectConventions(empty, buildInventory(empty));
    expect(data(conventions)).toEqual({
      root: "",
      tags: { style: "none", keys: [], referencesVariableOrLocal: false },
      nameSeparator: "-",
      layout: { style: "single_main", serviceFiles: {} },
      region: { kind: "unset", value: null },
      providerAliases: [],
      awsProvider: null,
      requiredVersion: null,
    });
    expect(conventions.fileForService("s3")).toBe("main.tf");
  });
});

describe("serviceOf", () => {
  it.each([
    ["aws_s3_bucket_policy", "s3"],
    ["aws_security_group", "vpc"],
    ["aws_instance", "ec2"],
    ["aws_lb_listener", "elb"],
    ["aws_db_instance", "rds"],
    ["aws_cloudwatch_log_group", "cloudwatch"],
    ["random_id", "random"],
    ["aws_constructor_x", "constructor"],
    ["aws_hasOwnProperty", "hasOwnProperty"],
  ])("%s → %s", (type, service) => {
    expect(serviceOf(type)).toBe(service);
  });
});
