import { realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** A path argument that resolves outside every root the client granted. */
export class OutsideRootsError extends Error {
  constructor(path: string) {
    super(`${path} is outside the roots this MCP client granted`);
    this.name = "OutsideRootsError";
  }
}

/** Local directories from the client's `roots/list` answer (file:// URIs only; others are ignored). */
export function rootPaths(roots: readonly { uri: string }[]): string[] {
  return roots.flatMap(({ uri }) => {
    if (!uri.startsWith("file://")) return [];
    try {
      return [fileURLToPath(uri)];
    } catch {
      return [];
    }
  });
}

/**
 * The real path of `path` (relative paths are taken from the first root), when it lies inside one of
 * `roots` after symlinks are resolved on both sides; otherwise an {@link OutsideRootsError}.
 */
export async function confine(path: string, roots: readonly string[]): Promise<string> {
  const base = roots[0];
  if (base === undefined) throw new OutsideRootsError(path);
  const wanted = isAbsolute(path) ? path : resolve(base, path);
  const real = await realpath(wanted).catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      `${path}: ${error.code === "ENOENT" ? "no such file or directory" : (error.code ?? "unreadable")}`,
    );
  });
  for (const root of roots) {
    const realRoot = await realpath(root).catch(() => undefined);
    if (realRoot === undefined) continue;
    const rel = relative(realRoot, real);
    if (rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel))) return real;
  }
  throw new OutsideRootsError(path);
}
