import type { RepoConfig } from "../../config/index.js";
import {
  DEFAULT_REGISTRY_HOSTS,
  type ConstructKind,
  type ExecutableConstruct,
  type ExecutablePolicy,
} from "./types.js";

/** The policy a repository's config sets: nothing executable unless listed; the public registries always. */
export function executablePolicy(config: Pick<RepoConfig, "allow" | "allowWorkflowEdits">): ExecutablePolicy {
  const constructs: ConstructKind[] = [...config.allow.constructs];
  if (config.allowWorkflowEdits) constructs.push("github-workflow");
  return {
    constructs,
    moduleSources: config.allow.moduleSources,
    registryHosts: [
      ...new Set([...DEFAULT_REGISTRY_HOSTS, ...config.allow.providerHosts.map((h) => h.toLowerCase())]),
    ],
  };
}

/**
 * The constructs of `after` that `before` (the same file's previous constructs) did not have: what a change
 * added. Identity is the address and value, not the line, so moving a block is not adding it, while
 * pointing an existing module at a new source is.
 */
export function addedConstructs(
  after: readonly ExecutableConstruct[],
  before: readonly ExecutableConstruct[],
): ExecutableConstruct[] {
  const seen = new Map<string, number>();
  for (const c of before) seen.set(key(c), (seen.get(key(c)) ?? 0) + 1);
  return after.filter((c) => {
    const left = seen.get(key(c)) ?? 0;
    if (left === 0) return true;
    seen.set(key(c), left - 1);
    return false;
  });
}

const key = (c: ExecutableConstruct): string =>
  `${c.file}\u0000${c.kind}\u0000${c.address}\u0000${c.value ?? ""}`;
