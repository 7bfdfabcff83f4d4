import type { ValidationCheck } from "../terraform/checks.js";
import { EXECUTABLE_CODE_PREFIX } from "../terraform/executable/index.js";
import type { Finding, ParsedFile } from "../terraform/types.js";
import type { TableRule } from "./rules/types.js";
import { COST_TABLE, SECURITY_TABLE } from "./table.js";
import type { ReviewConclusion, ReviewFinding, ReviewLevel, ReviewReport, ReviewRule } from "./types.js";
import { type Subject, subjectsOf } from "./values.js";

export interface ReviewInput {
  files: readonly ParsedFile[];
  /** What `validateTree` found and which of its layers ran. */
  validation: { findings: readonly Finding[]; checks: readonly ValidationCheck[]; filesChecked: number };
  /** Files the change touches (relative to the root); omit to review the whole tree. */
  changed?: readonly string[];
}

const LEVEL_ORDER: Readonly<Record<ReviewLevel, number>> = { error: 0, warning: 1, note: 2 };

/** Validator, security and cost findings for a tree, and the conclusion a required check can gate on. */
export function reviewFiles(input: ReviewInput): ReviewReport {
  const subjects = subjectsOf(input.files);
  const byType = new Map<string, Subject[]>();
  for (const s of subjects) byType.set(s.type, [...(byType.get(s.type) ?? []), s]);
  const repo = { ofType: (type: string) => byType.get(type) ?? [] };
  const changed = input.changed === undefined ? null : [...input.changed];
  const inScope = (file: string) => changed === null || changed.includes(file);

  const findings: ReviewFinding[] = input.validation.findings.map(reviewFinding);
  for (const rule of SECURITY_TABLE) findings.push(...apply(rule, subjects, repo));
  // Costs are about what the change adds: on a pull request, only resources in the files it touches.
  for (const rule of COST_TABLE)
    findings.push(
      ...apply(
        rule,
        subjects.filter((s) => inScope(s.file)),
        repo,
      ),
    );
  findings.sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0),
  );

  const checks: ValidationCheck[] = [
    ...input.validation.checks,
    {
      name: "security-table",
      version: `${SECURITY_TABLE.length} rules`,
      ran: true,
      why: "public S3, open ingress, IAM admin/wildcards and open principals, encryption at rest, deletion protection, backups (code that runs: the policy layer)",
      ok: !findings.some((f) => f.source === "security" && f.level === "error" && inScope(f.file)),
    },
    {
      name: "cost-table",
      version: `${COST_TABLE.length} rules`,
      ran: true,
      why: "instance classes and node types, NAT gateways, provisioned capacity (named, not priced)",
      ok: true,
    },
  ];
  return {
    findings,
    rules: rulesOf(findings),
    checks,
    filesChecked: input.validation.filesChecked,
    changed,
    conclusion: conclusionOf(findings.filter((f) => inScope(f.file))),
  };
}

export function conclusionOf(findings: readonly ReviewFinding[]): ReviewConclusion {
  if (findings.some((f) => f.level === "error")) return "failure";
  if (findings.some((f) => f.level === "warning")) return "neutral";
  return "success";
}

function apply(rule: TableRule, subjects: readonly Subject[], repo: Parameters<TableRule["check"]>[1]) {
  return subjects.flatMap((s) =>
    rule.check(s, repo).map((hit): ReviewFinding => ({
      ruleId: rule.id,
      source: rule.source,
      level: hit.level ?? rule.level,
      file: s.file,
      line: hit.path ? s.lineOf(hit.path) : s.line,
      address: s.address,
      message: hit.message,
      suggestion: hit.suggestion ?? null,
    })),
  );
}

/** A validator finding in the review's shape (rule `validator/<code>`). */
export function reviewFinding(f: Finding): ReviewFinding {
  // Code that runs (external data sources, provisioners, foreign modules…) is the security table's
  // "executable constructs" row; the validator's policy layer detects it, so it is not detected twice.
  const executable = f.code.startsWith(EXECUTABLE_CODE_PREFIX);
  return {
    ruleId: executable ? `security/${f.code.replace(/_/g, "-")}` : `validator/${f.code}`,
    source: executable ? "security" : "validator",
    level: f.severity,
    file: f.file,
    line: f.line,
    address: null,
    message: f.message,
    suggestion: f.suggestion,
  };
}

/** Every table rule, plus one rule per validator code that occurred (SARIF results must name a rule). */
export function rulesOf(findings: readonly ReviewFinding[]): ReviewRule[] {
  const table: ReviewRule[] = [...SECURITY_TABLE, ...COST_TABLE].map(
    ({ id, source, level, title, help }) => ({ id, source, level, title, help }),
  );
  const known = new Set(table.map((r) => r.id));
  const codes = [...new Set(findings.filter((f) => !known.has(f.ruleId)).map((f) => f.ruleId))].sort();
  const validator = codes.map((id): ReviewRule => {
    const executable = id.startsWith("security/");
    const name = id.slice(id.indexOf("/") + 1).replace(/[-_]/g, " ");
    return {
      id,
      source: executable ? "security" : "validator",
      level: findings.find((f) => f.ruleId === id)?.level ?? "error",
      title: executable ? `Code that runs: ${name}` : `Terraform validation: ${name}`,
      help: executable
        ? "This construct runs code during init, plan, apply or CI, with the credentials of that step. Review it, or allow it by name in .github/devops-agent.yml."
        : "Found by the offline validator against the AWS provider schema the repository pins; the message says what to change.",
    };
  });
  return [...validator, ...table];
}
