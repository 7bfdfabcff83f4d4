import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import {
  type CostReport,
  FilePricing,
  PricingError,
  type PricingPort,
  costDetails,
  costLine,
  estimateCost,
} from "../core/cost/index.js";
import type { Plan } from "../core/plan/index.js";
import { type CliIO, UsageError } from "./io.js";

export interface CostFlags {
  region?: string | undefined;
  prices?: string | undefined;
}

/**
 * `plan summarize --cost`: prices from a saved `get-products` answer (`--prices FILE`, offline) or from the
 * Price List Query API with the default AWS credential chain. A refused or unreachable API is reported in
 * the output, never an error: the summary still prints.
 */
export async function costOfPlan(plan: Plan, flags: CostFlags, io: CliIO): Promise<CostReport> {
  const region = flags.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
  if (!region) throw new UsageError("--cost needs the plan's region: --region REGION or AWS_REGION");
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region))
    throw new UsageError(`--region ${region} is not an AWS region`);
  const pricing = flags.prices ? await priceFile(flags.prices, io) : await apiPricing();
  return estimateCost(plan, { region, pricing });
}

export function costMarkdown(report: CostReport): { line: string; details: string } {
  return { line: costLine(report), details: costDetails(report) };
}

async function priceFile(file: string, io: CliIO): Promise<PricingPort> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read --prices ${file}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`,
    );
  }
  try {
    return new FilePricing(JSON.parse(text));
  } catch (error) {
    const why = error instanceof PricingError ? error.message : "not JSON";
    throw new UsageError(`--prices ${file}: ${why}`);
  }
}

async function apiPricing(): Promise<PricingPort> {
  const { createAwsPricing } = await import("../adapters/pricing/aws.js");
  return createAwsPricing();
}
