import { join } from "node:path";
import { isTerraformFile } from "../core/terraform/files.js";
import type { ValidationCheck } from "../core/terraform/checks.js";
import type { Redactor } from "../core/redact/index.js";
import { redactDeep } from "../core/redact/index.js";
import type { Finding } from "../core/terraform/types.js";
import { createHclParser } from "../adapters/hcl/index.js";
import { DEFAULT_REPO_CONFIG } from "../core/config/index.js";
import {
  type ExecutableConstruct,
  type ExecutablePolicy,
  executablePolicy,
} from "../core/terraform/executable/index.js";
import { type AgentTerraform, type ValidateDeps, policyLayer, validateTree } from "../validation/index.js";
import type { PythonCheck } from "./python.js";
import type { PythonTests } from "./python-tests.js";

export interface ChangeValidation {
  ok: boolean;
  findings: Finding[];
  /** Checks that could not run here, said plainly (e.g. "python3 not available: handler.py not compiled"). */
  skipped: string[];
  /** Every validation layer, run or not, with why (see `validateTree`). */
  checks: ValidationCheck[];
  /** Code that runs (external, provisioners, remote modules…) which people wrote near the change. */
  nearby: ExecutableConstruct[];
}

/**
 * Validates the files the agent changed: HCL parse, provider schema, canonical format (a warning), and Python
 * compilation. The whole tree is read so references across files resolve, but only the changed files'
 * findings are reported: files the agent did not touch are not its findings to fix.
 */
export async function validateChange(
  root: string,
  paths: readonly string[],
  deps: {
    python: PythonCheck;
    /** Runs the handler tests the change adds (pytest in the sandbox); absent: reported as not run. */
    pythonTests?: PythonTests;
    redactor: Redactor;
    terraform?: ValidateDeps;
    /** What the repo config allows to run (`executablePolicy`); default: nothing beyond the registries. */
    policy?: ExecutablePolicy;
    /** The changed files' content before the change (null: new), so people's constructs are not refused. */
    baseline?: ReadonlyMap<string, string | null>;
    /** Real terraform init + validate on the changed root modules, in the sandbox; default off. */
    realTerraform?: AgentTerraform;
  },
): Promise<ChangeValidation> {
  const findings: Finding[] = [];
  const skipped: string[] = [];
  const checks: ValidationCheck[] = [];
  let nearby: ExecutableConstruct[] = [];
  const scope = {
    ...(deps.policy === undefined ? {} : { policy: deps.policy }),
    ...(deps.baseline === undefined ? {} : { baseline: deps.baseline }),
  };
  if (paths.some(isTerraformFile)) {
    const real = deps.realTerraform;
    const request =
      real?.mode === "auto"
        ? { root, changed: paths, ...scope, terraform: "auto" as const }
        : { root, changed: paths, ...scope, ...(real ? { terraformOffWhy: real.why } : {}) };
    const layer = real?.mode === "auto" ? { terraformLayer: real.layer } : {};
    const report = await validateTree(request, { ...deps.terraform, ...layer });
    findings.push(...report.findings);
    checks.push(...report.checks);
    nearby = report.nearby;
  } else if (paths.length > 0) {
    // No Terraform, but a workflow or an action runs code too: the policy layer alone.
    const policy = await policyLayer({
      files: [],
      changed: new Set(paths),
      policy: deps.policy ?? executablePolicy(DEFAULT_REPO_CONFIG),
      parser: deps.terraform?.parser ?? createHclParser(),
    });
    findings.push(...policy.findings);
    checks.push(policy.check);
  }
  const python = paths.filter((p) => p.endsWith(".py"));
  let compiled = 0;
  for (const path of python) {
    const result = await deps.python(join(root, path), path);
    if (result === null) skipped.push(`python3 is not available: ${path} was not compiled`);
    else {
      compiled += 1;
      findings.push(...result);
    }
  }
  if (python.length > 0) checks.push(pythonCheck(python.length, compiled, findings));
  const tests = python.filter((p) => /(?:^|\/)test_[^/]*\.py$/.test(p));
  if (tests.length > 0) {
    const check = await handlerTests(root, tests, deps.pythonTests, findings);
    checks.push(check.check);
    if (check.skipped !== null) skipped.push(check.skipped);
  }
  const safe = redactDeep(findings, deps.redactor);
  const ok = !safe.some((f) => f.severity === "error") && !checks.some((c) => c.ran && c.ok === false);
  return { ok, findings: safe, skipped, checks, nearby };
}

function pythonCheck(total: number, compiled: number, findings: readonly Finding[]): ValidationCheck {
  const failed = findings.some((f) => f.severity === "error" && f.file.endsWith(".py"));
  if (compiled === 0)
    return { name: "python-compile", version: null, ran: false, why: "python3 is not available", ok: null };
  return {
    name: "python-compile",
    version: null,
    ran: true,
    why: `${compiled} of ${total} Python file(s) compiled with python3 -m py_compile`,
    ok: !failed,
  };
}

/**
 * The handler tests a change adds, once its Python compiles: their failures are findings like the
 * validator's (so the repair rounds see them), and the check says whether they ran, passed or why not.
 */
async function handlerTests(
  root: string,
  tests: readonly string[],
  run: PythonTests | undefined,
  findings: Finding[],
): Promise<{ check: ValidationCheck; skipped: string | null }> {
  const notRun = (why: string) => ({
    check: { name: "python-tests", version: null, ran: false, why, ok: null },
    skipped: why,
  });
  if (run === undefined) return notRun("no test runner configured: handler tests not run");
  if (findings.some((f) => f.severity === "error" && f.code === "python_syntax"))
    return notRun("the Python does not compile: handler tests not run");
  const outcome = await run(root, tests);
  if (outcome.status === "skipped") return notRun(outcome.why);
  findings.push(...outcome.findings);
  return {
    check: {
      name: "python-tests",
      version: null,
      ran: true,
      why: `pytest in the sandbox (no network): ${outcome.why}`,
      ok: outcome.status === "passed",
    },
    skipped: null,
  };
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
