import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import {
  type CostReport,
  FilePricing,
  costDetails,
  costLine,
  estimateCost,
  signedUsd,
  usd,
} from "../../../src/core/cost/index.js";
import { parsePlan, renderPlanMarkdown, summarizePlan } from "../../../src/core/plan/index.js";

const fixture = (name: string) => new URL(`../../fixtures/cost/${name}`, import.meta.url);
const prices = new FilePricing(JSON.parse(readFileSync(fixture("us-east-1.get-products.json"), "utf8")));

async function realReport(): Promise<{ report: CostReport; markdown: string }> {
  const plan = parsePlan(readFileSync(fixture("real-create.plan.json")));
  const report = await estimateCost(plan, { region: "us-east-1", pricing: prices });
  const markdown = renderPlanMarkdown(summarizePlan(plan), {
    root: "infra",
    cost: { line: costLine(report), details: costDetails(report) },
  });
  return { report, markdown };
}

describe("money", () => {
  it("formats dollars with cents and a sign for deltas", () => {
    expect(usd(1234.5)).toBe("$1,234.50");
    expect(signedUsd(9.344)).toBe("+$9.34");
    expect(signedUsd(-282.88)).toBe("−$282.88");
    expect(signedUsd(0.001)).toBe("±$0.00");
  });
});

describe("the cost in the plan comment", () => {
  it("puts one line with before → after and the delta right under the plan header", async () => {
    const { markdown } = await realReport();
    const line =
      "💰 **Monthly cost:** $0.00 → $445.65 (**+$445.65**/month, us-east-1 on-demand; usage-priced resources not included)";
    expect(markdown).toContain(line);
    expect(markdown.indexOf(line)).toBeLessThan(markdown.indexOf("### Changes"));
    expect(markdown.indexOf("## Terraform plan")).toBeLessThan(markdown.indexOf(line));
  });

  it("has a collapsible table per resource, biggest change first, count instances grouped", async () => {
    const { markdown } = await realReport();
    const table = markdown.slice(markdown.indexOf("<summary>Cost by resource"));
    expect(table).toContain("| Resource | Type | What drives the price | Before | After | Delta |");
    const rows = table.split("\n").filter((l) => l.startsWith("| <code>"));
    expect(rows[0]).toContain("<code>aws_db_instance.orders</code>");
    expect(rows[0]).toContain("db.m5.large, postgres, Multi-AZ, 100 GB gp3");
    expect(rows[1]).toContain("<code>aws_instance.web[*] ×2</code>");
    expect(rows[1]).toContain("| — | $126.27 | +$126.27 |");
    expect(markdown).toContain("<summary>Depends on usage (2 resources)</summary>");
    expect(markdown).toContain("Standard storage: $0.023 per GB-Mo");
  });

  it("says why when the cost is not available, and shows no table", () => {
    const report: CostReport = {
      currency: "USD",
      region: "eu-west-1",
      before: 0,
      after: 0,
      delta: 0,
      resources: [],
      usage: [],
      unpriced: [],
      calls: 1,
      unavailable:
        "cost not available: pricing:GetProducts was refused (AccessDeniedException); give the role pricing:GetProducts",
    };
    expect(costLine(report)).toBe(
      "💰 cost not available: pricing:GetProducts was refused (AccessDeniedException); give the role pricing:GetProducts",
    );
    expect(costDetails(report)).toBe("");
  });

  it("keeps hostile resource addresses from breaking the table", () => {
    const report: CostReport = {
      currency: "USD",
      region: "us-east-1",
      before: 0,
      after: 1,
      delta: 1,
      resources: [
        {
          address: 'aws_kms_key.k["</code> | <img src=x>"]',
          type: "aws_kms_key",
          driver: "customer managed key",
          after: 1,
          delta: 1,
          notes: [],
        },
      ],
      usage: [],
      unpriced: [],
      calls: 1,
    };
    const details = costDetails(report);
    expect(details).not.toContain("<img");
    expect(details).toContain("&lt;img src=x&gt;");
  });

  it("drops the tables before anything else when the comment budget is tight, but keeps the line", async () => {
    const plan = parsePlan(readFileSync(fixture("real-create.plan.json")));
    const report = await estimateCost(plan, { region: "us-east-1", pricing: prices });
    const markdown = renderPlanMarkdown(summarizePlan(plan), {
      root: "infra",
      budget: 2_500,
      cost: { line: costLine(report), details: costDetails(report) },
    });
    expect(markdown.length).toBeLessThanOrEqual(2_500);
    expect(markdown).toContain("💰 **Monthly cost:**");
    expect(markdown).not.toContain("Cost by resource");
  });
});
