import picomatch from "picomatch";
import type { Finding } from "../types.js";
import { moduleOrigin, providerHost } from "./sources.js";
import type { ExecutableConstruct, ExecutablePolicy } from "./types.js";

/** Whether the repository's policy allows this construct. Providers and registry modules are judged by host. */
export function isAllowed(construct: ExecutableConstruct, policy: ExecutablePolicy): boolean {
  if (construct.kind === "provider-host") {
    const host = construct.value === null ? null : providerHost(construct.value);
    return host !== null && policy.registryHosts.includes(host);
  }
  if (construct.kind === "module-source") {
    const source = construct.value ?? "";
    const origin = moduleOrigin(source);
    if (origin.kind === "local") return true;
    if (origin.kind === "registry" && policy.registryHosts.includes(origin.host)) return true;
    return policy.moduleSources.some(
      (glob) => glob === source || picomatch.isMatch(source, glob, { dot: true }),
    );
  }
  return policy.constructs.includes(construct.kind);
}

export const EXECUTABLE_CODE_PREFIX = "executable_";

/**
 * Policy findings: an error for a construct the agent wrote that the policy does not allow, a warning for
 * one people wrote (they may have reasons; reviewers should know it runs). Allowed constructs yield none.
 */
export function executableFindings(
  constructs: readonly ExecutableConstruct[],
  policy: ExecutablePolicy,
  written: "agent" | "human",
): Finding[] {
  return constructs
    .filter((c) => !isAllowed(c, policy))
    .map((c) => ({
      file: c.file,
      line: c.line,
      severity: written === "agent" ? "error" : "warning",
      code: `${EXECUTABLE_CODE_PREFIX}${c.kind.replace(/-/g, "_")}`,
      message:
        written === "agent"
          ? `refused by policy: ${c.description}; the agent does not write code that runs before review`
          : `runs code: ${c.description}`,
      suggestion: allowHint(c),
    }));
}

/** Where in `.github/devops-agent.yml` a team says yes to this construct. */
export function allowHint(c: ExecutableConstruct): string {
  if (c.kind === "provider-host")
    return `use a provider from ${policyHosts()}, or list its host under allow.providerHosts`;
  if (c.kind === "module-source")
    return "use a registry or local module, or list the source (a glob) under allow.moduleSources";
  if (c.kind === "github-workflow") return "a person edits workflows (or set allowWorkflowEdits: true)";
  return `list ${c.kind} under allow.constructs if the team accepts it`;
}

const policyHosts = (): string => "registry.terraform.io or registry.opentofu.org";
