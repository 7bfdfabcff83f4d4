import { globMatches, type RepoConfig } from "../core/config/index.js";

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

/**
 * The protected-path globs that apply, given the repo config, in order: the last glob that matches a path
 * decides, `!glob` lifts. Workflows stay protected even if the config drops its globs, unless
 * `allowWorkflowEdits`; the agent's own config always is.
 */
export function protectedGlobs(config: Pick<RepoConfig, "protectedPaths" | "allowWorkflowEdits">): string[] {
  const configured = config.protectedPaths.filter(
    (glob) => !(config.allowWorkflowEdits && glob === WORKFLOWS),
  );
  if (config.allowWorkflowEdits) configured.push(`!${WORKFLOWS}`);
  else if (!configured.includes(WORKFLOWS)) configured.push(WORKFLOWS);
  return [...configured, ...ALWAYS_PROTECTED];
}

/**
 * Paths under `.github/workflows/`: GitHub refuses an app's push that touches them without the `workflows`
 * permission, which this app never asks for. Writers that are not the agent (setup) check this too.
 */
export function isWorkflowPath(path: string): boolean {
  return protectedBy(path, [WORKFLOWS]) !== null || /^\.github\/workflows(\/|$)/i.test(path);
}

/** The glob protecting `path`, or null (the last matching glob decides; `!glob` lifts). */
export function protectedBy(path: string, globs: readonly string[]): string | null {
  let hit: string | null = null;
  for (const glob of globs) {
    if (glob.startsWith("!")) {
      if (hit !== null && globMatches(glob.slice(1), path)) hit = null;
    } else if (globMatches(glob, path)) hit = glob;
  }
  return hit;
}
