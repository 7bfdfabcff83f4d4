import { lchown, lstat, readdir } from "node:fs/promises";
import { join } from "node:path";

export interface Owner {
  uid: number;
  gid: number;
}

/** The unprivileged identity a root-run app drops to inside the sandbox (`nobody` on Debian). */
export const SANDBOX_USER: Owner = { uid: 65534, gid: 65534 };

/**
 * Gives every entry under `dir` to `owner` and returns a function that gives them back to whoever owned
 * `dir` before. Needed only when the app runs as root: the kernel does not apply the process limit
 * (RLIMIT_NPROC) to root, so the sandbox runs as an unprivileged user, which must be able to write the
 * workspace; files the sandbox created are returned to the original owner too.
 */
export async function lendTree(dir: string, owner: Owner): Promise<() => Promise<void>> {
  const before = await lstat(dir);
  await chownTree(dir, owner);
  return () => chownTree(dir, { uid: before.uid, gid: before.gid });
}

async function chownTree(path: string, owner: Owner): Promise<void> {
  await lchown(path, owner.uid, owner.gid);
  const stat = await lstat(path);
  if (!stat.isDirectory()) return;
  for (const entry of await readdir(path)) await chownTree(join(path, entry), owner);
}
