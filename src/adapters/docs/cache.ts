import { createHash } from "node:crypto";
import {
  chmod,
  lstat,
  mkdir,
  readFile,
  readdir,
  rename,
  stat,
  unlink,
  utimes,
  writeFile,
} from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

const EntrySchema = z.object({
  version: z.literal(1),
  url: z.string(),
  body: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  fetchedAt: z.number(),
  expiresAt: z.number(),
  truncated: z.boolean(),
});

export type CacheEntry = z.infer<typeof EntrySchema>;

const ENTRY_FILE = /^[0-9a-f]{64}\.json$/;

export interface DiskCache {
  read(url: string): Promise<CacheEntry | undefined>;
  write(entry: CacheEntry): Promise<void>;
}

export interface DiskCacheOptions {
  dir: string;
  maxBytes: number;
  now: () => number;
}

/**
 * One JSON file per URL. The file's mtime is its last use (set from the injected clock), so eviction is LRU
 * without an index file that could itself go corrupt. Unreadable entries are dropped, never fatal.
 */
export function createDiskCache(options: DiskCacheOptions): DiskCache {
  const fileOf = (url: string): string =>
    join(options.dir, `${createHash("sha256").update(url).digest("hex")}.json`);
  let counter = 0;
  let checked: Promise<boolean> | undefined;
  // Once per process: a cache another user can write to could feed the model planted "documentation".
  const usable = () => (checked ??= privateDir(options.dir));
  return {
    async read(url) {
      if (!(await usable())) return undefined;
      const file = fileOf(url);
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch {
        return undefined;
      }
      const entry = parseEntry(text);
      if (entry?.url !== url) {
        await unlink(file).catch(() => undefined);
        return undefined;
      }
      const seconds = options.now() / 1000;
      await utimes(file, seconds, seconds).catch(() => undefined);
      return entry;
    },
    async write(entry) {
      if (!(await usable())) return;
      const file = fileOf(entry.url);
      counter += 1;
      const temp = `${file}.${process.pid}.${counter}.tmp`;
      await writeFile(temp, JSON.stringify(entry));
      const seconds = options.now() / 1000;
      await utimes(temp, seconds, seconds);
      await rename(temp, file);
      await evict(options.dir, options.maxBytes, file);
    },
  };
}

/**
 * Creates `dir` with mode 0700, or checks the one that exists: a real directory (not a symlink) owned by
 * this user, with no access for group or others (tightened when it is ours). Anything else: no cache.
 */
export async function privateDir(dir: string): Promise<boolean> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const info = await lstat(dir);
    if (!info.isDirectory()) return false;
    if (typeof process.getuid === "function" && info.uid !== process.getuid()) return false;
    if ((info.mode & 0o077) !== 0) await chmod(dir, 0o700);
    return true;
  } catch {
    return false;
  }
}

function parseEntry(text: string): CacheEntry | undefined {
  try {
    const parsed = EntrySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Removes least recently used entries until the folder fits `maxBytes`; the entry just written is kept. */
async function evict(dir: string, maxBytes: number, keep: string): Promise<void> {
  // Only our own entry files: a cache folder pointed at a folder with other JSON files must never delete them.
  const names = (await readdir(dir)).filter((name) => ENTRY_FILE.test(name));
  const files = await Promise.all(
    names.map(async (name) => {
      const path = join(dir, name);
      const info = await stat(path).catch(() => undefined);
      return { path, size: info?.size ?? 0, used: info?.mtimeMs ?? 0 };
    }),
  );
  let total = files.reduce((sum, f) => sum + f.size, 0);
  for (const file of files.sort((a, b) => a.used - b.used)) {
    if (total <= maxBytes) break;
    if (file.path === keep) continue;
    await unlink(file.path).catch(() => undefined);
    total -= file.size;
  }
}
