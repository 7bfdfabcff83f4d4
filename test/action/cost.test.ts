import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { Runner, output } from "./harness.js";
import { expectNoSecrets, expectPost, inputs, noComments, oidc, posted, prEvent, sts } from "./mocks.js";
import { ACCESS_KEY_ID } from "./sts-xml.js";
import { PRICING_ENDPOINT, answerGetProducts, getProductsBody } from "../helpers/pricing.js";

const PRICING = PRICING_ENDPOINT;
// The harness takes `terraform show` output from test/fixtures/plan/: a real Terraform 1.11 plan with
// two t3.large instances, a Multi-AZ db.m5.large, a NAT gateway, its EIP and an S3 bucket.
const REAL_PLAN = "../cost/real-create.plan.json";

/** Answers GetProducts from the saved products, filtered the way the API filters; records who signed. */
function pricingApi(signers: string[]): void {
  nock(PRICING)
    .post("/")
    .times(9)
    .reply(function (_uri, raw) {
      signers.push(String(this.req.headers.authorization ?? ""));
      return [200, answerGetProducts(getProductsBody(raw)), { "content-type": "application/x-amz-json-1.1" }];
    });
}

let runner: Runner | undefined;
afterEach(() => {
  runner?.cleanup();
  runner = undefined;
  posted.length = 0;
});

function start(extra: Record<string, string> = {}): Runner {
  runner = new Runner({ ...inputs, cost: "true", ...extra }, prEvent).root("prod", {
    plan: { code: 2 },
    show: REAL_PLAN,
  });
  oidc();
  sts();
  noComments();
  expectPost();
  return runner;
}

describe("the plan Action prices the plan", () => {
  it("puts the monthly cost in the comment, the job summary and the monthly-cost-delta output, signed by the plan role", async () => {
    const signers: string[] = [];
    pricingApi(signers);
    const run = await start().run();
    expect(run.ok).toBe(true);
    const line = "💰 **Monthly cost:** $0.00 → $445.65 (**+$445.65**/month, us-east-1 on-demand";
    expect(posted[0]).toContain(line);
    expect(posted[0]).toContain("<summary>Cost by resource (4 rows)</summary>");
    expect(run.summary).toContain(line);
    expect(output(run.outputs, "monthly-cost-delta")).toBe("445.65");
    expect(signers).toHaveLength(9);
    for (const signer of signers) expect(signer).toContain(`Credential=${ACCESS_KEY_ID}/`);
    expect(run.stdout).toContain("cost: 9 Price List API call(s)");
    expectNoSecrets(run);
  });

  it("a role without pricing:GetProducts still gets its plan comment, which says why the cost is missing", async () => {
    nock(PRICING)
      .post("/")
      .reply(
        400,
        { __type: "AccessDeniedException", Message: "not authorized to perform: pricing:GetProducts" },
        { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": "AccessDeniedException" },
      );
    const run = await start().run();
    expect(run.ok).toBe(true);
    expect(posted[0]).toContain("**Plan: 6 to add, 0 to change, 0 to destroy.**");
    expect(posted[0]).toContain(
      "💰 cost not available: pricing:GetProducts was refused (AccessDeniedException); give the role pricing:GetProducts",
    );
    expect(output(run.outputs, "monthly-cost-delta")).toBe("");
  });

  it("fails the step after commenting when the increase is above max-monthly-increase", async () => {
    pricingApi([]);
    const run = await start({ "max-monthly-increase": "400" }).run();
    expect(run.ok).toBe(false);
    expect(posted).toHaveLength(1);
    expect(run.stdout).toContain(
      "::error::the plan raises the monthly cost by $445.65, above the budget of $400.00 (cost.maxMonthlyIncrease)",
    );
  });

  it("takes the budget from the repo config, and an increase within it passes", async () => {
    pricingApi([]);
    const r = start();
    mkdirSync(join(r.dir, "ws", ".github"), { recursive: true });
    writeFileSync(join(r.dir, "ws", ".github", "devops-agent.yml"), "cost:\n  maxMonthlyIncrease: 500\n");
    const run = await r.run();
    expect(run.ok).toBe(true);
  });

  it("the budget from the repo config fails an increase above it", async () => {
    pricingApi([]);
    const r = start();
    mkdirSync(join(r.dir, "ws", ".github"), { recursive: true });
    writeFileSync(join(r.dir, "ws", ".github", "devops-agent.yml"), "cost:\n  maxMonthlyIncrease: 100\n");
    const run = await r.run();
    expect(run.ok).toBe(false);
    expect(run.stdout.join("\n")).toContain("above the budget of $100.00");
  });

  it("a budget it cannot check (no cost) is a warning, not a failure", async () => {
    nock(PRICING)
      .post("/")
      .times(3)
      .replyWithError(Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" }));
    const run = await start({ "max-monthly-increase": "10" }).run();
    expect(run.ok).toBe(true);
    expect(run.stdout).toContain(
      "::warning::the monthly cost budget ($10.00) was not checked: the cost is not available",
    );
  });

  it("rejects a budget that is not a number", async () => {
    runner = new Runner({ ...inputs, "max-monthly-increase": "lots" }, prEvent).root("prod", {
      show: REAL_PLAN,
    });
    const run = await runner.run();
    expect(run.ok).toBe(false);
    expect(run.stdout).toContain("::error::input max-monthly-increase: expected a number of USD, e.g. 500");
  });
});
