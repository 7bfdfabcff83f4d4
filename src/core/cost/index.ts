export * from "./types.js";
export { estimateCost, queryKey, type EstimateOptions } from "./estimate.js";
export { parsePriceListEntry, matchesFilters, priceOf, unitPriceOf } from "./price-list.js";
export { costLine, costDetails, usd, signedUsd } from "./render.js";
export { COST_MODELS } from "./models/index.js";
export { FilePricing, cachedPricing } from "./sources.js";
