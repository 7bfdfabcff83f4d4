/** Hours in a month, as AWS's own calculator counts them. */
export const HOURS_PER_MONTH = 730;

export type FilterType = "TERM_MATCH" | "EQUALS" | "CONTAINS";

export interface PriceFilter {
  field: string;
  value: string;
  type?: FilterType;
}

/** One `GetProducts` call: a service and attribute filters. Equal queries share one call. */
export interface PriceQuery {
  service: string;
  filters: PriceFilter[];
}

/** A price that changes with the quantity: `[beginRange, endRange)` in the dimension's unit. */
export interface PriceTier {
  begin: number;
  end: number;
  usd: number;
}

export interface PriceDimension {
  unit: string;
  description: string;
  tiers: PriceTier[];
}

/** A product of the price list with its on-demand price dimensions. */
export interface PriceProduct {
  sku: string;
  attributes: Record<string, string>;
  dimensions: PriceDimension[];
}

/** Where prices come from: AWS's Price List Query API, or a saved `get-products` answer. */
export interface PricingPort {
  /** Products matching the query; throws a {@link PricingError} when the source cannot answer. */
  getProducts(query: PriceQuery): Promise<PriceProduct[]>;
}

export type PricingFailure = "denied" | "throttled" | "unreachable" | "invalid";

export class PricingError extends Error {
  constructor(
    readonly failure: PricingFailure,
    message: string,
  ) {
    super(message);
    this.name = "PricingError";
  }
}

/** One priced part of a resource: `quantity` units a month of the dimension with `unit`. */
export interface CostComponent {
  label: string;
  query: PriceQuery;
  unit: string;
  quantity: number;
}

/** What a resource costs in one state (before or after the change). */
export interface ResourcePricing {
  /** What drives the price, in words: "t3.large, Linux, shared tenancy". */
  driver: string;
  components: CostComponent[];
  /** Assumptions and parts left to usage, shown beside the price. */
  notes: string[];
  /** Why this resource cannot be priced from the plan (a value known only after apply). */
  unpriced?: string;
}

/** A resource whose cost depends on usage: its unit prices are listed, never guessed. */
export interface UsageComponent {
  label: string;
  query: PriceQuery;
  unit: string;
}

export interface ResourceCost {
  address: string;
  type: string;
  driver: string;
  /** Monthly USD; undefined when the resource does not exist on that side. */
  before?: number;
  after?: number;
  delta: number;
  notes: string[];
}

export interface UsageCost {
  address: string;
  type: string;
  prices: { label: string; usd: number; unit: string }[];
}

export interface CostReport {
  currency: "USD";
  region: string;
  /** Monthly totals of the priced resources. */
  before: number;
  after: number;
  delta: number;
  resources: ResourceCost[];
  usage: UsageCost[];
  /** Resource types the model knows but could not price, and why. */
  unpriced: { address: string; reason: string }[];
  /** Set when prices were not available at all (no permission, API unreachable). */
  unavailable?: string;
  /** GetProducts calls made. */
  calls: number;
}
