import { describe, expect, it } from "@jest/globals";
import {
  DEFAULT_BUDGET,
  type PlanSummary,
  parsePlan,
  renderPlanMarkdown,
  summarizePlan,
} from "../../../src/core/plan/index.js";
import { buildBigPlan } from "./big-plan.js";
import { planFixture } from "./fixtures.js";

const summarize = (name: string): PlanSummary => summarizePlan(parsePlan(planFixture(name)));
const html = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

describe("renderPlanMarkdown", () => {
  it.each([
    "all-actions.json",
    "sensitive-unknown.json",
    "risks.json",
    "drift-deferred.json",
    "format-0.1.json",
    "no-changes.json",
    "evil-markdown.json",
    "real-terraform-1.11.json",
  ])("renders %s", (name) => {
    expect(renderPlanMarkdown(summarize(name), { root: "infra/prod" })).toMatchSnapshot();
  });

  it("starts with the marker, then the callout when anything is destroyed or replaced", () => {
    const text = renderPlanMarkdown(summarize("all-actions.json"), { root: "infra/prod" });
    const lines = text.split("\n");
    expect(lines[0]).toBe("<!-- devops-agent:plan:infra/prod -->");
    expect(lines[1]).toBe("> [!CAUTION]");
    expect(text.indexOf("> [!CAUTION]")).toBeLessThan(text.indexOf("## Terraform plan"));
    expect(text).toContain("**Plan: 2 to import, 4 to add, 2 to change, 4 to destroy, 2 to forget.**");
  });

  it("has no callout when nothing is destroyed, but still lists other risks under a heading", () => {
    const summary = summarize("risks.json");
    const quiet: PlanSummary = {
      ...summary,
      counts: { ...summary.counts, delete: 0, replace: 0 },
      risks: summary.risks.filter((r) => r.kind === "iam"),
    };
    const text = renderPlanMarkdown(quiet, { root: "." });
    expect(text).not.toContain("[!CAUTION]");
    expect(text).toContain(
      "### ⚠️ Risks\n\n**🛑 Critical (4)**\n\n- **🔑 IAM** <code>aws_iam_policy.admin</code>: permissions added; allows every action\n",
    );
  });

  it("uses a custom marker and makes a hostile root harmless in the default one", () => {
    const summary = summarize("no-changes.json");
    expect(renderPlanMarkdown(summary, { root: "x", marker: "<!-- custom -->" }).split("\n")[0]).toBe(
      "<!-- custom -->",
    );
    const first = renderPlanMarkdown(summary, { root: "a --> <b>\nb" }).split("\n")[0];
    expect(first).toBe("<!-- devops-agent:plan:a_-_b_b -->");
  });

  it("puts diff signs at column 0 inside diff blocks", () => {
    const text = renderPlanMarkdown(summarize("sensitive-unknown.json"), { root: "." });
    const blocks = [...text.matchAll(/```diff\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? "");
    expect(blocks.length).toBeGreaterThan(0);
    for (const line of blocks.join("\n").split("\n")) expect(line).toMatch(/^[-+~] |^ {2}… /);
  });

  it("never prints a sensitive value or a known secret shape", () => {
    for (const name of [
      "sensitive-unknown.json",
      "drift-deferred.json",
      "all-actions.json",
      "evil-markdown.json",
    ]) {
      const text = renderPlanMarkdown(summarize(name), { root: "." });
      expect(text).not.toMatch(
        /s3cr3t|key-before|key-after|tok-create|sk_live|output-secret|conn-secret|hunter2|drift-secret|correct horse|plain-looking|pa55word|AKIAIOSFODNN7EXAMPLE|ghs_16C7|real-secret-value/,
      );
    }
  });

  it("keeps hostile addresses and values from changing the layout", () => {
    const text = renderPlanMarkdown(summarize("evil-markdown.json"), { root: "." });
    expect(text).not.toContain("<script>");
    expect(text).not.toMatch(/^# /m);
    expect(text).not.toMatch(/^## Looks approved/m);
    expect(text.split("\n").filter((line) => line.startsWith("```")).length % 2).toBe(0);
    expect(text).toContain("Terraform 1.9.8 # injected heading");
  });

  it("links the full plan when something is trimmed", () => {
    const text = renderPlanMarkdown(summarize("risks.json"), {
      root: ".",
      budget: 4_000,
      fullPlanUrl: "https://example.com/run (1)",
    });
    expect(text.length).toBeLessThanOrEqual(4_000);
    expect(text).toContain("✂️ **Trimmed to fit one comment:**");
    expect(text).toContain("[Full plan](https://example.com/run%20%281%29)");
  });

  it("trims the least risky parts first and keeps every risk", () => {
    const summary = summarize("risks.json");
    const full = renderPlanMarkdown(summary, { root: "." });
    for (const budget of [7_000, 6_000, 5_000, 4_000]) {
      const text = renderPlanMarkdown(summary, { root: ".", budget });
      expect(text.length).toBeLessThanOrEqual(budget);
      expect(text.length).toBeLessThan(full.length);
      for (const risk of summary.risks)
        expect(text).toContain(`<code>${html(risk.address)}</code>: ${html(risk.reason)}`);
    }
    const tight = renderPlanMarkdown(summary, { root: ".", budget: 6_000 });
    expect(tight).toContain("<details><summary><code>aws_dynamodb_table.orders</code>");
    expect(tight).not.toContain("<details><summary><code>aws_instance.app</code>");
  });
});

describe("a 20,000-resource plan", () => {
  const summary = summarizePlan(parsePlan(buildBigPlan({ resources: 20_000 })));

  it("renders within the default budget with every risk present", () => {
    const text = renderPlanMarkdown(summary, { root: "infra" });
    expect(summary.resources).toHaveLength(20_000);
    expect(summary.risks).toHaveLength(150);
    expect(text.length).toBeLessThanOrEqual(DEFAULT_BUDGET);
    for (const risk of summary.risks)
      expect(text).toContain(`<code>${html(risk.address)}</code>: ${html(risk.reason)}`);
    expect(text).toContain(
      "**Plan: 50 to add, 19,900 to change, 100 to destroy.**".replace("19,900", "19900"),
    );
    expect(text).toMatch(
      /✂️ \*\*Trimmed to fit one comment:\*\* attribute diffs of [\d,]+ resources; [\d,]+ update lines\./,
    );
  });

  it("still fits when every resource is a risk: risks are compacted, never dropped", () => {
    const destroyAll: PlanSummary = {
      ...summary,
      risks: summary.resources.map((r) => ({
        address: r.address,
        kind: "delete",
        severity: "high",
        reason: "destroyed",
      })),
    };
    const text = renderPlanMarkdown(destroyAll, { root: "infra" });
    expect(text.length).toBeLessThanOrEqual(DEFAULT_BUDGET);
    expect(text).toContain("- **🔴 destroy** × 20,000: <code>module.fleet_0.aws_db_instance.db_0</code>");
  });
});
