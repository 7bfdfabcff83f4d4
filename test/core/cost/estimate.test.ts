import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import {
  FilePricing,
  type PriceProduct,
  type PriceQuery,
  PricingError,
  type PricingPort,
  estimateCost,
} from "../../../src/core/cost/index.js";
import { parsePlan } from "../../../src/core/plan/index.js";
import type { Plan, ResourceChange } from "../../../src/core/plan/index.js";

const fixture = (name: string) => new URL(`../../fixtures/cost/${name}`, import.meta.url);
const prices = new FilePricing(JSON.parse(readFileSync(fixture("us-east-1.get-products.json"), "utf8")));
const realPlan = () => parsePlan(readFileSync(fixture("real-create.plan.json")));

/** Counts calls and the distinct queries asked, answering from the saved price list. */
function counting(source: PricingPort = prices) {
  const asked: PriceQuery[] = [];
  const port: PricingPort = {
    getProducts: (query) => {
      asked.push(query);
      return source.getProducts(query);
    },
  };
  return { port, asked };
}

function planOf(...changes: Partial<ResourceChange>[]): Plan {
  return {
    formatVersion: "1.2",
    resourceChanges: changes.map((c, i) => ({
      address: c.address ?? `${c.type}.r${i}`,
      mode: "managed",
      type: c.type ?? "aws_instance",
      name: `r${i}`,
      change: c.change ?? { actions: ["create"], after: {} },
      ...c,
    })),
    resourceDrift: [],
    outputChanges: {},
    deferredChanges: [],
  };
}

const create = (type: string, after: Record<string, unknown>, address?: string): Partial<ResourceChange> => ({
  type,
  ...(address ? { address } : {}),
  change: { actions: ["create"], after, after_unknown: {} },
});

const cents = (n: number | undefined) => Math.round((n ?? NaN) * 100) / 100;

describe("estimateCost on a real Terraform 1.11 plan (EC2 ×2, RDS Multi-AZ, NAT gateway, EIP, S3)", () => {
  it("prices every fixed-cost resource at us-east-1 on-demand prices, 730 hours a month", async () => {
    const report = await estimateCost(realPlan(), { region: "us-east-1", pricing: prices });
    expect(report.unavailable).toBeUndefined();
    const by = Object.fromEntries(report.resources.map((r) => [r.address, r]));
    // t3.large 0.0832 × 730 = 60.736, plus a 30 GB gp3 root volume at 0.08 = 2.40.
    expect(cents(by["aws_instance.web[0]"]?.after)).toBe(63.14);
    expect(cents(by["aws_instance.web[1]"]?.after)).toBe(63.14);
    // db.m5.large PostgreSQL Multi-AZ 0.356 × 730 = 259.88, plus 100 GB Multi-AZ gp3 at 0.23 = 23.00.
    expect(cents(by["aws_db_instance.orders"]?.after)).toBe(282.88);
    expect(cents(by["aws_nat_gateway.main"]?.after)).toBe(32.85);
    expect(cents(by["aws_eip.nat"]?.after)).toBe(3.65);
    expect(report.before).toBe(0);
    expect(cents(report.after)).toBe(445.65);
    expect(cents(report.delta)).toBe(445.65);
    expect(report.resources[0]?.address).toBe("aws_db_instance.orders");
    expect(report.unpriced).toEqual([]);
  });

  it("lists usage-priced resources with their unit prices and no total", async () => {
    const report = await estimateCost(realPlan(), { region: "us-east-1", pricing: prices });
    const usage = Object.fromEntries(report.usage.map((u) => [u.address, u.prices]));
    expect(usage["aws_s3_bucket.logs"]).toContainEqual({
      label: "Standard storage",
      usd: 0.023,
      unit: "GB-Mo",
    });
    expect(usage["aws_nat_gateway.main"]).toContainEqual({ label: "data processed", usd: 0.045, unit: "GB" });
    expect(report.resources.map((r) => r.address)).not.toContain("aws_s3_bucket.logs");
  });

  it("asks once per distinct price dimension, however many instances share it", async () => {
    const { port, asked } = counting();
    const report = await estimateCost(realPlan(), { region: "us-east-1", pricing: port });
    const keys = asked.map((q) => JSON.stringify(q));
    expect(new Set(keys).size).toBe(keys.length);
    expect(report.calls).toBe(asked.length);
    // t3.large, gp3 storage, RDS instance, RDS storage, NAT hours, public IPv4, S3 ×2, NAT bytes.
    expect(asked).toHaveLength(9);
  });
});

describe("estimateCost before → after", () => {
  it("prices an in-place instance type change and a destroyed database as deltas", async () => {
    const plan = realPlan();
    const web = plan.resourceChanges.find((rc) => rc.address === "aws_instance.web[0]");
    const db = plan.resourceChanges.find((rc) => rc.address === "aws_db_instance.orders");
    if (!web || !db) throw new Error("fixture changed");
    const after = web.change.after as Record<string, unknown>;
    web.change = {
      ...web.change,
      actions: ["update"],
      before: after,
      after: { ...after, instance_type: "m5.large" },
    };
    db.change = { actions: ["delete"], before: db.change.after, after: null };
    const report = await estimateCost(plan, { region: "us-east-1", pricing: prices });
    const by = Object.fromEntries(report.resources.map((r) => [r.address, r]));
    // (0.096 − 0.0832) × 730 = 9.344
    expect(cents(by["aws_instance.web[0]"]?.delta)).toBe(9.34);
    expect(by["aws_instance.web[0]"]?.driver).toContain("m5.large");
    expect(cents(by["aws_db_instance.orders"]?.delta)).toBe(-282.88);
    expect(by["aws_db_instance.orders"]?.after).toBeUndefined();
    expect(cents(report.delta)).toBe(cents(9.344 - 282.88 + 63.136 + 32.85 + 3.65));
    expect(report.resources[0]?.address).toBe("aws_db_instance.orders");
  });

  it("keeps a forgotten object's cost on both sides (it still exists)", async () => {
    const plan = planOf({ type: "aws_kms_key", change: { actions: ["forget"], before: {}, after: null } });
    const report = await estimateCost(plan, { region: "us-east-1", pricing: prices });
    expect(report.resources[0]).toMatchObject({ before: 1, after: 1, delta: 0 });
  });
});

describe("each resource kind of the cost model", () => {
  const cases: [string, Partial<ResourceChange>, number][] = [
    [
      "EBS gp3 with IOPS and throughput",
      create("aws_ebs_volume", { type: "gp3", size: 500, iops: 6000, throughput: 250 }),
      40 + 15 + 5,
    ],
    ["EBS gp2", create("aws_ebs_volume", { type: "gp2", size: 100 }), 10],
    [
      "t3.micro with a gp2 root volume and a public IP",
      create("aws_instance", {
        instance_type: "t3.micro",
        associate_public_ip_address: true,
        root_block_device: [{ volume_size: 8, volume_type: "gp2" }],
      }),
      0.0104 * 730 + 0.8 + 3.65,
    ],
    [
      "Aurora instance",
      create("aws_rds_cluster_instance", { instance_class: "db.r6g.large", engine: "aurora-postgresql" }),
      0.26 * 730,
    ],
    [
      "ElastiCache replication group, 2 nodes",
      create("aws_elasticache_replication_group", {
        node_type: "cache.m5.large",
        num_cache_clusters: 2,
        engine: "redis",
      }),
      0.156 * 730 * 2,
    ],
    [
      "ElastiCache cluster",
      create("aws_elasticache_cluster", { node_type: "cache.t3.micro", num_cache_nodes: 1, engine: "redis" }),
      0.017 * 730,
    ],
    [
      "OpenSearch 3 nodes with gp3",
      create("aws_opensearch_domain", {
        cluster_config: [{ instance_type: "m6g.large.search", instance_count: 3 }],
        ebs_options: [{ ebs_enabled: true, volume_size: 100, volume_type: "gp3" }],
      }),
      0.128 * 730 * 3 + 300 * 0.122,
    ],
    [
      "Redshift 2 nodes",
      create("aws_redshift_cluster", {
        node_type: "ra3.xlplus",
        number_of_nodes: 2,
        cluster_type: "multi-node",
      }),
      1.086 * 730 * 2,
    ],
    ["EKS control plane", create("aws_eks_cluster", { name: "main" }), 73],
    [
      "interface endpoint in 2 AZs",
      create("aws_vpc_endpoint", { vpc_endpoint_type: "Interface", subnet_ids: ["a", "b"] }),
      14.6,
    ],
    ["gateway endpoint", create("aws_vpc_endpoint", { vpc_endpoint_type: "Gateway" }), 0],
    ["ALB", create("aws_lb", { load_balancer_type: "application" }), 16.425],
    ["NLB", create("aws_lb", { load_balancer_type: "network" }), 16.425],
    ["KMS key", create("aws_kms_key", {}), 1],
    ["secret", create("aws_secretsmanager_secret", { name: "db" }), 0.4],
    [
      "DynamoDB provisioned, free tier first",
      create("aws_dynamodb_table", { billing_mode: "PROVISIONED", read_capacity: 100, write_capacity: 50 }),
      (73000 - 18600) * 0.00013 + (36500 - 18600) * 0.00065,
    ],
    ["DynamoDB on demand", create("aws_dynamodb_table", { billing_mode: "PAY_PER_REQUEST" }), 0],
  ];
  it.each(cases)("%s", async (_name, change, expected) => {
    const report = await estimateCost(planOf(change), { region: "us-east-1", pricing: prices });
    expect(report.unpriced).toEqual([]);
    expect(cents(report.after)).toBe(cents(expected));
  });

  it("prices provisioned Lambda concurrency by the function's memory in the same plan", async () => {
    const plan = planOf(
      create("aws_lambda_function", { function_name: "api", memory_size: 1024 }),
      create("aws_lambda_provisioned_concurrency_config", {
        function_name: "api",
        provisioned_concurrent_executions: 10,
      }),
    );
    const report = await estimateCost(plan, { region: "us-east-1", pricing: prices });
    // 10 × 1 GB × 730 h × 3600 s × $0.0000041667
    expect(cents(report.after)).toBe(cents(10 * 730 * 3600 * 0.0000041667));
    expect(report.usage.map((u) => u.address)).toContain("aws_lambda_function.r0");
  });
});

describe("what cannot be priced is said, never guessed", () => {
  it("an instance type missing from the price list is listed as not priced and left out of the totals", async () => {
    const plan = planOf(create("aws_instance", { instance_type: "x9.imaginary" }), create("aws_kms_key", {}));
    const report = await estimateCost(plan, { region: "us-east-1", pricing: prices });
    expect(report.after).toBe(1);
    expect(report.unpriced).toEqual([
      {
        address: "aws_instance.r0",
        reason: "x9.imaginary instance: no Hrs price in the price list for this region",
      },
    ]);
  });

  it("a value known only after apply is a note, not a price", async () => {
    const plan = planOf({
      type: "aws_instance",
      change: { actions: ["create"], after: {}, after_unknown: { instance_type: true } },
    });
    const report = await estimateCost(plan, { region: "us-east-1", pricing: prices });
    expect(report.resources).toEqual([]);
    expect(report.after).toBe(0);
    expect(report.unpriced).toEqual([
      { address: "aws_instance.r0", reason: "instance_type is known only after apply" },
    ]);
  });

  it("stops at the call budget and names what was not looked up", async () => {
    const plan = planOf(
      create("aws_kms_key", {}),
      create("aws_eks_cluster", {}),
      create("aws_secretsmanager_secret", {}),
    );
    const { port, asked } = counting();
    const report = await estimateCost(plan, { region: "us-east-1", pricing: port, maxCalls: 2 });
    expect(asked).toHaveLength(2);
    expect(report.unpriced).toHaveLength(1);
    expect(report.unpriced[0]?.reason).toContain("capped at 2 per run");
  });

  it("a refused or unreachable price source makes the whole cost unavailable, with the reason", async () => {
    const denied: PricingPort = {
      getProducts: (): Promise<PriceProduct[]> =>
        Promise.reject(new PricingError("denied", "pricing:GetProducts was refused (AccessDeniedException)")),
    };
    const report = await estimateCost(realPlan(), { region: "us-east-1", pricing: denied });
    expect(report.unavailable).toBe(
      "cost not available: pricing:GetProducts was refused (AccessDeniedException)",
    );
    expect(report.resources).toEqual([]);
    expect(report.calls).toBe(1);
  });

  it("a price file with no products is refused", () => {
    expect(() => new FilePricing({ PriceList: [] })).toThrow("holds no price list products");
  });
});
