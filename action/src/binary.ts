import { realpathSync } from "node:fs";
import { basename, isAbsolute, relative, sep } from "node:path";

/** The programs the Action may run to plan: looked up on PATH by exactly this name. */
const NAMES = new Set(["terraform", "tofu"]);

/**
 * The `terraform-binary` input made safe to spawn: `terraform` or `tofu` (found on PATH), or an absolute path
 * to one of them inside the runner's tool cache (where setup-terraform and setup-opentofu install), symlinks
 * resolved. Anything else — another program, a relative path, shell text — is refused before any credential
 * is requested. Nothing here ever reaches a shell: the value is the file argument of spawn.
 */
export function terraformBinary(value: string, env: NodeJS.ProcessEnv): string {
  if (NAMES.has(value)) return value;
  if (!isAbsolute(value)) {
    throw new Error(
      `expected "terraform", "tofu", or an absolute path in the runner's tool cache; got ${show(value)}`,
    );
  }
  if (!/^[\w./+@-]+$/.test(value) || value.split("/").includes("..")) {
    throw new Error(
      `the path may hold only letters, digits and . _ - + @ /, without .. segments; got ${show(value)}`,
    );
  }
  const cache = env.RUNNER_TOOL_CACHE;
  if (!cache || !isAbsolute(cache)) {
    throw new Error(
      "a path is accepted only inside the runner's tool cache, and RUNNER_TOOL_CACHE is not set",
    );
  }
  let real: string;
  let realCache: string;
  try {
    real = realpathSync(value);
    realCache = realpathSync(cache);
  } catch {
    throw new Error(`${show(value)} does not exist`);
  }
  const inside = relative(realCache, real);
  if (inside === "" || inside.startsWith(`..${sep}`) || inside === ".." || isAbsolute(inside)) {
    throw new Error(`${show(value)} is outside the runner's tool cache (${cache})`);
  }
  if (!NAMES.has(basename(real))) {
    throw new Error(`${show(value)} is not a terraform or tofu executable (its file is ${basename(real)})`);
  }
  return real;
}

function show(value: string): string {
  return JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value);
}
