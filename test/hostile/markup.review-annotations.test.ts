// Check-run annotations built from hostile findings must stay inside the Checks API's limits (title ≤ 255
// characters, message ≤ 64 KiB of UTF-8) and stay valid UTF-8, or GitHub rejects the whole update.
import { describe, expect, it } from "@jest/globals";
import { annotationsOf, type ReviewFinding, type ReviewReport } from "../../src/core/review/index.js";

function report(findings: Partial<ReviewFinding>[]): ReviewReport {
  return {
    findings: findings.map((f) => ({
      ruleId: "security/iam-wildcard",
      source: "security",
      level: "warning",
      file: "iam.tf",
      line: 3,
      address: "aws_iam_policy.p",
      message: "m",
      suggestion: null,
      ...f,
    })),
    rules: [],
    checks: [],
    filesChecked: 1,
    changed: null,
    conclusion: "neutral",
  };
}

const bytes = (text: string) => Buffer.byteLength(text, "utf8");
const wellFormed = (text: string) =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe("review annotations under the Checks API limits", () => {
  it("a message of 60,000 three-byte characters (a policy description in CJK) is cut to 64 KiB of UTF-8", () => {
    const [a] = annotationsOf(report([{ message: "政".repeat(60_000) }]));
    expect(bytes(a?.message ?? "")).toBeLessThanOrEqual(64 * 1024);
    expect(a?.message.length).toBeGreaterThan(20_000);
  });

  it("a message of emoji (surrogate pairs) is never cut inside a pair", () => {
    const [a] = annotationsOf(report([{ message: `x${"🔥".repeat(40_000)}` }]));
    expect(bytes(a?.message ?? "")).toBeLessThanOrEqual(64 * 1024);
    expect(wellFormed(a?.message ?? "")).toBe(true);
  });

  it("a suggestion that pushes the message past the limit is cut too", () => {
    const [a] = annotationsOf(report([{ message: "é".repeat(30_000), suggestion: "ü".repeat(30_000) }]));
    expect(bytes(a?.message ?? "")).toBeLessThanOrEqual(64 * 1024);
  });

  it("a validator code used as the title is at most 255 characters and never half an emoji", () => {
    const [a] = annotationsOf(report([{ ruleId: `validator/${"😀".repeat(300)}` }]));
    expect(a?.title.length).toBeLessThanOrEqual(255);
    expect(wellFormed(a?.title ?? "")).toBe(true);
  });

  it("short text is left exactly as it was", () => {
    const [a] = annotationsOf(report([{ message: "aws_iam_policy.p allows s3:* on every resource" }]));
    expect(a?.message).toBe("aws_iam_policy.p allows s3:* on every resource");
  });
});
