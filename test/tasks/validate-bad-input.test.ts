// validateFiles on input it must survive: parse errors, non-Terraform files, oversized files, misformatted files, secrets.
import { describe, expect, it } from "@jest/globals";
import { validateFiles } from "../../src/tasks/validate.js";

type Brief = { line: number | null; code: string; suggestion: string | null; severity: string };
const brief = (findings: Brief[]) => findings.map((f) => [f.line, f.code, f.suggestion]);

describe("validateFiles on bad input", () => {
  it("reports a parse error with its line and keeps checking the other files", async () => {
    const result = await validateFiles([
      { path: "bad.tf", content: 'resource "aws_sqs_queue" "q" {\n  name = \n}\n' },
      { path: "good.tf", content: 'resource "aws_sqs_queue" "q" {\n  nme = "x"\n}\n' },
    ]);
    expect(result.ok).toBe(false);
    expect(result.findings.map((f) => [f.file, f.line, f.code])).toEqual([
      ["bad.tf", 2, "parse_error"],
      ["good.tf", 2, "unknown_argument"],
    ]);
  });

  it("skips files that are not Terraform", async () => {
    const result = await validateFiles([
      { path: "lambda/handler.py", content: "def handler(event, context):\n    return {}\n" },
      { path: "README.md", content: "# resource { broken" },
      { path: "q.tf", content: 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n' },
    ]);
    expect(result).toEqual({
      ok: true,
      findings: [],
      filesChecked: 1,
      modules: [""],
      schema: {
        version: expect.objectContaining({ providerVersion: "6.25.0" }),
        note: "offline schema 6.25.0 (no version constraint: terraform installs the newest)",
        constraints:
          "argument constraints (conflicts, one-of, required-with) not checked: they are semantic checks, off for files given without their module",
      },
    });
  });

  it("refuses a file over 2 MiB without parsing it", async () => {
    const content = `# ${"x".repeat(2 * 1024 * 1024)}\n`;
    const result = await validateFiles([{ path: "huge.tf", content }]);
    expect(brief(result.findings)).toEqual([[null, "file_too_large", null]]);
  });

  it("warns, without failing, about a file that is not in terraform fmt layout", async () => {
    const content = 'resource "aws_sqs_queue" "q" {\n  name = "q"\n  delay_seconds = 0\n}\n';
    const result = await validateFiles([{ path: "q.tf", content }]);
    expect(result.ok).toBe(true);
    expect(result.findings).toEqual([
      {
        file: "q.tf",
        line: 2,
        severity: "warning",
        code: "not_formatted",
        message: "not in canonical terraform fmt layout (first difference at line 2)",
        suggestion: "terraform fmt",
      },
    ]);
  });

  it("never lets a secret from a file reach a message", async () => {
    const content = 'resource "aws_sqs_queue" "q" {\n  AKIAIOSFODNN7EXAMPLE = "x"\n}\n';
    const result = await validateFiles([{ path: "q.tf", content }]);
    expect(JSON.stringify(result.findings)).not.toContain("AKIAIOSFODNN7EXAMPLE");
    expect(result.findings[0]?.code).toBe("unknown_argument");
  });
});
