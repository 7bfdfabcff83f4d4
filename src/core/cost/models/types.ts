import type { PriceFilter, PriceQuery, ResourcePricing, UsageComponent } from "../types.js";
import type { Values } from "../values.js";

export interface ModelInput {
  values: Values;
  region: string;
  /** Attribute values of another resource in the same plan, found by type and a predicate. */
  related: (type: string, match: (values: Values) => boolean) => Values | undefined;
}

/** How one resource type is priced: fixed monthly parts, and unit prices for the parts usage decides. */
export interface CostModel {
  fixed?: (input: ModelInput) => ResourcePricing;
  usage?: (input: ModelInput) => UsageComponent[];
}

/** A query for the region, with TERM_MATCH filters unless a filter says otherwise. */
export function query(
  service: string,
  region: string,
  filters: Record<string, string>,
  extra: PriceFilter[] = [],
): PriceQuery {
  return {
    service,
    filters: [
      { field: "regionCode", value: region },
      ...Object.entries(filters).map(([field, value]) => ({ field, value })),
      ...extra,
    ],
  };
}

/** A usagetype filter: usage types carry a region prefix (USE1-…), so match the part after it. */
export function usageType(value: string): PriceFilter {
  return { field: "usagetype", value, type: "CONTAINS" };
}

export function unpriced(driver: string, reason: string): ResourcePricing {
  return { driver, components: [], notes: [], unpriced: reason };
}
