// Pricing a 5,000-resource plan: calls to the price source (at most one per distinct price dimension) and the
// time the cost model adds beyond those calls, side by side with parsing and summarizing the same plan.
// The price source answers from the saved us-east-1 price list after a 60 ms delay, like a real API call.
import { readFileSync } from "node:fs";
import {
  FilePricing,
  type PriceQuery,
  type PricingPort,
  cachedPricing,
  estimateCost,
  queryKey,
} from "../src/core/cost/index.js";
import { parsePlan, summarizePlan } from "../src/core/plan/index.js";
import { report } from "./util.js";

const LATENCY_MS = 60;
const RESOURCES = 5_000;

const kinds: [string, (i: number) => Record<string, unknown>][] = [
  [
    "aws_instance",
    (i) => ({
      instance_type: ["t3.micro", "t3.large", "m5.large"][i % 3],
      root_block_device: [{ volume_size: 8 + (i % 5), volume_type: "gp3" }],
    }),
  ],
  ["aws_ebs_volume", (i) => ({ type: i % 2 ? "gp3" : "gp2", size: 100 + i, iops: 4000, throughput: 200 })],
  [
    "aws_db_instance",
    (i) => ({
      instance_class: i % 2 ? "db.m5.large" : "db.t3.micro",
      engine: "postgres",
      allocated_storage: 50,
      storage_type: "gp3",
      multi_az: i % 4 === 0,
    }),
  ],
  ["aws_nat_gateway", () => ({})],
  ["aws_lb", () => ({ load_balancer_type: "application" })],
  ["aws_kms_key", () => ({})],
  ["aws_secretsmanager_secret", () => ({})],
  ["aws_s3_bucket", (i) => ({ bucket: `b-${i}` })],
  ["aws_iam_role", (i) => ({ name: `role-${i}` })],
  ["aws_dynamodb_table", (i) => ({ billing_mode: "PROVISIONED", read_capacity: 10 + i, write_capacity: 5 })],
];

function bigPlan(): Buffer {
  const resource_changes = Array.from({ length: RESOURCES }, (_, i) => {
    const [type, values] = kinds[i % kinds.length] ?? kinds[0]!;
    const after = values(i);
    const update = i % 3 === 0;
    return {
      address: `module.m${i % 50}.${type}.r${i}`,
      module_address: `module.m${i % 50}`,
      mode: "managed",
      type,
      name: `r${i}`,
      change: update
        ? { actions: ["update"], before: { ...after, instance_type: "t3.micro" }, after, after_unknown: {} }
        : { actions: ["create"], before: null, after, after_unknown: {} },
    };
  });
  return Buffer.from(
    JSON.stringify({ format_version: "1.2", terraform_version: "1.11.4", resource_changes }),
  );
}

async function main(): Promise<void> {
  const bytes = bigPlan();
  const saved = new FilePricing(
    JSON.parse(
      readFileSync(new URL("../test/fixtures/cost/us-east-1.get-products.json", import.meta.url), "utf8"),
    ),
  );
  const distinct = new Set<string>();
  let calls = 0;
  const slow: PricingPort = {
    getProducts: async (query: PriceQuery) => {
      calls += 1;
      distinct.add(queryKey(query));
      await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
      return saved.getProducts(query);
    },
  };

  const t0 = performance.now();
  const plan = parsePlan(bytes);
  summarizePlan(plan);
  const parseMs = performance.now() - t0;

  const pricing = cachedPricing(slow);
  const t1 = performance.now();
  const cost = await estimateCost(plan, { region: "us-east-1", pricing });
  const costMs = performance.now() - t1;
  const callMs = calls * LATENCY_MS;

  // A second root with the same price dimensions: the run's cache answers, no new call.
  const before = calls;
  const t2 = performance.now();
  await estimateCost(plan, { region: "us-east-1", pricing });
  const cachedMs = performance.now() - t2;

  report("cost, 5,000 resources", {
    resources: RESOURCES,
    "parse+summarize ms": parseMs,
    "estimate ms": costMs,
    "GetProducts calls": before,
    "distinct dimensions": distinct.size,
    "call time ms (60 ms each)": callMs,
    "added beyond calls ms": costMs - callMs,
    "second root: new calls": calls - before,
    "second root ms": cachedMs,
    "monthly after $": cost.after,
  });
  if (calls > distinct.size) throw new Error(`${calls} calls for ${distinct.size} distinct dimensions`);
  if (costMs - callMs > 1000) throw new Error("the cost model added more than 1 s beyond the calls");
}

await main();
