import { describe, expect, it } from "@jest/globals";
import { readFile } from "node:fs/promises";
import { loadTerraformDirectory } from "../../../src/adapters/terraform/index.js";
import {
  type Inventory,
  buildInventory,
  toInventoryContract,
} from "../../../src/core/terraform/inventory/index.js";
import type { ParsedFile } from "../../../src/core/terraform/types.js";

const fixtures = "test/fixtures/terraform";
const cases: Array<[string, string]> = [
  ["demo-infra", "examples/demo-infra"],
  ["s3-split", `${fixtures}/s3-split`],
  ["iam-jsonencode", `${fixtures}/iam-jsonencode`],
  ["for-each-dynamic", `${fixtures}/for-each-dynamic`],
  ["nested-modules", `${fixtures}/nested-modules`],
  ["tf-json", `${fixtures}/tf-json`],
  ["service-folders", `${fixtures}/service-folders`],
];

async function inventoryOf(dir: string): Promise<{ inventory: Inventory; files: ParsedFile[] }> {
  const loaded = await loadTerraformDirectory(dir);
  expect(loaded.errors).toEqual([]);
  return { inventory: buildInventory(loaded.files), files: loaded.files };
}

describe("buildInventory on realistic configurations", () => {
  it.each(cases)("%s matches its reviewed inventory exactly", async (name, dir) => {
    const expected = JSON.parse(
      await readFile(`${fixtures}/expected/${name}.inventory.json`, "utf8"),
    ) as Inventory;
    expect((await inventoryOf(dir)).inventory).toEqual(expected);
  });

  it("gives the demo's CLI contract view", async () => {
    const { inventory, files } = await inventoryOf("examples/demo-infra");
    expect(toInventoryContract(inventory, files.length, [])).toEqual({
      resources: {
        aws_cloudwatch_log_group: 1,
        aws_iam_role: 1,
        aws_iam_role_policy: 1,
        aws_s3_bucket: 1,
        aws_s3_bucket_public_access_block: 1,
        aws_s3_bucket_server_side_encryption_configuration: 1,
        aws_s3_bucket_versioning: 1,
      },
      dataSources: { aws_caller_identity: 1 },
      modules: [{ name: "app_logs", source: "./modules/log-group" }],
      files: 13,
      errors: [],
    });
  });

  it("tells root modules from modules: backend, local calls, providers, modules/ folders", async () => {
    const { inventory } = await inventoryOf(`${fixtures}/nested-modules`);
    expect(inventory.rootModules).toEqual(["live/prod", "live/staging"]);
    expect(inventory.directories.map(({ dir, role, reason }) => [dir, role, reason])).toEqual([
      ["live/prod", "root", "declares a backend"],
      ["live/staging", "root", "configures a provider"],
      ["modules/app", "module", 'called as module "app" from live/prod'],
      ["modules/network", "module", 'called as module "network" from modules/app'],
    ]);
    expect(inventory.moduleCalls.find((call) => call.name === "vpc_endpoints")).toEqual({
      name: "vpc_endpoints",
      source: "terraform-aws-modules/vpc/aws//modules/vpc-endpoints",
      version: "5.8.1",
      file: "modules/app/main.tf",
      dir: "modules/app",
      line: 8,
      localDir: null,
    });
  });

  it("keeps backend settings that are literal and not secret", async () => {
    const { inventory } = await inventoryOf(`${fixtures}/iam-jsonencode`);
    expect(inventory.backends).toEqual([
      {
        type: "s3",
        file: "versions.tf",
        dir: "",
        settings: {
          bucket: "iam-state",
          key: "iam/terraform.tfstate",
          region: "eu-central-1",
          use_lockfile: true,
        },
      },
    ]);
  });
});

describe("buildInventory edge cases", () => {
  const file = (path: string, body: ParsedFile["body"], content = ""): ParsedFile => ({
    path,
    content,
    body,
  });

  it("is empty for no files", () => {
    const inventory = buildInventory([]);
    expect(inventory.rootModules).toEqual([]);
    expect(toInventoryContract(inventory, 0, [])).toEqual({
      resources: {},
      dataSources: {},
      modules: [],
      files: 0,
      errors: [],
    });
  });

  it("treats an unreferenced directory under modules/ as a module and a plain main.tf project as a root", () => {
    const inventory = buildInventory([
      file("main.tf", { resource: { aws_sqs_queue: { q: [{}] } } }),
      file("modules/unused/main.tf", { resource: { aws_sns_topic: { t: [{}] } } }),
    ]);
    expect(inventory.directories.map(({ dir, role, reason }) => [dir, role, reason])).toEqual([
      ["", "root", "not used as a module"],
      ["modules/unused", "module", "lives under a modules/ folder"],
    ]);
  });

  it("accepts the Terraform 0.12 bare-string required_providers form and ignores a module source escaping the root", () => {
    const inventory = buildInventory([
      file("main.tf", {
        terraform: [{ required_providers: [{ aws: "~> 2.0" }] }],
        module: { outside: [{ source: "../../elsewhere" }] },
      }),
    ]);
    expect(inventory.requiredProviders).toEqual([
      { name: "aws", source: null, version: "~> 2.0", file: "main.tf", dir: "" },
    ]);
    expect(inventory.moduleCalls[0]?.localDir).toBeNull();
  });

  it("redacts a secret-looking literal in an innocently named backend setting", () => {
    const inventory = buildInventory([
      file("backend.tf", {
        terraform: [
          { backend: { http: [{ address: "https://x/?k=ghp_abcdefghijklmnopqrstuvwxyz0123456789" }] } },
        ],
      }),
    ]);
    expect(inventory.backends[0]?.settings["address"]).not.toContain(
      "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    );
  });
});

describe("buildInventory on hostile names", () => {
  it("counts resource types named like Object.prototype members", async () => {
    const loaded = await loadTerraformDirectory(`${fixtures}/evil-proto-names`);
    const contract = toInventoryContract(buildInventory(loaded.files), loaded.files.length, loaded.errors);
    expect(JSON.parse(JSON.stringify(contract))).toEqual({
      resources: { ["__proto__"]: 1, constructor: 2, toString: 1 },
      dataSources: {},
      modules: [],
      files: 2,
      errors: [],
    });
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});
