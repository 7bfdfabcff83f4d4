import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { createAwsPricing } from "../../src/adapters/pricing/aws.js";
import { CONFIG_PATH, RepoConfigSchema } from "../../src/core/config/schema.js";
import { type CostReport, cachedPricing, estimateCost, signedUsd, usd } from "../../src/core/cost/index.js";
import type { Inputs } from "./inputs.js";
import type { ActionsIO } from "./io.js";
import type { RootResult } from "./root.js";

export interface CostSettings {
  enabled: boolean;
  maxMonthlyIncrease?: number;
}

/** The `cost` input and the repo config's `cost` section; the input wins. A broken config file is a warning. */
export async function costSettings(inputs: Inputs, workspace: string, io: ActionsIO): Promise<CostSettings> {
  let fromConfig: { enabled: boolean; maxMonthlyIncrease?: number | undefined } = { enabled: true };
  const text = await readFile(join(workspace, CONFIG_PATH), "utf8").catch(() => undefined);
  if (text !== undefined) {
    try {
      fromConfig = RepoConfigSchema.parse(parseYaml(text) ?? {}).cost;
    } catch {
      io.warning(`${CONFIG_PATH} is not valid; cost settings use their defaults`);
    }
  }
  const max = inputs["max-monthly-increase"] ?? fromConfig.maxMonthlyIncrease;
  return {
    enabled: inputs.cost ?? fromConfig.enabled,
    ...(max !== undefined ? { maxMonthlyIncrease: max } : {}),
  };
}

export interface PricingCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/**
 * Prices every planned root with the role's credentials. One cache for the run, so roots that share price
 * dimensions ask once. Never fails the plan: a missing permission or an unreachable API becomes the
 * report's `unavailable` reason, shown in the comment.
 */
export async function priceRoots(
  results: RootResult[],
  region: string,
  credentials: PricingCredentials,
  io: ActionsIO,
): Promise<void> {
  const pricing = cachedPricing(createAwsPricing({ credentials }));
  for (const result of results) {
    if (!result.plan || result.failure) continue;
    result.cost = await estimateCost(result.plan, { region, pricing });
    io.info(`${result.root}: ${describe(result.cost)}`);
  }
  io.info(`cost: ${pricing.calls} Price List API call(s)`);
}

function describe(cost: CostReport): string {
  if (cost.unavailable !== undefined) return cost.unavailable;
  return `monthly cost ${usd(cost.before)} → ${usd(cost.after)} (${signedUsd(cost.delta)})`;
}

/** The run's monthly cost change over the roots that could be priced, or undefined when none could. */
export function totalDelta(results: RootResult[]): number | undefined {
  const priced = results.flatMap((r) => (r.cost && r.cost.unavailable === undefined ? [r.cost] : []));
  if (priced.length === 0) return undefined;
  return Math.round(priced.reduce((sum, c) => sum + c.delta, 0) * 100) / 100;
}

/** The failure reason when the increase is above the budget; a budget that cannot be checked is a warning. */
export function budgetVerdict(
  results: RootResult[],
  settings: CostSettings,
  io: ActionsIO,
): string | undefined {
  const max = settings.maxMonthlyIncrease;
  if (max === undefined || !settings.enabled) return undefined;
  const delta = totalDelta(results);
  if (delta === undefined) {
    io.warning(`the monthly cost budget (${usd(max)}) was not checked: the cost is not available`);
    return undefined;
  }
  if (delta <= max) return undefined;
  return `the plan raises the monthly cost by ${usd(delta)}, above the budget of ${usd(max)} (cost.maxMonthlyIncrease)`;
}
