import { resolve } from "node:path";
import { changedSince } from "../../adapters/workspace/index.js";
import { repoPrefix } from "../sarif.js";
import { TerraformRootError } from "../../adapters/terraform/index.js";
import { redact } from "../../core/redact/index.js";
import type { ReviewFinding, ReviewReport } from "../../core/review/index.js";
import { reviewTitle } from "../../core/review/index.js";
import { checkLines } from "../../core/terraform/checks.js";
import { reviewTree } from "../../validation/review.js";
import { type CliCommand, UsageError, parseCliArgs } from "../io.js";
import { sarifArgs, writeSarif } from "../sarif.js";

const HELP = `devops-agent review [DIR] [--base REF] [--json] [--sarif[=FILE]] [--terraform]

Reviews the Terraform under DIR (default .) the way the app's check run reviews a pull request:
validator findings (as validate), the security table (public S3 and missing public access blocks,
0.0.0.0/0 or ::/0 ingress, unencrypted stores, IAM admin and wildcard grants, policies open to any
principal, missing deletion protection or backups) and cost-relevant resources (instance classes,
NAT gateways, provisioned capacity).

--base REF     judge only files changed since REF (committed or not, git diff); the rest is listed
--json         print {findings[], conclusion, checks[]}
--sarif[=FILE] write SARIF 2.1.0 for code scanning to FILE (or standard output with - or no FILE)
--terraform    also run terraform validate in the sandbox (see validate --help)

Exit codes: 0 conclusion success or neutral (warnings); 1 failure (an error in the judged files);
2 bad usage, or DIR is missing or unreadable.`;

interface Flags {
  dir: string;
  base: string | null;
  json: boolean;
  sarif: string | null;
  terraform: boolean;
  help: boolean;
}

function parseFlags(argv: string[]): Flags {
  const parsed = parseCliArgs({
    args: sarifArgs(argv),
    allowPositionals: true,
    strict: true,
    options: {
      base: { type: "string" },
      json: { type: "boolean" },
      sarif: { type: "string" },
      terraform: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [dir, ...extra] = parsed.positionals;
  if (extra.length > 0) throw new UsageError('expected at most one DIR, e.g. "review infra"');
  const { values } = parsed;
  if (values.json === true && values.sarif === "-")
    throw new UsageError("--json and --sarif both write to standard output: give --sarif=FILE");
  return {
    dir: dir ?? ".",
    base: values.base ?? null,
    json: values.json === true,
    sarif: values.sarif ?? null,
    terraform: values.terraform === true,
    help: values.help === true,
  };
}

export const reviewCommand: CliCommand = {
  help: HELP,
  usage: "review [DIR] [--base REF] [--json] [--sarif[=FILE]] [--terraform]",
  summary: "validator, security and cost review of a Terraform tree (text, JSON or SARIF)",
  async run(argv, io) {
    const flags = parseFlags(argv);
    if (flags.help) {
      io.stdout(HELP);
      return 0;
    }
    const root = resolve(io.cwd, flags.dir);
    const changed = flags.base === null ? undefined : await changedFiles(root, flags.base);
    let report: ReviewReport;
    try {
      report = await reviewTree({
        root,
        ...(changed ? { changed } : {}),
        terraform: flags.terraform ? "auto" : "off",
      });
    } catch (error) {
      if (error instanceof TerraformRootError) throw new UsageError(error.message.replace(root, flags.dir));
      throw error;
    }
    if (flags.sarif !== null) await writeSarif(flags.sarif, report, root, io);
    if (flags.json) {
      const { findings, conclusion, checks } = report;
      io.stdout(JSON.stringify({ findings, conclusion, checks }, null, 2));
    } else if (flags.sarif !== "-") io.stdout(render(redact(flags.dir), report));
    return report.conclusion === "failure" ? 1 : 0;
  },
};

/** Files changed between `base` and the working tree, relative to `root` (git names them from the top). */
async function changedFiles(root: string, base: string): Promise<string[]> {
  try {
    const prefix = await repoPrefix(root);
    const names = await changedSince(root, base);
    return names.filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length));
  } catch (error) {
    throw new UsageError(`--base ${base}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const MARK = { error: "error  ", warning: "warning", note: "note   " } as const;

function render(dir: string, report: ReviewReport): string {
  const lines = [`${dir}: ${report.conclusion} — ${reviewTitle(report)}`];
  const byFile = new Map<string, ReviewFinding[]>();
  for (const f of report.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, list] of byFile) {
    const judged = report.changed === null || report.changed.includes(file) ? "" : "  (not changed)";
    lines.push("", `${file}${judged}`);
    for (const f of list) {
      const line = (f.line === null ? "-" : String(f.line)).padStart(5);
      lines.push(`${line}  ${MARK[f.level]}  ${f.ruleId}  ${f.message}`);
      if (f.suggestion) lines.push(`${" ".repeat(16)}→ ${f.suggestion}`);
    }
  }
  lines.push("", "Checks:", ...checkLines(report.checks).map((l) => `  ${l}`));
  return `${lines.join("\n")}\n`;
}
