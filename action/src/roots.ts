import { realpath, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";

// Directory names as Terraform repositories use them; anything else (`;`, `$`, quotes, spaces, control
// characters) is far more likely an injection attempt than a root, so it is refused rather than guessed at.
const ROOT = /^(?:\/|\.\/)?(?:[\w@+=-][\w.@+=-]*|\.{1,2})(?:\/(?:[\w@+=-][\w.@+=-]*|\.{1,2}))*\/?$/;
const MAX_ROOTS = 50;

/**
 * `working-directory` as a list: one root per line or comma, each trimmed and checked on its own. Spaces
 * never split (a root list is not shell words), so `; rm -rf /` is one invalid root, not three roots.
 */
export function parseRoots(text: string): string[] {
  const roots = text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
  if (roots.length === 0) throw new Error("expected at least one directory");
  if (roots.length > MAX_ROOTS) throw new Error(`expected at most ${MAX_ROOTS} directories`);
  for (const root of roots) {
    if (root !== "/" && !ROOT.test(root))
      throw new Error(
        `${JSON.stringify(root)} is not a directory path (letters, digits, . _ - @ + = and /, one per line or comma)`,
      );
  }
  return roots;
}

export interface ConfinedRoot {
  /** The root as the user wrote it, for messages and comment markers. */
  root: string;
  /** Its real path, inside the workspace. */
  dir: string;
}

/**
 * Resolves every root inside the workspace, following symlinks: `../`, an absolute path elsewhere, or a
 * symlink pointing out all fail before any credentials are requested. A root that does not exist is left
 * for the plan step to report, unless its nearest existing parent already escapes.
 */
export async function confineRoots(roots: string[], workspace: string): Promise<ConfinedRoot[]> {
  const base = await realpath(workspace);
  const out: ConfinedRoot[] = [];
  for (const root of roots) {
    const lexical = resolve(base, root);
    if (!inside(base, lexical))
      throw new Error(`working-directory ${root} resolves to ${lexical}, outside the workspace ${base}`);
    const real = await realExisting(lexical);
    if (!inside(base, real))
      throw new Error(`working-directory ${root} leads outside the workspace ${base} through a symlink`);
    out.push({ root, dir: (await isDirectory(lexical)) ? real : lexical });
  }
  return out;
}

function inside(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/** The real path of `path`, or of its nearest existing ancestor when it does not exist. */
async function realExisting(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = resolve(path, "..");
    return parent === path ? path : realExisting(parent);
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
