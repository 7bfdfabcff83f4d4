import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { createAwsPricing } from "../../../src/adapters/pricing/aws.js";
import { PricingError, estimateCost } from "../../../src/core/cost/index.js";
import { parsePlan } from "../../../src/core/plan/index.js";
import {
  PRICING_ENDPOINT,
  answerGetProducts,
  getProductsBody,
  savedPriceList,
} from "../../helpers/pricing.js";

const ENDPOINT = PRICING_ENDPOINT;
const saved = { PriceList: savedPriceList };
const credentials = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const bodyOf = getProductsBody;
const answer = answerGetProducts;
type GetProductsBody = ReturnType<typeof getProductsBody>;

const isGetProducts = function (this: { headers: Record<string, string> }) {
  return this.headers["x-amz-target"] === "AWSPriceListService.GetProducts";
};

function serve(times: number) {
  return nock(ENDPOINT)
    .post("/", (body: GetProductsBody) => body.FormatVersion === "aws_v1" && body.MaxResults === 100)
    .times(times)
    .reply(function (_uri, body) {
      expect(isGetProducts.call(this.req as unknown as { headers: Record<string, string> })).toBe(true);
      return [200, answer(bodyOf(body)), { "content-type": "application/x-amz-json-1.1" }];
    });
}

describe("the Price List Query API adapter over HTTP", () => {
  it("prices a real plan with one signed GetProducts call per distinct price dimension", async () => {
    serve(9);
    const plan = parsePlan(
      readFileSync(new URL("../../fixtures/cost/real-create.plan.json", import.meta.url)),
    );
    const report = await estimateCost(plan, {
      region: "us-east-1",
      pricing: createAwsPricing({ credentials }),
    });
    expect(report.calls).toBe(9);
    expect(Math.round(report.after * 100) / 100).toBe(445.65);
  });

  it("sends the service code and TERM_MATCH/CONTAINS filters, and follows NextToken", async () => {
    const bodies: GetProductsBody[] = [];
    nock(ENDPOINT)
      .post("/")
      .reply(200, (_uri, body) => {
        bodies.push(bodyOf(body));
        return { FormatVersion: "aws_v1", PriceList: [saved.PriceList[0]], NextToken: "page-2" };
      })
      .post("/")
      .reply(200, (_uri, body) => {
        bodies.push(bodyOf(body));
        return { FormatVersion: "aws_v1", PriceList: [saved.PriceList[1]] };
      });
    const products = await createAwsPricing({ credentials }).getProducts({
      service: "AmazonEC2",
      filters: [
        { field: "regionCode", value: "us-east-1" },
        { field: "usagetype", value: "NatGateway-Hours", type: "CONTAINS" },
      ],
    });
    expect(products).toHaveLength(2);
    expect(bodies[0]).toEqual({
      ServiceCode: "AmazonEC2",
      Filters: [
        { Field: "regionCode", Value: "us-east-1", Type: "TERM_MATCH" },
        { Field: "usagetype", Value: "NatGateway-Hours", Type: "CONTAINS" },
      ],
      FormatVersion: "aws_v1",
      MaxResults: 100,
    });
    expect(bodies[1]?.NextToken).toBe("page-2");
  });

  it("a role without pricing:GetProducts is reported as denied, not retried", async () => {
    nock(ENDPOINT).post("/").once().reply(
      400,
      {
        __type: "AccessDeniedException",
        Message: "User is not authorized to perform: pricing:GetProducts",
      },
      { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": "AccessDeniedException" },
    );
    const error = await createAwsPricing({ credentials })
      .getProducts({ service: "AmazonEC2", filters: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PricingError);
    expect((error as PricingError).failure).toBe("denied");
    expect((error as PricingError).message).toContain("give the role pricing:GetProducts");
  });

  it("throttling is retried, then reported as throttled", async () => {
    nock(ENDPOINT).post("/").times(2).reply(
      400,
      { __type: "ThrottlingException", Message: "Rate exceeded" },
      {
        "content-type": "application/x-amz-json-1.1",
        "x-amzn-errortype": "ThrottlingException",
      },
    );
    const error = await createAwsPricing({ credentials, maxAttempts: 2 })
      .getProducts({ service: "AmazonRDS", filters: [] })
      .catch((e: unknown) => e);
    expect((error as PricingError).failure).toBe("throttled");
  });

  it("throttling that clears on retry answers normally", async () => {
    nock(ENDPOINT).post("/").reply(
      400,
      { __type: "ThrottlingException", Message: "Rate exceeded" },
      {
        "content-type": "application/x-amz-json-1.1",
        "x-amzn-errortype": "ThrottlingException",
      },
    );
    serve(1);
    const products = await createAwsPricing({ credentials }).getProducts({
      service: "awskms",
      filters: [{ field: "usagetype", value: "KMS-Keys", type: "CONTAINS" }],
    });
    expect(products.map((p) => p.attributes.usagetype)).toEqual(["us-east-1-KMS-Keys"]);
  });

  it("an unreachable endpoint is reported as unreachable and the estimate says cost is not available", async () => {
    nock(ENDPOINT)
      .post("/")
      .times(2)
      .replyWithError(
        Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443"), { code: "ECONNREFUSED" }),
      );
    const plan = parsePlan(
      readFileSync(new URL("../../fixtures/cost/real-create.plan.json", import.meta.url)),
    );
    const report = await estimateCost(plan, {
      region: "us-east-1",
      pricing: createAwsPricing({ credentials, maxAttempts: 2 }),
    });
    expect(report.unavailable).toMatch(/^cost not available: the Price List API is unreachable/);
    expect(report.resources).toEqual([]);
  });
});
