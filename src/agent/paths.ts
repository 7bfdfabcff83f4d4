import type { RepoConfig } from "../core/config/index.js";

/** The agent's own settings: changing them would let a request raise its own budgets or unprotect paths. */
const ALWAYS_PROTECTED = [".github/devops-agent.yml", ".github/devops-agent.yaml"];
const WORKFLOWS = ".github/workflows/**";

export type PathCheck = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Checks a path the model gave against the workspace rules, before the filesystem is touched: relative,
 * no `..`, nothing under `.git`. Returns the normalised relative path with `/` separators.
 */
export function checkRelativePath(input: string): PathCheck {
  if (input.length === 0 || input.length > 400) return { ok: false, reason: "path must be 1-400 characters" };
  // eslint-disable-next-line no-control-regex -- control characters in a path are the thing refused
  if (/[\u0000-\u001f]/.test(input)) return { ok: false, reason: "path contains control characters" };
  if (input.includes("\\")) return { ok: false, reason: "use / as the path separator" };
  if (input.startsWith("/") || /^[A-Za-z]:/.test(input) || input.startsWith("~")) {
    return {
      ok: false,
      reason: "absolute paths are outside the workspace; give a path relative to the repository root",
    };
  }
  const segments = input.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.includes("..")) return { ok: false, reason: "'..' would leave the workspace" };
  if (segments.some((s) => s.toLowerCase() === ".git")) {
    return {
      ok: false,
      reason: ".git holds repository internals (and credentials); the agent never touches it",
    };
  }
  return { ok: true, path: segments.join("/") };
}

/** The protected-path globs that apply, given the repo config. */
export function protectedGlobs(config: Pick<RepoConfig, "protectedPaths" | "allowWorkflowEdits">): string[] {
  const configured = config.allowWorkflowEdits
    ? config.protectedPaths.filter((glob) => glob !== WORKFLOWS)
    : [...config.protectedPaths, ...(config.protectedPaths.includes(WORKFLOWS) ? [] : [WORKFLOWS])];
  return [...configured, ...ALWAYS_PROTECTED];
}

/** The glob protecting `path`, or null. */
export function protectedBy(path: string, globs: readonly string[]): string | null {
  return globs.find((glob) => globToRegExp(glob).test(path) || globToRegExp(glob).test(`${path}/`)) ?? null;
}

/** `**` crosses directories, `*` and `?` stay within one; a trailing `/` or `/**` covers everything below. */
export function globToRegExp(glob: string): RegExp {
  const normalised = glob.replace(/^\.\//, "").replace(/\/$/, "/**");
  let out = "";
  for (let i = 0; i < normalised.length; i++) {
    const c = normalised[i] ?? "";
    if (c === "*" && normalised[i + 1] === "*") {
      const slash = normalised[i + 2] === "/";
      out += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else out += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`, "i");
}
