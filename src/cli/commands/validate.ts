import { resolve } from "node:path";
import { TerraformRootError } from "../../adapters/terraform/index.js";
import { redact } from "../../core/redact/index.js";
import { type ValidationCheck, checkLines } from "../../core/terraform/checks.js";
import type { Finding } from "../../core/terraform/types.js";
import { validateTree } from "../../validation/index.js";
import { type CliCommand, UsageError } from "../io.js";
import { parseDirFlags } from "../dir-flags.js";

const HELP = `devops-agent validate DIR [--json]

Checks the Terraform under DIR offline against the bundled AWS provider schema: unknown resource and
data source types, unknown arguments and blocks, missing required ones, attributes written as blocks
and the reverse, with a "did you mean" where a close name exists; files that do not parse; files not in
terraform fmt layout (a warning). Only aws_* types are checked; modules and other providers are skipped.

--json   print {ok, findings[{file,line,severity,code,message,suggestion}], checks[{name,version,ran,why,ok}]}

Exit codes: 0 no errors (warnings allowed); 1 errors found, or DIR holds no Terraform files;
2 bad usage, or DIR is missing or unreadable.`;

export const validateCommand: CliCommand = {
  help: HELP,
  usage: "validate DIR [--json]",
  summary: "offline checks against the AWS provider schema",
  async run(argv, io) {
    const { dir, json, help } = parseDirFlags("validate", argv);
    if (help) {
      io.stdout(HELP);
      return 0;
    }
    let result;
    try {
      result = await validateTree({ root: resolve(io.cwd, dir) });
    } catch (error) {
      if (error instanceof TerraformRootError)
        throw new UsageError(error.message.replace(resolve(io.cwd, dir), dir));
      throw error;
    }
    const empty = result.filesChecked === 0 && result.findings.length === 0;
    const ok = result.ok && !empty;
    if (json) io.stdout(JSON.stringify({ ok, findings: result.findings, checks: result.checks }, null, 2));
    else io.stdout(render(redact(dir), result.findings, result.filesChecked, result.checks));
    if (empty)
      io.stderr(redact(`devops-agent validate: no Terraform files (.tf, .tf.json) found under ${dir}`));
    return ok ? 0 : 1;
  },
};

/** One table per file: LINE, SEVERITY, CODE, MESSAGE, and the suggestion on its own line when there is one. */
function render(
  dir: string,
  findings: Finding[],
  filesChecked: number,
  checks: readonly ValidationCheck[],
): string {
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  const schema = checks.find((c) => c.name === "offline-schema")?.version ?? "the AWS provider schema";
  const summary = `${dir}: ${filesChecked} Terraform file(s) checked against ${schema}: ${errors} error(s), ${warnings} warning(s)`;
  const ran = ["", "Checks:", ...checkLines(checks).map((l) => `  ${l}`)].join("\n");
  if (findings.length === 0) return `${summary}\nNo problems found.\n${ran}`;
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  const lines = [summary];
  const codeWidth = Math.max(...findings.map((f) => f.code.length));
  for (const [file, list] of byFile) {
    lines.push("", file || "(directory)");
    for (const f of list) {
      const line = (f.line === null ? "-" : String(f.line)).padStart(5);
      lines.push(`${line}  ${f.severity.padEnd(7)}  ${f.code.padEnd(codeWidth)}  ${f.message}`);
      if (f.suggestion !== null) lines.push(`${" ".repeat(5 + 2 + 7 + 2 + codeWidth + 2)}→ ${f.suggestion}`);
    }
  }
  return `${lines.join("\n")}\n${ran}`;
}
