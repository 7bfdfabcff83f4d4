import type { Plan, ResourceChange } from "../plan/schema.js";
import { COST_MODELS } from "./models/index.js";
import { priceOf, unitPriceOf } from "./price-list.js";
import {
  type CostReport,
  type PriceProduct,
  type PriceQuery,
  PricingError,
  type PricingPort,
  type ResourceCost,
  type ResourcePricing,
  type UsageCost,
} from "./types.js";
import { Values } from "./values.js";

export interface EstimateOptions {
  region: string;
  pricing: PricingPort;
  /** Most `GetProducts` calls one estimate may make; default 100. */
  maxCalls?: number;
}

interface Side {
  values: Values;
  pricing?: ResourcePricing;
}

/** The key that makes two queries one call: the service and its filters in a stable order. */
export function queryKey(query: PriceQuery): string {
  const filters = [...query.filters].map((f) => `${f.type ?? "TERM_MATCH"}:${f.field}=${f.value}`).sort();
  return `${query.service}|${filters.join("|")}`;
}

/**
 * Monthly cost before and after a plan, from the prices the port returns. Each distinct query is asked once;
 * when the source cannot answer at all the report says why and claims no totals.
 */
export async function estimateCost(plan: Plan, options: EstimateOptions): Promise<CostReport> {
  const { region } = options;
  const managed = plan.resourceChanges.filter((rc) => rc.mode === "managed" && COST_MODELS[rc.type]);
  const related = relatedLookup(plan.resourceChanges);
  const sides = managed.map((rc) => {
    const model = COST_MODELS[rc.type];
    const [before, after] = sidesOf(rc);
    const price = (side: Values | undefined): Side | undefined =>
      side && {
        values: side,
        ...(model?.fixed ? { pricing: model.fixed({ values: side, region, related }) } : {}),
      };
    return { rc, before: price(before), after: price(after) };
  });
  const queries = new Map<string, PriceQuery>();
  for (const { before, after, rc } of sides) {
    for (const c of [...(before?.pricing?.components ?? []), ...(after?.pricing?.components ?? [])])
      queries.set(queryKey(c.query), c.query);
    const model = COST_MODELS[rc.type];
    if (after && model?.usage)
      for (const u of model.usage({ values: after.values, region, related }))
        queries.set(queryKey(u.query), u.query);
  }
  const report: CostReport = {
    currency: "USD",
    region,
    before: 0,
    after: 0,
    delta: 0,
    resources: [],
    usage: [],
    unpriced: [],
    calls: 0,
  };
  const fetched = new Map<string, PriceProduct[]>();
  const maxCalls = options.maxCalls ?? 100;
  try {
    for (const [key, query] of queries) {
      if (report.calls >= maxCalls) break;
      report.calls += 1;
      fetched.set(key, await options.pricing.getProducts(query));
    }
  } catch (error) {
    if (!(error instanceof PricingError)) throw error;
    return { ...report, unavailable: `cost not available: ${error.message}` };
  }
  const capped = queries.size > fetched.size ? `price lookups are capped at ${maxCalls} per run` : undefined;
  for (const { rc, before, after } of sides) {
    const model = COST_MODELS[rc.type];
    if (model?.fixed) {
      const cost = resourceCost(rc, before?.pricing, after?.pricing, fetched, capped);
      if (cost.priced) {
        report.resources.push(cost.resource);
        report.before += cost.resource.before ?? 0;
        report.after += cost.resource.after ?? 0;
      }
      for (const reason of cost.problems) report.unpriced.push({ address: rc.address, reason });
    }
    if (after && model?.usage) {
      const prices = model.usage({ values: after.values, region, related }).flatMap((u) => {
        const dimension = pick(fetched.get(queryKey(u.query)), u.unit)?.dimension;
        return dimension ? [{ label: u.label, usd: unitPriceOf(dimension), unit: dimension.unit }] : [];
      });
      if (prices.length > 0)
        report.usage.push({ address: rc.address, type: rc.type, prices } satisfies UsageCost);
    }
  }
  report.delta = report.after - report.before;
  report.resources.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (b.after ?? 0) - (a.after ?? 0));
  return report;
}

function resourceCost(
  rc: ResourceChange,
  before: ResourcePricing | undefined,
  after: ResourcePricing | undefined,
  fetched: Map<string, PriceProduct[]>,
  capped: string | undefined,
): { resource: ResourceCost; priced: boolean; problems: string[] } {
  const problems: string[] = [];
  const notes = new Set<string>();
  const total = (pricing: ResourcePricing | undefined): number | undefined => {
    if (!pricing) return undefined;
    for (const note of pricing.notes) notes.add(note);
    if (pricing.unpriced !== undefined) problems.push(pricing.unpriced);
    let sum = 0;
    for (const component of pricing.components) {
      const products = fetched.get(queryKey(component.query));
      if (products === undefined) {
        problems.push(`${component.label}: ${capped ?? "not looked up"}`);
        continue;
      }
      const chosen = pick(products, component.unit);
      if (!chosen) {
        problems.push(`${component.label}: no ${component.unit} price in the price list for this region`);
        continue;
      }
      if (chosen.ambiguous) notes.add(`${component.label}: several prices matched, the lowest is used`);
      sum += priceOf(chosen.dimension, component.quantity);
    }
    return sum;
  };
  const b = total(before);
  const a = total(after);
  const resource: ResourceCost = {
    address: rc.address,
    type: rc.type,
    driver: after?.driver ?? before?.driver ?? "",
    ...(b !== undefined ? { before: b } : {}),
    ...(a !== undefined ? { after: a } : {}),
    delta: (a ?? 0) - (b ?? 0),
    notes: [...notes],
  };
  return {
    resource,
    priced: problems.length === 0,
    problems: [...new Set(problems)],
  };
}

/** The product whose dimension has the unit; with several different prices, the lowest, marked ambiguous. */
function pick(products: PriceProduct[] | undefined, unit: string) {
  const wanted = unit.toLowerCase();
  const candidates = (products ?? []).flatMap((p) =>
    p.dimensions.filter((d) => d.unit.toLowerCase() === wanted && d.tiers.length > 0),
  );
  if (candidates.length === 0) return undefined;
  const byPrice = [...candidates].sort((x, y) => unitPriceOf(x) - unitPriceOf(y));
  const first = byPrice[0];
  if (!first) return undefined;
  const ambiguous = byPrice.some((d) => unitPriceOf(d) !== unitPriceOf(first));
  return { dimension: first, ambiguous };
}

/** Before and after values: a create has no before, a delete no after; a forgotten object keeps costing. */
function sidesOf(rc: ResourceChange): [Values | undefined, Values | undefined] {
  const { actions, before, after, after_unknown: unknown } = rc.change;
  const key = actions.join(",");
  const had = key !== "create" && key !== "create,forget" && key !== "forget,create" && before != null;
  const keeps = key !== "delete" && after != null;
  if (key === "forget") return [new Values(before), new Values(before)];
  return [had ? new Values(before) : undefined, keeps ? new Values(after, unknown) : undefined];
}

function relatedLookup(changes: ResourceChange[]) {
  return (type: string, match: (values: Values) => boolean): Values | undefined => {
    for (const rc of changes) {
      if (rc.type !== type) continue;
      const values = new Values(rc.change.after ?? rc.change.before);
      if (match(values)) return values;
    }
    return undefined;
  };
}
