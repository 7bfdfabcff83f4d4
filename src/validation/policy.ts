import type { HclParser } from "../adapters/hcl/index.js";
import { isTerraformFile } from "../adapters/terraform/index.js";
import type { ValidationCheck } from "../core/terraform/checks.js";
import {
  type ExecutableConstruct,
  type ExecutablePolicy,
  addedConstructs,
  ciConstruct,
  executableFindings,
  findExecutableConstructs,
  isAllowed,
} from "../core/terraform/executable/index.js";
import { type Finding, type ParsedFile, dirOf } from "../core/terraform/types.js";

export interface PolicyInput {
  /** Every parsed Terraform file of the tree. */
  files: readonly ParsedFile[];
  /** The agent's files; null when nobody in particular wrote the tree (`validate DIR`). */
  changed: ReadonlySet<string> | null;
  /** What the changed files held before the change (null: new file); absent paths count as new. */
  baseline?: ReadonlyMap<string, string | null>;
  policy: ExecutablePolicy;
  parser: HclParser;
}

export interface PolicyOutcome {
  check: ValidationCheck;
  findings: Finding[];
  /** Constructs people wrote in the modules the change touches, for the PR body (not findings to fix). */
  nearby: ExecutableConstruct[];
}

/**
 * The policy layer: code that runs during init, plan, apply or in CI. What the agent added and the policy
 * does not allow is an error; what people wrote is a warning for a whole-tree check, and is named
 * (not reported as the agent's problem) when checking a change.
 */
export async function policyLayer(input: PolicyInput): Promise<PolicyOutcome> {
  const all = findExecutableConstructs(input.files);
  let findings: Finding[];
  let nearby: ExecutableConstruct[] = [];
  if (input.changed === null) findings = executableFindings(all, input.policy, "human");
  else {
    const own: ExecutableConstruct[] = [];
    for (const path of input.changed) {
      const ci = ciConstruct(path);
      if (ci !== null) own.push(ci);
      if (!isTerraformFile(path)) continue;
      const now = all.filter((c) => c.file === path);
      own.push(...addedConstructs(now, await previous(path, input)));
    }
    const mine = new Set(own);
    const dirs = new Set([...input.changed].map(dirOf));
    nearby = all.filter((c) => !mine.has(c) && dirs.has(dirOf(c.file)) && worthNaming(c, input.policy));
    findings = executableFindings(own, input.policy, "agent");
  }
  const hosts = input.policy.registryHosts.join(", ");
  const allowed = [...input.policy.constructs, ...input.policy.moduleSources];
  const check: ValidationCheck = {
    name: "policy",
    version: null,
    ran: true,
    why:
      `code that runs in init, plan, apply or CI (external data sources, provisioners, module sources and ` +
      `providers outside ${hosts}, workflows and actions); allowed by the repo config: ` +
      `${allowed.length > 0 ? allowed.join(", ") : "nothing else"}`,
    ok: !findings.some((f) => f.severity === "error"),
  };
  return { check, findings, nearby };
}

async function previous(path: string, input: PolicyInput): Promise<ExecutableConstruct[]> {
  const content = input.baseline?.get(path);
  if (content === undefined || content === null) return [];
  const parsed = await input.parser.parse(path, content);
  // An old version that no longer parses vouches for nothing: everything now in the file counts as added.
  return parsed.ok ? findExecutableConstructs([{ path, content, body: parsed.body }]) : [];
}

/** Registry providers and modules are everyday Terraform; everything else is named even when allowed. */
function worthNaming(c: ExecutableConstruct, policy: ExecutablePolicy): boolean {
  return !((c.kind === "provider-host" || c.kind === "module-source") && isAllowed(c, policy));
}
