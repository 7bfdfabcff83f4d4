import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Redactor } from "../core/redact/index.js";
import { redactDeep } from "../core/redact/index.js";
import type { Finding } from "../core/terraform/types.js";
import { validateFiles, type ValidateDeps } from "../tasks/validate.js";
import type { PythonCheck } from "./python.js";

export interface ChangeValidation {
  ok: boolean;
  findings: Finding[];
  /** Checks that could not run here, said plainly (e.g. "python3 not available: handler.py not compiled"). */
  skipped: string[];
}

const isTerraform = (path: string): boolean => path.endsWith(".tf") || path.endsWith(".tf.json");

/**
 * Validates the files the agent changed: HCL parse, provider schema, canonical format (a warning), and Python
 * compilation. Files the agent did not touch are not its findings to fix.
 */
export async function validateChange(
  root: string,
  paths: readonly string[],
  deps: { python: PythonCheck; redactor: Redactor; terraform?: ValidateDeps },
): Promise<ChangeValidation> {
  const terraform = await Promise.all(
    paths
      .filter(isTerraform)
      .map(async (path) => ({ path, content: await readFile(join(root, path), "utf8") })),
  );
  const findings: Finding[] = [];
  const skipped: string[] = [];
  if (terraform.length > 0) findings.push(...(await validateFiles(terraform, deps.terraform)).findings);
  for (const path of paths.filter((p) => p.endsWith(".py"))) {
    const result = await deps.python(join(root, path), path);
    if (result === null) skipped.push(`python3 is not available: ${path} was not compiled`);
    else findings.push(...result);
  }
  const safe = redactDeep(findings, deps.redactor);
  return { ok: !safe.some((f) => f.severity === "error"), findings: safe, skipped };
}

/** Findings as the model reads them: one line each, errors first. */
export function findingsText(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const where = f.line === null ? f.file : `${f.file}:${f.line}`;
      const hint = f.suggestion === null ? "" : ` (suggestion: ${f.suggestion})`;
      return `- ${f.severity} ${f.code} at ${where}: ${f.message}${hint}`;
    })
    .join("\n");
}
