import { type ValidationCheck, overallOk } from "../core/terraform/checks.js";
import { sharedParser } from "./parse-cache.js";
import { DEFAULT_REPO_CONFIG } from "../core/config/index.js";
import { executablePolicy } from "../core/terraform/executable/index.js";
import { type Finding, dirOf } from "../core/terraform/types.js";
import { sortFindings } from "../core/terraform/validate/index.js";
import { type ValidateDeps, validateDirectoryParsed } from "./offline.js";
import { policyLayer } from "./policy.js";
import { type TerraformLayerDeps, terraformLayer } from "./terraform.js";
import type { ValidationReport, ValidationRequest } from "./types.js";

export type { ValidationCheck, ValidationReport, ValidationRequest } from "./types.js";
export { terraformLayer, type TerraformLayerDeps } from "./terraform.js";
export { type AgentTerraform, agentTerraformFromEnv } from "./terraform-mode.js";
export { policyLayer, type PolicyInput, type PolicyOutcome } from "./policy.js";
export { validateDirectory, validateFiles, type ValidateDeps, type ValidationResult } from "./offline.js";

/**
 * The one entry for validating a Terraform tree: tasks, the agent, the CLI and the MCP server call this.
 * It runs every layer (offline schema checks, real terraform in the sandbox when asked, policy) and says
 * in `checks` which ran, against what, and why the others did not.
 */
export async function validateTree(
  request: ValidationRequest,
  deps: ValidateDeps & { terraformLayer?: TerraformLayerDeps } = {},
): Promise<ValidationReport> {
  const parser = deps.parser ?? sharedParser();
  const offline = await validateDirectoryParsed(request.root, { ...deps, parser });
  const schema = offline.schema.version;
  const changed = request.changed === undefined ? null : new Set(request.changed);
  const findings: Finding[] = offline.findings.filter((f) => changed === null || changed.has(f.file));
  const checks: ValidationCheck[] = [
    {
      name: "offline-schema",
      version: `${schema.provider} ${schema.providerVersion}`,
      ran: true,
      why:
        "HCL parses, terraform fmt layout; references, value types, duplicates, block counts and module " +
        `inputs; resource types and arguments against the ${offline.schema.note}` +
        (offline.schema.constraints === undefined ? "" : `; ${offline.schema.constraints}`),
      ok: !hasError(findings),
    },
  ];
  if (request.terraform === "auto") {
    const dirs = changed === null ? offline.modules : [...new Set([...changed].map(dirOf))].sort();
    const layer = await terraformLayer(request.root, dirs, deps.terraformLayer);
    const own = layer.findings.filter((f) => changed === null || changed.has(f.file));
    findings.push(...own);
    checks.push(layer.check.ran ? { ...layer.check, ok: !hasError(own) } : layer.check);
  } else
    checks.push({
      name: "terraform-validate",
      version: null,
      ran: false,
      why: request.terraformOffWhy ?? "not requested",
      ok: null,
    });
  const policy = await policyLayer({
    files: offline.parsed,
    changed,
    policy: request.policy ?? executablePolicy(DEFAULT_REPO_CONFIG),
    parser,
    ...(request.baseline === undefined ? {} : { baseline: request.baseline }),
  });
  findings.push(...policy.findings);
  checks.push(policy.check);
  return {
    ok: overallOk(findings, checks),
    findings: sortFindings(findings),
    filesChecked: offline.filesChecked,
    checks,
    nearby: policy.nearby,
  };
}

const hasError = (findings: readonly Finding[]): boolean => findings.some((f) => f.severity === "error");
