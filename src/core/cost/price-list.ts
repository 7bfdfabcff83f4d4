import type { PriceDimension, PriceFilter, PriceProduct, PriceTier } from "./types.js";

/**
 * Reads one `PriceList` entry of a `GetProducts` answer (a JSON string, or the object already parsed):
 * `{product: {sku, attributes}, terms: {OnDemand: {<offer>: {priceDimensions: {<rate>: {unit, pricePerUnit:
 * {USD}, beginRange, endRange}}}}}}`. Returns undefined for an entry that is not a product.
 */
export function parsePriceListEntry(entry: unknown): PriceProduct | undefined {
  const doc = typeof entry === "string" ? safeJson(entry) : entry;
  if (!isRecord(doc) || !isRecord(doc.product)) return undefined;
  const attributes: Record<string, string> = {};
  if (isRecord(doc.product.attributes)) {
    for (const [key, value] of Object.entries(doc.product.attributes)) {
      if (typeof value === "string") attributes[key] = value;
    }
  }
  if (typeof doc.product.productFamily === "string" && attributes.productFamily === undefined) {
    attributes.productFamily = doc.product.productFamily;
  }
  const sku = typeof doc.product.sku === "string" ? doc.product.sku : "";
  const onDemand = isRecord(doc.terms) && isRecord(doc.terms.OnDemand) ? doc.terms.OnDemand : {};
  const byUnit = new Map<string, PriceDimension>();
  for (const offer of Object.values(onDemand)) {
    if (!isRecord(offer) || !isRecord(offer.priceDimensions)) continue;
    for (const rate of Object.values(offer.priceDimensions)) {
      const tier = tierOf(rate);
      if (!tier) continue;
      const dimension = byUnit.get(tier.unit) ?? {
        unit: tier.unit,
        description: tier.description,
        tiers: [],
      };
      dimension.tiers.push(tier.tier);
      byUnit.set(tier.unit, dimension);
    }
  }
  const dimensions = [...byUnit.values()].map((d) => ({
    ...d,
    tiers: d.tiers.sort((a, b) => a.begin - b.begin),
  }));
  return { sku, attributes, dimensions };
}

function tierOf(rate: unknown): { unit: string; description: string; tier: PriceTier } | undefined {
  if (!isRecord(rate) || typeof rate.unit !== "string" || !isRecord(rate.pricePerUnit)) return undefined;
  const usd = Number(rate.pricePerUnit.USD);
  if (!Number.isFinite(usd) || usd < 0) return undefined;
  const begin = Number(rate.beginRange ?? 0);
  const end = rate.endRange === "Inf" || rate.endRange === undefined ? Infinity : Number(rate.endRange);
  return {
    unit: rate.unit,
    description: typeof rate.description === "string" ? rate.description : "",
    tier: { begin: Number.isFinite(begin) ? begin : 0, end: Number.isNaN(end) ? Infinity : end, usd },
  };
}

/** Whether a product's attributes satisfy the filters, the way the Price List Query API applies them. */
export function matchesFilters(product: PriceProduct, service: string, filters: PriceFilter[]): boolean {
  const code = product.attributes.servicecode;
  if (code !== undefined && code !== service) return false;
  return filters.every(({ field, value, type = "TERM_MATCH" }) => {
    const actual = product.attributes[field];
    if (actual === undefined) return false;
    if (type === "CONTAINS") return actual.toLowerCase().includes(value.toLowerCase());
    if (type === "EQUALS") return actual === value;
    return actual.toLowerCase() === value.toLowerCase();
  });
}

/** The monthly price of `quantity` units across the dimension's tiers (a free tier first, then paid). */
export function priceOf(dimension: PriceDimension, quantity: number): number {
  let total = 0;
  for (const tier of dimension.tiers) {
    if (quantity <= tier.begin) break;
    const units = Math.min(quantity, tier.end) - tier.begin;
    total += units * tier.usd;
  }
  return total;
}

/** The first paid unit price of a dimension (what "per GB" means to a reader). */
export function unitPriceOf(dimension: PriceDimension): number {
  return dimension.tiers.find((t) => t.usd > 0)?.usd ?? dimension.tiers[0]?.usd ?? 0;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
