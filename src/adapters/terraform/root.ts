import { realpath, stat } from "node:fs/promises";

/** The root itself cannot be scanned: missing, not a directory, or unreadable. */
export class TerraformRootError extends Error {
  override name = "TerraformRootError";
}

/** The real path of a directory to scan, or a `TerraformRootError` saying why it cannot be scanned. */
export async function resolveRoot(root: string): Promise<string> {
  try {
    const real = await realpath(root);
    if (!(await stat(real)).isDirectory()) throw new TerraformRootError(`${root} is not a directory`);
    return real;
  } catch (error) {
    if (error instanceof TerraformRootError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    const reason = code === "ENOENT" ? "no such directory" : code === "EACCES" ? "permission denied" : code;
    throw new TerraformRootError(`cannot read ${root}: ${reason}`);
  }
}
