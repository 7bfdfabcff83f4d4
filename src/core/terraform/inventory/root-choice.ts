import picomatch from "picomatch";
import type { Inventory, ModuleDirectory } from "./types.js";

const dirLabel = (dir: string): string => (dir === "" ? "." : dir);

/**
 * Applies the repo config's `terraform.roots` globs: directories they match are the root modules, every
 * other directory is a module. Without globs the inventory's own classification stands.
 */
export function applyRootGlobs(inventory: Inventory, globs: readonly string[]): Inventory {
  if (globs.length === 0) return inventory;
  const match = picomatch(
    globs.map((g) => g.replace(/^\.\/|\/$/g, "") || "."),
    { dot: false },
  );
  const isRoot = (dir: string): boolean => match(dirLabel(dir));
  const directories: ModuleDirectory[] = inventory.directories.map((d) =>
    isRoot(d.dir)
      ? { ...d, role: "root", reason: "matches terraform.roots in .github/devops-agent.yml" }
      : { ...d, role: "module", reason: "not matched by terraform.roots in .github/devops-agent.yml" },
  );
  return {
    ...inventory,
    directories,
    rootModules: directories
      .filter((d) => d.role === "root")
      .map((d) => d.dir)
      .sort(),
  };
}

export type RootChoice =
  | { kind: "chosen"; root: string; why: string }
  | { kind: "ambiguous"; candidates: string[] }
  | { kind: "unknown"; root: string; candidates: string[] };

/**
 * The root module a change goes into: the one asked for (`--root`), the only one there is, or the one the
 * request names ("in staging"); several that fit equally are a question for the user, never a guess.
 */
export function chooseRoot(
  inventory: Inventory,
  options: { requested?: string; request: string },
): RootChoice {
  const candidates = inventory.rootModules;
  if (options.requested !== undefined) {
    const wanted = options.requested.replace(/^\.\/?|\/$/g, "");
    const known = inventory.directories.some((d) => d.dir === wanted);
    return known
      ? { kind: "chosen", root: wanted, why: "--root" }
      : { kind: "unknown", root: dirLabel(wanted), candidates: candidates.map(dirLabel) };
  }
  if (candidates.length <= 1)
    return { kind: "chosen", root: candidates[0] ?? "", why: "the only root module" };
  const words = new Set(options.request.toLowerCase().split(/[^a-z0-9_-]+/));
  const named = candidates.filter(
    (dir) => dir !== "" && dir.split("/").some((part) => words.has(part.toLowerCase())),
  );
  if (named.length === 1) return { kind: "chosen", root: named[0] ?? "", why: "named in the request" };
  return { kind: "ambiguous", candidates: (named.length > 1 ? named : candidates).map(dirLabel) };
}
