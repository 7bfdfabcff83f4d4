import { queryKey } from "./estimate.js";
import { matchesFilters, parsePriceListEntry } from "./price-list.js";
import { type PriceProduct, type PriceQuery, PricingError, type PricingPort } from "./types.js";

/**
 * Prices from a saved answer (`aws pricing get-products … > prices.json`, or several concatenated in an
 * array): the same products the API returns, filtered here the way the API filters them. For offline use.
 */
export class FilePricing implements PricingPort {
  private readonly products: PriceProduct[];

  constructor(document: unknown) {
    this.products = collect(document).flatMap((entry) => {
      const product = parsePriceListEntry(entry);
      return product ? [product] : [];
    });
    if (this.products.length === 0) {
      throw new PricingError(
        "invalid",
        "the price file holds no price list products (expected GetProducts output)",
      );
    }
  }

  getProducts(query: PriceQuery): Promise<PriceProduct[]> {
    return Promise.resolve(this.products.filter((p) => matchesFilters(p, query.service, query.filters)));
  }
}

function collect(document: unknown): unknown[] {
  if (Array.isArray(document)) return document.flatMap(collect);
  if (typeof document === "object" && document !== null && "PriceList" in document) {
    const list = document.PriceList;
    return Array.isArray(list) ? (list as unknown[]) : [];
  }
  return [document];
}

/** One answer per distinct query for the whole run (several roots share price dimensions). */
export function cachedPricing(source: PricingPort): PricingPort & { readonly calls: number } {
  const answers = new Map<string, Promise<PriceProduct[]>>();
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    getProducts(query: PriceQuery): Promise<PriceProduct[]> {
      const key = queryKey(query);
      let answer = answers.get(key);
      if (!answer) {
        calls += 1;
        answer = source.getProducts(query);
        answers.set(key, answer);
      }
      return answer;
    },
  };
}
