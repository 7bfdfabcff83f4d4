import { describe, expect, it } from "@jest/globals";
import {
  type PlanSummary,
  parsePlan,
  planTitle,
  summarizePlan,
  summaryToContract,
} from "../../../src/core/plan/index.js";
import { planFixture } from "./fixtures.js";

const summarize = (name: string): PlanSummary => summarizePlan(parsePlan(planFixture(name)));

describe("summarizePlan counts", () => {
  it.each([
    [
      "all-actions.json",
      { create: 2, update: 2, delete: 2, replace: 2, noop: 3, read: 1, forget: 2, import: 2, move: 1 },
    ],
    [
      "sensitive-unknown.json",
      { create: 1, update: 2, delete: 0, replace: 0, noop: 0, read: 0, forget: 0, import: 0, move: 0 },
    ],
    [
      "risks.json",
      { create: 8, update: 7, delete: 3, replace: 2, noop: 0, read: 0, forget: 0, import: 0, move: 0 },
    ],
    [
      "drift-deferred.json",
      { create: 0, update: 1, delete: 0, replace: 0, noop: 0, read: 0, forget: 0, import: 0, move: 0 },
    ],
    [
      "format-0.1.json",
      { create: 1, update: 0, delete: 1, replace: 1, noop: 0, read: 0, forget: 0, import: 0, move: 0 },
    ],
    [
      "no-changes.json",
      { create: 0, update: 0, delete: 0, replace: 0, noop: 1, read: 0, forget: 0, import: 0, move: 0 },
    ],
  ])("%s", (name, counts) => {
    expect(summarize(name).counts).toEqual(counts);
  });
});

describe("summaryToContract", () => {
  it("matches the DESIGN §3 contract exactly, with disjoint counts", () => {
    const contract = summaryToContract(summarize("all-actions.json"));
    expect(Object.keys(contract)).toEqual([
      "create",
      "update",
      "delete",
      "replace",
      "noop",
      "read",
      "resources",
      "sensitive",
    ]);
    expect(contract).toEqual({
      create: 2,
      update: 2,
      delete: 2,
      replace: 2,
      noop: 3,
      read: 1,
      resources: [
        { address: "aws_s3_bucket.logs", type: "aws_s3_bucket", actions: ["create"] },
        { address: "module.network.aws_vpc.main", type: "aws_vpc", actions: ["update"] },
        { address: "aws_instance.legacy", type: "aws_instance", actions: ["delete"] },
        { address: "module.db.aws_db_instance.main", type: "aws_db_instance", actions: ["delete", "create"] },
        { address: "aws_launch_template.web", type: "aws_launch_template", actions: ["create", "delete"] },
        { address: "data.aws_ami.ubuntu", type: "aws_ami", actions: ["read"] },
        { address: "aws_route53_record.www", type: "aws_route53_record", actions: ["no-op"] },
        { address: "aws_s3_bucket.imported", type: "aws_s3_bucket", actions: ["no-op"] },
        { address: "aws_sqs_queue.jobs", type: "aws_sqs_queue", actions: ["update"] },
        { address: "aws_instance.old_bastion", type: "aws_instance", actions: ["forget"] },
        { address: "aws_ecs_service.api", type: "aws_ecs_service", actions: ["create", "forget"] },
        { address: 'aws_instance.web["blue"]', type: "aws_instance", actions: ["delete"] },
      ],
      sensitive: ["module.db.aws_db_instance.main.password"],
    });
  });

  it("lists sensitive paths nested in objects and lists, and sensitive outputs, never values", () => {
    const contract = summaryToContract(summarize("sensitive-unknown.json"));
    expect(contract.sensitive).toEqual([
      "aws_ecs_task_definition.app.container_env[1].value",
      "aws_ecs_task_definition.app.settings.api_key",
      "aws_ssm_parameter.token.value",
      "module.app.aws_lambda_function.worker.environment[0].variables.STRIPE_KEY",
      "output.db_password",
      "output.connection.secret",
    ]);
    expect(JSON.stringify(contract)).not.toMatch(
      /s3cr3t|key-before|key-after|tok-create|sk_live|output-secret|conn-secret/,
    );
  });
});

describe("resource details", () => {
  const all = summarize("all-actions.json");
  const byAddress = (address: string) => all.resources.find((r) => r.address === address);

  it("keeps reasons, replace paths, imports, moves, deposed objects and modules", () => {
    const db = byAddress("module.db.aws_db_instance.main");
    expect(db).toMatchObject({
      kind: "replace",
      module: "module.db",
      actionReason: "replace_because_cannot_update",
      reason: "an attribute cannot be changed in place",
      replacePaths: ["storage_encrypted"],
      sensitive: ["password"],
    });
    expect(byAddress("aws_launch_template.web")?.replacePaths).toEqual([
      "name",
      "block_device_mappings[0].ebs[0].volume_size",
    ]);
    expect(byAddress("aws_route53_record.www")).toMatchObject({
      kind: "noop",
      previousAddress: "aws_route53_record.web",
    });
    expect(byAddress("aws_s3_bucket.imported")).toMatchObject({
      kind: "noop",
      importing: true,
      importId: "acme-imported",
    });
    expect(byAddress("aws_sqs_queue.jobs")).toMatchObject({ kind: "update", importing: true });
    expect(byAddress('aws_instance.web["blue"]')).toMatchObject({ kind: "delete", deposed: "00000001" });
    expect(byAddress("aws_ecs_service.api")).toMatchObject({ kind: "create", forget: true });
    expect(byAddress("aws_instance.old_bastion")).toMatchObject({ kind: "forget", forget: true });
    expect(byAddress("aws_iam_role.ci")).toBeUndefined();
  });

  it("computes attribute changes with unknown and sensitive values masked", () => {
    expect(byAddress("module.db.aws_db_instance.main")?.changes()).toEqual([
      { op: "~", path: "password", before: "(sensitive)", after: "(sensitive)", forcesReplacement: false },
      { op: "~", path: "storage_encrypted", before: "false", after: "true", forcesReplacement: true },
      { op: "~", path: "id", before: '"db-ABC"', after: "(known after apply)", forcesReplacement: false },
      { op: "+", path: "endpoint", after: "(known after apply)", forcesReplacement: false },
    ]);
    expect(byAddress("module.network.aws_vpc.main")?.changes()).toEqual([
      { op: "~", path: "enable_dns_hostnames", before: "false", after: "true", forcesReplacement: false },
      { op: "+", path: "tags.Env", after: '"prod"', forcesReplacement: false },
    ]);
  });

  it("summarizes drift, outputs and deferred changes", () => {
    const drift = summarize("drift-deferred.json");
    expect(drift.drift.map((r) => [r.address, r.kind])).toEqual([
      ["aws_s3_bucket.assets", "update"],
      ["module.cache.aws_elasticache_cluster.main", "delete"],
    ]);
    expect(drift.deferred).toEqual([
      {
        address: 'aws_instance.workers["*"]',
        type: "aws_instance",
        actions: ["create"],
        kind: "create",
        reason: "count/for_each is known only after apply",
      },
      {
        address: "module.eks.kubernetes_namespace.apps",
        type: "kubernetes_namespace",
        actions: ["create"],
        kind: "create",
        reason: "its provider configuration is known only after apply",
      },
    ]);
    expect(drift.risks).toEqual([]);
    const outputs = summarize("sensitive-unknown.json").outputs;
    expect(outputs.map((o) => [o.name, o.kind, o.sensitive])).toEqual([
      ["db_password", "update", true],
      ["endpoint", "create", false],
      ["connection", "update", false],
      ["legacy_url", "delete", false],
    ]);
    expect(outputs[0]?.changes()).toEqual([
      { op: "~", path: "", before: "(sensitive)", after: "(sensitive)", forcesReplacement: false },
    ]);
  });
});

describe("planTitle", () => {
  it.each([
    [
      "all-actions.json",
      "Plan: 2 to import, 4 to add, 2 to change, 4 to destroy, 2 to forget (2 replaced, 5 risks)",
    ],
    ["sensitive-unknown.json", "Plan: 1 to add, 2 to change, 0 to destroy."],
    ["drift-deferred.json", "Plan: 0 to add, 1 to change, 0 to destroy (2 drifted, 2 deferred)"],
    ["format-0.1.json", "Plan: 2 to add, 0 to change, 2 to destroy (1 replaced, 2 risks)"],
    ["no-changes.json", "No changes. Your infrastructure matches the configuration."],
  ])("%s", (name, title) => {
    expect(planTitle(summarize(name))).toBe(title);
  });
});
