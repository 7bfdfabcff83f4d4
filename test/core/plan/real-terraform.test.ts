import { describe, expect, it } from "@jest/globals";
import {
  type PlanSummary,
  parsePlan,
  planTitle,
  summarizePlan,
  summaryToContract,
} from "../../../src/core/plan/index.js";
import { planFixture } from "./fixtures.js";

const summarize = (name: string): PlanSummary => summarizePlan(parsePlan(planFixture(name)));

describe("a plan written by a real terraform (1.11.4, `terraform show -json`)", () => {
  const real = summarize("real-terraform-1.11.json");

  it("counts what terraform's own plan line says: Plan: 2 to add, 2 to change, 2 to destroy.", () => {
    expect(planTitle(real)).toBe("Plan: 2 to add, 2 to change, 2 to destroy (1 replaced, 2 risks)");
    expect(real.counts).toEqual({
      create: 1,
      update: 2,
      delete: 1,
      replace: 1,
      noop: 1,
      read: 0,
      forget: 0,
      import: 0,
      move: 1,
    });
    expect(real.resources.find((r) => r.address === "terraform_data.new_name")?.previousAddress).toBe(
      "terraform_data.old_name",
    );
  });

  it("keeps the sensitive variable's value out of everything it produces", () => {
    expect(summaryToContract(real).sensitive).toEqual([
      "terraform_data.new_name.input.nested",
      "output.secret_out",
    ]);
    expect(JSON.stringify(summaryToContract(real))).not.toContain("real-secret-value");
    expect(
      real.resources
        .flatMap((r) => r.changes())
        .map((c) => `${c.before ?? ""} ${c.after ?? ""}`)
        .join("\n"),
    ).not.toContain("real-secret-value");
  });
});
