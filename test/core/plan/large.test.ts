import { describe, expect, it } from "@jest/globals";
import { parsePlan, renderPlanMarkdown, summarizePlan } from "../../../src/core/plan/index.js";
import { planFixture } from "./fixtures.js";

interface RawChange {
  address: string;
  module_address?: string;
  index?: number;
  change: { actions: string[] };
  [key: string]: unknown;
}

/**
 * A real `terraform show -json` plan (Terraform 1.11) scaled to thousands of resources: its created
 * object copied into two modules with `count`, plus the AWS changes of risks.json.
 */
function largePlan(creates: number): Buffer {
  const real = JSON.parse(planFixture("real-terraform-1.11.json").toString()) as {
    resource_changes: RawChange[];
  };
  const risky = JSON.parse(planFixture("risks.json").toString()) as { resource_changes: RawChange[] };
  const added = real.resource_changes.find((r) => r.address === "terraform_data.added");
  if (!added) throw new Error("fixture changed");
  const copies = Array.from({ length: creates }, (_, i): RawChange => {
    const module = i % 3 === 0 ? "module.flags" : "module.params";
    return {
      ...structuredClone(added),
      address: `${module}.terraform_data.value[${i}]`,
      module_address: module,
      index: i,
    };
  });
  real.resource_changes = [...copies, ...real.resource_changes, ...risky.resource_changes];
  return Buffer.from(JSON.stringify(real));
}

describe("the plan comment for a large plan", () => {
  const summary = summarizePlan(parsePlan(largePlan(2_400)));
  const body = renderPlanMarkdown(summary, { root: "infra" });

  it("fits one comment, warns about the unusual size first, and leads the risks with the critical ones", () => {
    expect(body.length).toBeLessThanOrEqual(60_000);
    const warning = body.indexOf("> [!WARNING]");
    const critical = body.indexOf("**🛑 Critical (");
    const high = body.indexOf("**🟠 High (");
    expect(warning).toBeGreaterThan(-1);
    expect(body).toContain("Unusually large plan: it creates 2,409 resources");
    expect(critical).toBeGreaterThan(warning);
    expect(high).toBeGreaterThan(critical);
  });

  it("counts the changes by module and type in a collapsed table, updates next to creates and deletes", () => {
    expect(body).toMatch(/<details><summary>📦 2,4\d\d changes by module and type \(\d+ groups\)<\/summary>/);
    expect(body).toContain("| <code>module.params</code> | <code>terraform_data</code> | 1,600 |  |  |  |");
    expect(body).toContain("| <code>module.flags</code> | <code>terraform_data</code> | 800 |  |  |  |");
    expect(body).toMatch(/\| ➕ create \| 🔧 update \| ♻️ replace \| 🗑️ destroy \|/);
    expect(body).toContain("#### 🔧 Update in place (");
  });

  it("stays quiet for a plan of ordinary size", () => {
    const small = renderPlanMarkdown(summarizePlan(parsePlan(planFixture("risks.json"))), { root: "." });
    expect(small).not.toContain("[!WARNING]");
    expect(small).not.toContain("by module and type");
  });
});
