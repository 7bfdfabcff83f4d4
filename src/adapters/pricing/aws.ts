import { GetProductsCommand, PricingClient, type Filter } from "@aws-sdk/client-pricing";
import { FetchHttpHandler } from "@smithy/fetch-http-handler";
import {
  type PriceProduct,
  type PriceQuery,
  PricingError,
  type PricingPort,
  parsePriceListEntry,
} from "../../core/cost/index.js";

export interface AwsPricingOptions {
  /** Explicit credentials (the Action's assumed role); omitted, the SDK's default chain is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** The Price List Query API lives in us-east-1, eu-central-1 and ap-south-1. */
  endpointRegion?: string;
  /** Attempts per call, throttling and network errors retried by the SDK with backoff. */
  maxAttempts?: number;
  /** Time limit per HTTP request. */
  timeoutMs?: number;
  /** Pages of 100 products read per query; a well-filtered query needs one. */
  maxPages?: number;
}

/** AWS's Price List Query API (`pricing:GetProducts`) behind the pricing port. */
export function createAwsPricing(options: AwsPricingOptions = {}): PricingPort {
  const client = new PricingClient({
    region: options.endpointRegion ?? "us-east-1",
    maxAttempts: options.maxAttempts ?? 3,
    // Node's fetch, like every other HTTP call of ours: one timeout setting, and tests intercept it per file.
    requestHandler: new FetchHttpHandler({ requestTimeout: options.timeoutMs ?? 20_000 }),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  const maxPages = options.maxPages ?? 3;
  return {
    async getProducts(query: PriceQuery): Promise<PriceProduct[]> {
      const filters: Filter[] = query.filters.map((f) => ({
        Field: f.field,
        Value: f.value,
        Type: f.type ?? "TERM_MATCH",
      }));
      const products: PriceProduct[] = [];
      let token: string | undefined;
      for (let page = 0; page < maxPages; page += 1) {
        const answer = await client
          .send(
            new GetProductsCommand({
              ServiceCode: query.service,
              Filters: filters,
              FormatVersion: "aws_v1",
              MaxResults: 100,
              ...(token ? { NextToken: token } : {}),
            }),
          )
          .catch((error: unknown) => {
            throw pricingError(error, query.service);
          });
        const list: unknown[] = Array.isArray(answer.PriceList) ? answer.PriceList : [];
        for (const entry of list) {
          // The SDK hands entries back as lazy JSON strings (String objects), not primitives.
          const product = parsePriceListEntry(entry instanceof String ? entry.toString() : entry);
          if (product) products.push(product);
        }
        token = answer.NextToken;
        if (!token) break;
      }
      return products;
    },
  };
}

function pricingError(error: unknown, service: string): PricingError {
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
  if (
    name === "AccessDeniedException" ||
    name === "UnrecognizedClientException" ||
    name === "ExpiredTokenException"
  )
    return new PricingError(
      "denied",
      `pricing:GetProducts was refused (${name}); give the role pricing:GetProducts`,
    );
  if (name === "CredentialsProviderError")
    return new PricingError("denied", `no AWS credentials for the Price List API (${message})`);
  if (name === "ThrottlingException")
    return new PricingError("throttled", `the Price List API throttled the requests for ${service}`);
  if (name === "InvalidParameterException" || name === "NotFoundException")
    return new PricingError("invalid", `the Price List API refused the query for ${service}: ${message}`);
  return new PricingError(
    "unreachable",
    `the Price List API is unreachable (${name || "error"}: ${message})`,
  );
}
