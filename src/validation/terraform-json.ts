import { posix } from "node:path";
import { z } from "zod";
import { redact } from "../core/redact/index.js";
import type { Finding } from "../core/terraform/types.js";

const Diagnostic = z.object({
  severity: z.enum(["error", "warning"]),
  summary: z.string(),
  detail: z.string().optional(),
  range: z.object({ filename: z.string(), start: z.object({ line: z.number() }) }).optional(),
});
const ValidateOutput = z.object({ valid: z.boolean(), diagnostics: z.array(Diagnostic) });

/**
 * `terraform validate -json` diagnostics as findings, paths made relative to the scanned root. Output that
 * is not the documented JSON becomes one error saying so, never a silent pass.
 */
export function parseValidateJson(stdout: string, dir: string): Finding[] {
  let parsed;
  try {
    parsed = ValidateOutput.safeParse(JSON.parse(stdout) as unknown);
  } catch {
    parsed = null;
  }
  if (parsed === null || !parsed.success)
    return [
      {
        file: dir,
        line: null,
        severity: "error",
        code: "terraform_validate",
        message: redact(`terraform validate did not print its JSON report: ${stdout.slice(0, 200)}`),
        suggestion: null,
      },
    ];
  return parsed.data.diagnostics.map((d) => ({
    file: d.range === undefined ? dir : posix.join(dir, d.range.filename),
    line: d.range?.start.line ?? null,
    severity: d.severity,
    code: "terraform_validate",
    message: redact(`${d.summary}${d.detail ? `: ${d.detail.replace(/\s+/g, " ").slice(0, 400)}` : ""}`),
    suggestion: null,
  }));
}
