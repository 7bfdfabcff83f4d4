import { open, rm, stat } from "node:fs/promises";

const STALE_MS = 30_000;
const WAIT_MS = 5;
const GIVE_UP_MS = 10_000;

/**
 * An exclusive lock file (O_EXCL) shared by every process on this host that uses the same data dir. A lock
 * left by a crashed process is broken once it is older than 30 s; no write takes that long.
 */
export async function withFileLock<T>(
  path: string,
  work: () => Promise<T>,
  now: () => number = Date.now,
): Promise<T> {
  const started = now();
  for (;;) {
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const held = await stat(path).catch(() => null);
      if (held && now() - held.mtimeMs > STALE_MS) await rm(path, { force: true });
      else if (now() - started > GIVE_UP_MS)
        throw new Error(`feedback store: lock ${path} held for over ${GIVE_UP_MS / 1000} s`, {
          cause: error,
        });
      else await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    }
  }
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}
