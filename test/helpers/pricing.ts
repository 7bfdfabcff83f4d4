// A stand-in for AWS's Price List Query API answers: the saved us-east-1 products (in the real GetProducts
// shape), filtered the way the API filters them.
import { readFileSync } from "node:fs";

export const PRICING_ENDPOINT = "https://api.pricing.us-east-1.amazonaws.com";

export interface GetProductsBody {
  ServiceCode: string;
  Filters: { Field: string; Value: string; Type: string }[];
  FormatVersion: string;
  MaxResults: number;
  NextToken?: string;
}

export const savedPriceList = (
  JSON.parse(
    readFileSync(new URL("../fixtures/cost/us-east-1.get-products.json", import.meta.url), "utf8"),
  ) as { PriceList: string[] }
).PriceList;

/** nock hands JSON-1.1 bodies over as text. */
export const getProductsBody = (raw: unknown): GetProductsBody =>
  (typeof raw === "string" ? JSON.parse(raw) : raw) as GetProductsBody;

/** The saved products a real GetProducts call would return for the request's service and filters. */
export function answerGetProducts(body: GetProductsBody): { FormatVersion: string; PriceList: string[] } {
  const PriceList = savedPriceList.filter((entry) => {
    const doc = JSON.parse(entry) as {
      product: { productFamily: string; attributes: Record<string, string> };
    };
    const attributes: Record<string, string> = {
      ...doc.product.attributes,
      productFamily: doc.product.productFamily,
    };
    if (attributes.servicecode !== body.ServiceCode) return false;
    return body.Filters.every((f) => {
      const actual = attributes[f.Field];
      if (actual === undefined) return false;
      return f.Type === "CONTAINS" ? actual.includes(f.Value) : actual === f.Value;
    });
  });
  return { FormatVersion: "aws_v1", PriceList };
}
