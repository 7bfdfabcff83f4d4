import { describe, expect, it } from "@jest/globals";
import { REDACTED, createRedactor, redact, redactDeep } from "../../../src/core/redact/index.js";

const newInstallationToken = `ghs_${"a".repeat(20)}.eyJ${"B1c-_".repeat(100)}.${"x9".repeat(20)}`;

describe("redact", () => {
  it.each([
    ["classic PAT", `token ghp_${"A1b2".repeat(9)}`],
    ["OAuth token", `gho_${"Z".repeat(36)}`],
    ["user-to-server token", `ghu_${"k".repeat(36)}`],
    ["old installation token", `x-access-token:ghs_${"Q".repeat(36)}@github.com`],
    ["fine-grained PAT", `github_pat_${"11ABCDEFG0".repeat(4)}_${"x".repeat(59)}`],
    ["AWS access key id", "AKIAIOSFODNN7EXAMPLE"],
    ["AWS temporary key id", "ASIAY34FZKBOKMUTVV7A"],
    ["AWS secret key after its name", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"],
    ["bare AWS secret key", "secret: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY!"],
    ["session token", `AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEJr${"abcDEF123/+".repeat(20)}`],
    ["bearer header", "Authorization: Bearer abc.def.ghijklmnop"],
  ])("removes a %s", (_kind, text) => {
    const out = redact(text);
    expect(out).toContain(REDACTED);
    expect(out).not.toMatch(
      /ghp_A1b2|gho_ZZ|ghu_kk|ghs_QQ|github_pat_11|AKIAIOSF|ASIAY34|wJalrXUt|IQoJb3|abc\.def/,
    );
  });

  it("removes the new ~520-character installation tokens whole", () => {
    expect(newInstallationToken.length).toBeGreaterThan(500);
    expect(redact(`token=${newInstallationToken} end`)).toBe(`token=${REDACTED} end`);
  });

  it("removes PEM private keys, even when cut off", () => {
    const pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nabc\n-----END RSA PRIVATE KEY-----";
    expect(redact(`key:\n${pem}\nafter`)).toBe(`key:\n${REDACTED}\nafter`);
    expect(redact("-----BEGIN PRIVATE KEY-----\nMIIE")).toBe(REDACTED);
  });

  it("leaves commit SHAs, ARNs and ordinary text alone", () => {
    const text =
      "commit 4f2a9c0e1b7d3a5f6e8c9b0a1d2e3f4a5b6c7d8e arn:aws:iam::123456789012:role/deploy AROAEXAMPLEID";
    expect(redact(text)).toBe(text);
  });

  it("removes secrets registered at runtime, and redacts inside structures", () => {
    const redactor = createRedactor(["hunter2-secret"]);
    expect(redactor.redact("pw hunter2-secret!")).toBe(`pw ${REDACTED}!`);
    expect(redactDeep({ a: ["AKIAIOSFODNN7EXAMPLE", 3], b: { c: "ok" } })).toEqual({
      a: [REDACTED, 3],
      b: { c: "ok" },
    });
  });
});
