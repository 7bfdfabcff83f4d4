import { lstat, mkdir, open, readdir, realpath, writeFile } from "node:fs/promises";
import { join, sep } from "node:path";
import { CHANGE_LIMITS, textProblem } from "./limits.js";
import { checkRelativePath, protectedBy } from "./paths.js";

export class WorkspaceRefusal extends Error {
  override name = "WorkspaceRefusal";
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(reason);
  }
}

export interface ReadResult {
  content: string;
  bytes: number;
  truncated: boolean;
}

export interface SearchMatch {
  path: string;
  line: number;
  text: string;
}

/** The repository checkout as the agent's tools see it: confined, never following symlinks, never in `.git`. */
export interface Workspace {
  readonly root: string;
  list(dir: string, limit: number): Promise<{ paths: string[]; truncated: boolean }>;
  read(path: string, maxBytes: number): Promise<ReadResult>;
  /** True for an existing regular file; refuses like `read` for paths the agent may not see. */
  exists(path: string): Promise<boolean>;
  /**
   * Lines containing `needle`. Each file is redacted whole before lines are matched and cut, so a key
   * block is seen whole and a cut line never holds half a secret.
   */
  search(
    needle: string,
    limits: { maxMatches: number; maxFileBytes: number; redact: (text: string) => string },
  ): Promise<SearchMatch[]>;
  /** Returns whether the file was created or modified. */
  write(path: string, content: string): Promise<"create" | "modify">;
  /** What each written file held before the run's first write to it (null: it did not exist). */
  originals(): ReadonlyMap<string, string | null>;
}

const SKIPPED_DIRS = new Set([".git", "node_modules", ".terraform"]);
const MAX_WALK_ENTRIES = 20_000;
// A search reads at most this much in total, however large the repository.
const MAX_SEARCH_TOTAL_BYTES = 64 * 1024 * 1024;

export async function openWorkspace(dir: string, protectedGlobs: readonly string[]): Promise<Workspace> {
  const originals = new Map<string, string | null>();
  // The latest size of each file this run wrote, for the per-change caps.
  const written = new Map<string, number>();
  const root = await realpath(dir).catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      `agent workspace ${dir}: ${error.code === "ENOENT" ? "no such directory" : (error.code ?? "unreadable")}`,
    );
  });

  /** Refuses the path unless every existing component is a plain directory (no symlink hops). */
  async function confine(input: string, purpose: "read" | "write" | "list"): Promise<string> {
    const checked = checkRelativePath(input === "" && purpose === "list" ? "." : input);
    if (!checked.ok) throw new WorkspaceRefusal(input, checked.reason);
    if (purpose === "write") {
      const glob = protectedBy(checked.path, protectedGlobs);
      if (glob !== null) {
        throw new WorkspaceRefusal(
          checked.path,
          `protected by the repository config (${glob}); a human must edit it`,
        );
      }
    }
    let current = root;
    for (const segment of checked.path.split("/").filter(Boolean)) {
      current = join(current, segment);
      const stat = await lstat(current).catch(() => null);
      if (stat === null) break;
      if (stat.isSymbolicLink()) throw new WorkspaceRefusal(checked.path, "symbolic links are not followed");
    }
    return checked.path;
  }

  async function walk(start: string, visit: (path: string) => boolean | Promise<boolean>): Promise<void> {
    const queue = [start];
    let seen = 0;
    while (queue.length > 0) {
      const dir = queue.shift() ?? "";
      const entries = await readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
      entries.sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const entry of entries) {
        if (++seen > MAX_WALK_ENTRIES) return;
        const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
        if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) queue.push(path);
        else if (entry.isFile() && !(await visit(path))) return;
      }
    }
  }

  return {
    root,
    async list(dir, limit) {
      const start = await confine(dir, "list");
      const paths: string[] = [];
      let truncated = false;
      await walk(start, (path) => {
        if (paths.length >= limit) return !(truncated = true);
        paths.push(path);
        return true;
      });
      return { paths, truncated };
    },
    async read(input, maxBytes) {
      const path = await confine(input, "read");
      const stat = await lstat(join(root, path)).catch(() => null);
      if (stat === null) throw new WorkspaceRefusal(path, "no such file");
      if (!stat.isFile()) throw new WorkspaceRefusal(path, "not a regular file");
      const buffer = await readHead(join(root, path), Math.min(stat.size, maxBytes));
      if (buffer.includes(0)) throw new WorkspaceRefusal(path, "binary file; only text files can be read");
      return { content: buffer.toString("utf8"), bytes: stat.size, truncated: stat.size > maxBytes };
    },
    async exists(input) {
      const path = await confine(input, "read");
      const stat = await lstat(join(root, path)).catch(() => null);
      return stat !== null && stat.isFile();
    },
    async search(needle, limits) {
      const matches: SearchMatch[] = [];
      const wanted = needle.toLowerCase();
      let budget = MAX_SEARCH_TOTAL_BYTES;
      await walk("", async (path) => {
        const buffer = await readHead(join(root, path), limits.maxFileBytes).catch(() => null);
        if (buffer === null) return true;
        budget -= buffer.length;
        if (budget < 0) return false;
        if (buffer.includes(0)) return true;
        const raw = buffer.toString("utf8");
        if (!raw.toLowerCase().includes(wanted)) return true;
        limits
          .redact(raw)
          .split("\n")
          .forEach((text, i) => {
            if (matches.length < limits.maxMatches && text.toLowerCase().includes(wanted)) {
              matches.push({ path, line: i + 1, text: text.trim().slice(0, 200) });
            }
          });
        return matches.length < limits.maxMatches;
      });
      return matches;
    },
    async write(input, content) {
      const path = await confine(input, "write");
      const problem = textProblem(content);
      if (problem !== null) throw new WorkspaceRefusal(path, problem);
      checkChangeLimits(written, path, Buffer.byteLength(content, "utf8"));
      const target = join(root, path);
      const stat = await lstat(target).catch(() => null);
      if (stat !== null && !stat.isFile())
        throw new WorkspaceRefusal(path, "exists and is not a regular file");
      await mkdir(join(target, ".."), { recursive: true });
      // mkdir may have raced with a symlink swap; the parent must still resolve inside the root.
      const parent = await realpath(join(target, ".."));
      if (parent !== root && !parent.startsWith(root + sep)) {
        throw new WorkspaceRefusal(path, "resolves outside the workspace");
      }
      if (!originals.has(path))
        originals.set(path, stat === null ? null : (await readHead(target, stat.size)).toString("utf8"));
      await writeFile(target, content, { encoding: "utf8", flag: stat === null ? "wx" : "w" });
      written.set(path, Buffer.byteLength(content, "utf8"));
      return stat === null ? "create" : "modify";
    },
    originals: () => originals,
  };
}

/** Refuses a write that would take the change past its file count or total size. */
function checkChangeLimits(written: ReadonlyMap<string, number>, path: string, bytes: number): void {
  if (!written.has(path) && written.size >= CHANGE_LIMITS.maxFiles) {
    throw new WorkspaceRefusal(
      path,
      `this change already writes ${written.size} files, the most one change may write; make it smaller`,
    );
  }
  let total = bytes;
  for (const [other, size] of written) if (other !== path) total += size;
  if (total > CHANGE_LIMITS.maxBytes) {
    throw new WorkspaceRefusal(
      path,
      `this change would write ${total} bytes, over the ${CHANGE_LIMITS.maxBytes} bytes one change may write`,
    );
  }
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
