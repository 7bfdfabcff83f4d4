import { describe, expect, it } from "@jest/globals";
import { planRecipes } from "../../../src/core/recipes/index.js";
import { DEMO } from "./support.js";

const REQUEST = "SQS queue for orders with a dead-letter queue after 5 failed receives";
const set = (attribute: string, value: string | number | boolean, block = "orders") => ({
  block,
  resourceType: "aws_sqs_queue",
  attribute,
  value,
  lesson: `set.aws_sqs_queue.${attribute}`,
});

describe("recipe summary after lessons set argument values", () => {
  it("states the recipe's default without lessons", () => {
    expect(planRecipes(REQUEST, DEMO).summary).toContain("visibility timeout 30 s");
  });

  it("a same-named parameter takes the lesson's value, so the note states the final value", () => {
    const { summary } = planRecipes(REQUEST, DEMO, {
      lessonValues: [set("visibility_timeout_seconds", 120)],
    });
    expect(summary).toContain("messages retained 4 days, visibility timeout 120 s");
    expect(summary).not.toContain("30 s");
  });

  it("an argument the recipe maps to another parameter (seconds → days) is described through it", () => {
    const { summary } = planRecipes(REQUEST, DEMO, {
      lessonValues: [set("message_retention_seconds", 7 * 86400)],
    });
    expect(summary).toContain("messages retained 7 days");
  });

  it("a value no parameter can hold is stated as its own note instead of leaving a stale one", () => {
    const { summary } = planRecipes(REQUEST, DEMO, {
      lessonValues: [set("message_retention_seconds", 3600), set("delay_seconds", 5)],
    });
    expect(summary).toContain("messages retained 4 days");
    expect(summary).toContain(
      "- `message_retention_seconds = 3600` from lesson `set.aws_sqs_queue.message_retention_seconds`",
    );
    expect(summary).toContain("- `delay_seconds = 5` from lesson `set.aws_sqs_queue.delay_seconds`");
  });

  it("a value outside the parameter's range is a note, and the block still renders", () => {
    const plan = planRecipes(REQUEST, DEMO, { lessonValues: [set("visibility_timeout_seconds", 99999)] });
    expect(plan.files.length).toBeGreaterThan(0);
    expect(plan.summary).toContain("`visibility_timeout_seconds = 99999` from lesson");
  });

  it("a hostile string value stays inside its code span", () => {
    const { summary } = planRecipes(REQUEST, DEMO, {
      lessonValues: [set("policy_note", "`</code><img src=x onerror=alert(1)> @ada")],
    });
    const line = summary.split("\n").find((l) => l.includes("policy_note")) ?? "";
    // The span's delimiter outgrows the backtick inside, so the value cannot end it.
    expect(line).toMatch(/^- ``policy_note = "`<\/code><img src=x onerror=alert\(1\)> @ada"`` from lesson/);
  });

  it("values for other blocks leave this block's notes alone", () => {
    const { summary } = planRecipes(REQUEST, DEMO, {
      lessonValues: [set("visibility_timeout_seconds", 120, "payments")],
    });
    expect(summary).toContain("visibility timeout 30 s");
  });
});
