import { describe, expect, it } from "@jest/globals";
import {
  awsVersionConstraint,
  bundledSchemaLines,
  loadAwsProviderSchema,
  lockedAwsVersion,
  schemaFor,
  selectSchemaLine,
} from "../../../../src/core/terraform/schema/index.js";
import type { SchemaFile } from "../../../../src/core/terraform/schema/format.js";
import type { SchemaLine } from "../../../../src/core/terraform/schema/manifest.js";
import {
  applySchemaPatch,
  diffSchemaFiles,
} from "../../../../src/core/terraform/schema/patch.js";
import type { TerraformBody } from "../../../../src/core/terraform/types.js";

const lock = (version: string): string =>
  `# This file is maintained automatically by "terraform init".\n\nprovider "registry.terraform.io/hashicorp/aws" {\n  version     = "${version}"\n  constraints = "~> 5.0"\n  hashes = [\n    "h1:abc=",\n  ]\n}\n`;

describe("bundled provider lines", () => {
  it("carries the latest 4.x, 5.x and 6.x, one base and patches for the others", () => {
    const lines = bundledSchemaLines();
    expect(lines.map((l) => [l.line, l.source.providerVersion])).toEqual([
      ["4", "4.67.0"],
      ["5", "5.100.0"],
      ["6", "6.25.0"],
    ]);
    expect(lines.filter((l) => l.file === "aws-provider-schema.json").map((l) => l.line)).toEqual(["5"]);
  });

  it("gives each line its own arguments: cpu_core_count is 4.x and 5.x (deprecated), gone in 6.x", () => {
    const attr = (line: string) => loadAwsProviderSchema(line).resource("aws_instance")?.attributes.get("cpu_core_count");
    expect(attr("4")).toMatchObject({ type: "number" });
    expect(attr("5")).toMatchObject({ type: "number", deprecated: true });
    expect(attr("6")).toBeUndefined();
    expect(loadAwsProviderSchema("4").resource("aws_instance")?.blocks.has("cpu_options")).toBe(false);
    expect(loadAwsProviderSchema("5").resource("aws_instance")?.blocks.has("cpu_options")).toBe(true);
    expect(loadAwsProviderSchema("6").resource("aws_instance")?.attributes.has("region")).toBe(true);
    expect(loadAwsProviderSchema("5").resource("aws_instance")?.attributes.has("region")).toBe(false);
    // Types that came after a line are not in it.
    expect(loadAwsProviderSchema("4").resource("aws_opensearchserverless_collection")).toBeUndefined();
    expect(loadAwsProviderSchema("5").resource("aws_opensearchserverless_collection")).toBeDefined();
  });

  it("keeps terraform's block counts in the base: codepipeline needs 2+ stages, appconfig at most 2 validators", () => {
    const five = loadAwsProviderSchema("5");
    expect(five.resource("aws_codepipeline")?.blocks.get("stage")).toMatchObject({ minItems: 2, required: true });
    expect(five.resource("aws_appconfig_configuration_profile")?.blocks.get("validator")).toMatchObject({
      maxItems: 2,
    });
    expect(five.version).toMatchObject({ package: "terraform providers schema -json", providerVersion: "5.100.0" });
  });

  it("loads each line once", () => {
    expect(loadAwsProviderSchema("4")).toBe(loadAwsProviderSchema("4"));
    expect(loadAwsProviderSchema()).toBe(loadAwsProviderSchema("6"));
  });
});

describe("schema patches", () => {
  const file = (resources: SchemaFile["resources"], version = "1.0.0"): SchemaFile => ({
    format: 2,
    source: { package: "p", packageVersion: "1", provider: "hashicorp/aws", providerVersion: version },
    docsBase: `https://x/${version}`,
    provider: { a: { region: "string" } },
    resources,
    dataSources: {},
  });

  it("round-trips added, removed and changed types and leaves the base untouched", () => {
    const base = file({ aws_a: { a: { x: "!string", y: "number" } }, aws_gone: { a: { z: "bool" } } });
    const line = file(
      { aws_a: { a: { x: "string", w: "list(string)" }, b: { blk: { n: "l", M: 3 } } }, aws_new: {} },
      "2.0.0",
    );
    const before = JSON.stringify(base);
    const patch = diffSchemaFiles(base, line);
    expect(patch.resources).toEqual({
      aws_a: { a: { x: "string", y: null, w: "list(string)" }, b: { blk: { n: "l", M: 3 } } },
      aws_gone: null,
      aws_new: {},
    });
    expect(applySchemaPatch(base, patch)).toEqual(line);
    expect(JSON.stringify(base)).toBe(before);
  });
});

describe("choosing the schema for a repository", () => {
  const line = (major: string, version: string): SchemaLine => ({
    line: major,
    file: "aws-provider-schema.json",
    source: { package: "p", packageVersion: "1", provider: "hashicorp/aws", providerVersion: version },
  });
  const lines = [line("4", "4.67.0"), line("5", "5.100.0"), line("6", "6.25.0")];
  const pick = (constraint: string | null, lockFile: string | null = null) => {
    const c = selectSchemaLine(lines, constraint, lockFile);
    return [c.line, c.exact, c.note];
  };

  it("uses the locked version over the constraint, exactly when bundled", () => {
    expect(pick("~> 5.0", lock("5.100.0"))).toEqual(["5", true, "offline schema 5.100.0 for locked 5.100.0"]);
    expect(pick("~> 5.0", lock("5.31.0"))).toEqual([
      "5",
      false,
      "offline schema 5.100.0 for locked 5.31.0 (nearest bundled; 5.31.0 is not bundled)",
    ]);
  });

  it("takes the newest bundled version that meets the constraint", () => {
    expect(pick("~> 5.0")).toEqual(["5", true, "offline schema 5.100.0 for constraint ~> 5.0"]);
    expect(pick(">= 4.20, < 5.0")).toEqual(["4", true, "offline schema 4.67.0 for constraint >= 4.20, < 5.0"]);
    expect(pick(">= 4.0")).toEqual([
      "6",
      false,
      "offline schema 6.25.0 for constraint >= 4.0; newer releases may also fit",
    ]);
    expect(pick(null)).toEqual([
      "6",
      true,
      "offline schema 6.25.0 (no version constraint: terraform installs the newest)",
    ]);
  });

  it("falls back to the nearest line when none satisfies, and says so", () => {
    expect(pick("4.20.0")).toEqual([
      "4",
      false,
      "offline schema 4.67.0 for constraint 4.20.0 (no bundled schema satisfies it; nearest used)",
    ]);
    expect(pick("< 4.0")[0]).toBe("4");
    expect(pick("~> 7.1")[0]).toBe("6");
  });

  it("reads the lock file's hashicorp/aws entry only", () => {
    expect(lockedAwsVersion(lock("4.20.1"))).toBe("4.20.1");
    expect(lockedAwsVersion('provider "registry.terraform.io/hashicorp/random" {\n  version = "3.1.0"\n}\n')).toBeNull();
    expect(lockedAwsVersion("not hcl at all {")).toBeNull();
    // OpenTofu writes the same lock file under its own registry's address.
    expect(lockedAwsVersion('provider "registry.opentofu.org/hashicorp/aws" {\n  version = "5.70.0"\n}\n')).toBe("5.70.0");
  });

  it("joins every hashicorp/aws constraint of the files, whatever its local name", () => {
    const body = (providers: Record<string, unknown>): { body: TerraformBody } => ({
      body: { terraform: [{ required_providers: [providers] }] },
    });
    expect(
      awsVersionConstraint([
        body({ aws: { source: "hashicorp/aws", version: "~> 5.0" } }),
        body({ amazon: { source: "registry.terraform.io/hashicorp/aws", version: ">= 5.20" } }),
        body({ random: { source: "hashicorp/random", version: "3.1.0" } }),
        body({ aws: "~> 5.0" }),
        body({ aws: { source: "registry.opentofu.org/hashicorp/aws", version: "< 5.90" } }),
      ]),
    ).toBe("~> 5.0, >= 5.20, < 5.90");
    expect(awsVersionConstraint([body({ aws: { source: "someone/aws", version: "1.0" } })])).toBeNull();
    expect(schemaFor("~> 4.0").schema.version.providerVersion).toBe("4.67.0");
  });
});
