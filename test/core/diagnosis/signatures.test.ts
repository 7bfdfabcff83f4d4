import { describe, expect, it } from "@jest/globals";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DIAGNOSIS_CATEGORIES, SIGNATURES, diagnose } from "../../../src/core/diagnosis/index.js";
import { LOG_FIXTURES, excerptOf } from "./fixtures.js";

describe("knowledge base", () => {
  it("has at least 30 signatures with unique ids", () => {
    const ids = SIGNATURES.map((s) => s.id);
    expect(ids.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("covers every diagnosis category", () => {
    const covered = new Set(SIGNATURES.map((s) => s.category));
    expect([...DIAGNOSIS_CATEGORIES].filter((c) => !covered.has(c))).toEqual([]);
  });

  it("has a fixture and a near-miss for every signature", () => {
    const missing = SIGNATURES.flatMap((s) => [`${s.id}.log`, `${s.id}.near-miss.log`]).filter(
      (f) => !existsSync(join(LOG_FIXTURES, f)),
    );
    expect(missing).toEqual([]);
  });
});

describe.each(SIGNATURES.map((s) => [s.id, s] as const))("signature %s", (id, signature) => {
  it("diagnoses its realistic Actions log", () => {
    const result = diagnose(excerptOf(`${id}.log`));
    expect(result?.signatureId).toBe(id);
    expect(result?.category).toBe(signature.category);
    expect(result?.source).toBe("signature");
    expect(result?.evidence.length).toBeGreaterThan(0);
    expect(result?.rootCause).not.toMatch(/undefined|\?`/);
  });

  it("does not match its near-miss", () => {
    const result = diagnose(excerptOf(`${id}.near-miss.log`));
    expect(result?.signatureId ?? null).not.toBe(id);
  });
});
