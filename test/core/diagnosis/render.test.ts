import { describe, expect, it } from "@jest/globals";
import { diagnose, diagnosisFingerprint, renderDiagnosisReport } from "../../../src/core/diagnosis/index.js";
import type { Diagnosis } from "../../../src/core/diagnosis/index.js";
import { excerptOf } from "./fixtures.js";

function diagnosed(id: string): Diagnosis {
  const d = diagnose(excerptOf(`${id}.log`));
  if (!d) throw new Error(`no diagnosis for ${id}`);
  return d;
}

const base: Diagnosis = {
  category: "python_import",
  title: "A Python module is missing",
  rootCause: "Python could not import `yaml`.",
  fix: "Add `PyYAML` to the requirements.",
  confidence: 0.95,
  evidence: ["E   ModuleNotFoundError: No module named 'yaml'", "``` a log line with a fence"],
  source: "signature",
  signatureId: "python-module-not-found",
  autoFixable: true,
  specifics: { module: "yaml", package: "PyYAML" },
};

describe("renderDiagnosisReport", () => {
  it("renders one section per failed job with evidence fenced and the /agent fix hint", () => {
    const body = renderDiagnosisReport([{ job: "test", failingStep: "pytest -q", diagnosis: base }], {
      workflow: "CI",
      runUrl: "https://github.com/acme/app/actions/runs/42",
    });
    expect(body).toBe(
      [
        "## CI failure diagnosis",
        "",
        "[CI](https://github.com/acme/app/actions/runs/42) failed: 1 failed job.",
        "",
        "### A Python module is missing",
        "",
        "Job `test` · step `pytest -q` · category `python_import` · confidence 95% · known failure `python-module-not-found`",
        "",
        "**Root cause.** Python could not import `yaml`.",
        "",
        "<details open><summary>Evidence</summary>",
        "",
        "````text",
        "E   ModuleNotFoundError: No module named 'yaml'",
        "``` a log line with a fence",
        "````",
        "",
        "</details>",
        "",
        "**Fix.** Add `PyYAML` to the requirements.",
        "",
        "> I can fix this one: comment `/agent fix` on the pull request and I will push the change.",
      ].join("\n"),
    );
  });

  it("leaves out the hint when auto-fix is on or the cause is not fixable", () => {
    expect(renderDiagnosisReport([{ job: "t", diagnosis: base }], { autoFixEnabled: true })).not.toContain(
      "/agent fix",
    );
    expect(renderDiagnosisReport([{ job: "t", diagnosis: { ...base, autoFixable: false } }])).not.toContain(
      "/agent fix",
    );
  });

  it("says when no failed job was found and redacts whatever it renders", () => {
    expect(renderDiagnosisReport([])).toBe(
      "## CI failure diagnosis\n\nThe workflow run failed: 0 failed jobs.\n\nNo failed job could be found in this run.",
    );
    const leaky = { ...base, rootCause: "key AKIAIOSFODNN7EXAMPLE leaked" };
    expect(renderDiagnosisReport([{ job: "t", diagnosis: leaky }])).toContain("key [REDACTED] leaked");
  });
});

describe("diagnosisFingerprint", () => {
  it("is stable for the same failure and differs for different ones", () => {
    const lock = diagnosed("terraform-state-lock");
    const otherLock = { ...lock, specifics: { ...lock.specifics, lockId: "another-id", created: "later" } };
    expect(diagnosisFingerprint(lock)).toMatch(/^[0-9a-f]{16}$/);
    expect(diagnosisFingerprint(otherLock)).toBe(diagnosisFingerprint(lock));
    const iam = diagnosed("aws-access-denied-not-authorized");
    const otherAction = { ...iam, specifics: { ...iam.specifics, action: "iam:TagRole" } };
    expect(diagnosisFingerprint(otherAction)).not.toBe(diagnosisFingerprint(iam));
  });

  it("ignores numbers and ids in model diagnoses' evidence", () => {
    const llm = (line: string): Diagnosis => ({
      ...base,
      source: "llm",
      signatureId: null,
      evidence: [line],
    });
    expect(diagnosisFingerprint(llm("Error: request 1234 failed at 12:00"))).toBe(
      diagnosisFingerprint(llm("Error: request 9876 failed at 13:45")),
    );
  });
});
