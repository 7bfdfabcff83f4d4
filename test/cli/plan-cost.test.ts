import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { runCli } from "../helpers/cli.js";

const path = (name: string) => fileURLToPath(new URL(`../fixtures/cost/${name}`, import.meta.url));
const PLAN = path("real-create.plan.json");
const PRICES = path("us-east-1.get-products.json");

describe("devops-agent plan summarize --cost", () => {
  it("adds the monthly cost line and tables from a saved price file, offline", async () => {
    const result = await runCli([
      "plan",
      "summarize",
      PLAN,
      "--cost",
      "--region",
      "us-east-1",
      "--prices",
      PRICES,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "💰 **Monthly cost:** $0.00 → $445.65 (**+$445.65**/month, us-east-1 on-demand",
    );
    expect(result.stdout).toContain("<summary>Cost by resource (4 rows)</summary>");
  });

  it("gives --json a cost block with the totals, every priced resource and the usage prices", async () => {
    const result = await runCli([
      "plan",
      "summarize",
      PLAN,
      "--json",
      "--cost",
      "--region",
      "us-east-1",
      "--prices",
      PRICES,
    ]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      create: number;
      cost: {
        region: string;
        before: number;
        after: number;
        delta: number;
        resources: { address: string }[];
        usage: unknown[];
      };
    };
    expect(json.create).toBe(6);
    expect(json.cost.region).toBe("us-east-1");
    expect(Math.round(json.cost.delta * 100)).toBe(44565);
    expect(json.cost.resources.map((r) => r.address)).toContain("aws_nat_gateway.main");
    expect(json.cost.usage).toHaveLength(2);
  });

  it("prices in another region only what that region's price list has, and says what it could not price", async () => {
    const result = await runCli([
      "plan",
      "summarize",
      PLAN,
      "--json",
      "--cost",
      "--region",
      "eu-west-1",
      "--prices",
      PRICES,
    ]);
    const json = JSON.parse(result.stdout) as {
      cost: { after: number; unpriced: { address: string; reason: string }[] };
    };
    expect(json.cost.after).toBe(0);
    expect(json.cost.unpriced.map((u) => u.address)).toContain("aws_db_instance.orders");
  });

  it.each([
    [["--cost", "--prices", PRICES], "--cost needs the plan's region: --region REGION or AWS_REGION"],
    [["--region", "us-east-1"], "--region and --prices go with --cost"],
    [["--cost", "--region", "mars-1"], "--region mars-1 is not an AWS region"],
    [["--cost", "--region", "us-east-1", "--prices", PLAN], "holds no price list products"],
    [["--cost", "--region", "us-east-1", "--prices", "/nonexistent/prices.json"], "cannot read --prices"],
  ])("bad usage %j is a one-line error with exit 2", async (flags, message) => {
    const result = await runCli(["plan", "summarize", PLAN, ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("devops-agent plan summarize --cost against the Price List Query API", () => {
  const saved = { ...process.env };
  beforeEach(() => {
    // The default credential chain reads the environment.
    process.env.AWS_ACCESS_KEY_ID = "AKIDEXAMPLE";
    process.env.AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it("with a role that lacks pricing:GetProducts still prints the summary and says why cost is missing", async () => {
    nock("https://api.pricing.us-east-1.amazonaws.com")
      .post("/")
      .reply(
        400,
        { __type: "AccessDeniedException", Message: "not authorized to perform: pricing:GetProducts" },
        { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": "AccessDeniedException" },
      );
    const result = await runCli(["plan", "summarize", PLAN, "--cost", "--region", "us-east-1"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("**Plan: 6 to add, 0 to change, 0 to destroy.**");
    expect(result.stdout).toContain(
      "💰 cost not available: pricing:GetProducts was refused (AccessDeniedException); give the role pricing:GetProducts",
    );
  });

  it("asks the API once per distinct price dimension and lists what its answers could not price", async () => {
    const list = (JSON.parse(readFileSync(PRICES, "utf8")) as { PriceList: string[] }).PriceList;
    nock("https://api.pricing.us-east-1.amazonaws.com")
      .post("/")
      .times(9)
      .reply(200, {
        FormatVersion: "aws_v1",
        PriceList: list.filter((e) => e.includes('"servicecode": "awskms"')),
      });
    const result = await runCli(["plan", "summarize", PLAN, "--json", "--cost", "--region", "us-east-1"]);
    const json = JSON.parse(result.stdout) as { cost: { calls: number; unpriced: unknown[] } };
    // Every answer is a KMS key product, so nothing matches a Hrs or GB-Mo dimension: all listed as unpriced.
    expect(json.cost.calls).toBe(9);
    expect(json.cost.unpriced.length).toBeGreaterThan(0);
  });
});
