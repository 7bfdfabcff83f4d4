import { resolve } from "node:path";
import { TerraformRootError } from "../../adapters/terraform/index.js";
import { redact } from "../../core/redact/index.js";
import { type ValidationCheck, checkLines } from "../../core/terraform/checks.js";
import type { Finding } from "../../core/terraform/types.js";
import { validateTree } from "../../validation/index.js";
import { type CliCommand, UsageError } from "../io.js";
import { reviewFinding, rulesOf } from "../../core/review/index.js";
import { sarifArgs, writeSarif } from "../sarif.js";
import { parseCliArgs } from "../io.js";

const HELP = `devops-agent validate DIR [--json] [--terraform] [--sarif[=FILE]]

Checks the Terraform under DIR offline: files parse and are in terraform fmt layout (a warning);
references resolve (variables, locals, resources, data sources, modules and their outputs); attributes
read from resources exist; values have the right shape; no duplicate declarations; local module calls
pass their required inputs; resource types and arguments exist in the bundled AWS provider schema,
required ones are present, with a "did you mean" where a close name exists.

--terraform  also run terraform init -backend=false and terraform validate on each module, in a
             bubblewrap sandbox (no network when a provider mirror is available, workspace-only
             writes, no secrets, time and memory limits), on a copy of DIR; without terraform or
             bubblewrap this says so and only the offline checks count
--json       print {ok, findings[{file,line,severity,code,message,suggestion}],
             checks[{name,version,ran,why,ok}]}
--sarif[=FILE]
             write SARIF 2.1.0 for code scanning to FILE (standard output with - or no FILE);
             locations are relative to the repository root

Output always lists which checks ran and why the others did not.
Exit codes: 0 no errors (warnings allowed); 1 errors found, a check that ran failed, or DIR holds no
Terraform files; 2 bad usage, or DIR is missing or unreadable.`;

interface Flags {
  dir: string;
  json: boolean;
  help: boolean;
  terraform: boolean;
  sarif: string | null;
}

function parseFlags(argv: string[]): Flags {
  const parsed = parseCliArgs({
    args: sarifArgs(argv),
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: "boolean" },
      terraform: { type: "boolean" },
      sarif: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const help = parsed.values.help === true;
  const [dir, ...extra] = parsed.positionals;
  if (!help && (dir === undefined || extra.length > 0))
    throw new UsageError('expected exactly one DIR, e.g. "validate examples/demo-infra"');
  if (parsed.values.json === true && parsed.values.sarif === "-")
    throw new UsageError("--json and --sarif both write to standard output: give --sarif=FILE");
  return {
    dir: dir ?? ".",
    json: parsed.values.json === true,
    help,
    terraform: parsed.values.terraform === true,
    sarif: parsed.values.sarif ?? null,
  };
}

export const validateCommand: CliCommand = {
  help: HELP,
  usage: "validate DIR [--json] [--terraform] [--sarif[=FILE]]",
  summary: "offline checks against the AWS provider schema",
  async run(argv, io) {
    const { dir, json, help, terraform, sarif } = parseFlags(argv);
    if (help) {
      io.stdout(HELP);
      return 0;
    }
    let result;
    try {
      result = await validateTree({ root: resolve(io.cwd, dir), terraform: terraform ? "auto" : "off" });
    } catch (error) {
      if (error instanceof TerraformRootError)
        throw new UsageError(error.message.replace(resolve(io.cwd, dir), dir));
      throw error;
    }
    const empty = result.filesChecked === 0 && result.findings.length === 0;
    const ok = result.ok && !empty;
    if (sarif !== null) {
      const findings = result.findings.map(reviewFinding);
      const used = new Set(findings.map((f) => f.ruleId));
      const report = { findings, rules: rulesOf(findings).filter((r) => used.has(r.id)) };
      await writeSarif(sarif, { ...report, checks: result.checks }, resolve(io.cwd, dir), io);
    }
    if (json) io.stdout(JSON.stringify({ ok, findings: result.findings, checks: result.checks }, null, 2));
    else if (sarif !== "-")
      io.stdout(render(redact(dir), result.findings, result.filesChecked, result.checks));
    if (empty)
      io.stderr(
        redact(
          `devops-agent validate: no Terraform files (.tf, .tf.json, .tofu, .tofu.json) found under ${dir}`,
        ),
      );
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
