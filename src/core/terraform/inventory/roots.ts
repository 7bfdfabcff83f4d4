import type { ModuleCall, ModuleDirectory } from "./types.js";

export interface DirectoryFacts {
  dir: string;
  files: string[];
  hasBackend: boolean;
  hasProviderBlock: boolean;
}

/**
 * Which directories Terraform would be run in. The rule, in order:
 * 1. a `backend` or `cloud` block makes a root (state lives there);
 * 2. a directory another scanned directory calls as a local module (`source = "./…"`/`"../…"`) is a module;
 * 3. a `provider` block makes a root (reusable modules should not configure providers);
 * 4. a directory under a `modules/` folder is a module (a published or not-yet-used module);
 * 5. anything else is a root: a plain `main.tf` project relying on the default provider.
 */
export function classifyDirectories(facts: DirectoryFacts[], calls: ModuleCall[]): ModuleDirectory[] {
  const called = new Map<string, string>();
  for (const call of calls) {
    if (call.localDir !== null && call.localDir !== call.dir && !called.has(call.localDir)) {
      called.set(call.localDir, `called as module "${call.name}" from ${call.dir || "."}`);
    }
  }
  return facts.map(({ dir, files, hasBackend, hasProviderBlock }) => {
    const calledBy = called.get(dir);
    if (hasBackend) return { dir, files, role: "root", reason: "declares a backend" };
    if (calledBy !== undefined) return { dir, files, role: "module", reason: calledBy };
    if (hasProviderBlock) return { dir, files, role: "root", reason: "configures a provider" };
    if (/(^|\/)modules(\/|$)/.test(dir))
      return { dir, files, role: "module", reason: "lives under a modules/ folder" };
    return { dir, files, role: "root", reason: "not used as a module" };
  });
}

/** The directory a local module source points at, relative to the scanned root; null when not local. */
export function resolveLocalSource(dir: string, source: string | null): string | null {
  if (source === null || !(source.startsWith("./") || source.startsWith("../"))) return null;
  const parts = dir === "" ? [] : dir.split("/");
  for (const part of source.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}
