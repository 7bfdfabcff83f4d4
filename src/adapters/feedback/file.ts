import { createHash } from "node:crypto";
import { mkdir, open } from "node:fs/promises";
import { join } from "node:path";
import { FeedbackEventSchema, type FeedbackEvent } from "../../core/lessons/index.js";
import { withFileLock } from "./lock.js";
import { MAX_EVENTS_PER_REPO, type FeedbackStore } from "./types.js";

interface RepoLog {
  offset: number;
  keys: Set<string>;
  events: FeedbackEvent[];
}

export interface FileStoreOptions {
  dir: string;
  /** fsync after each append (default): an acknowledged event survives a power cut. */
  durable?: boolean;
  onCorrupt?: (file: string, line: string) => void;
}

/**
 * The embedded store: one append-only JSON-lines file per repository under `dir`, needing no server.
 * Appends happen under a per-file lock (several processes may share the directory); a line torn by a crash
 * is skipped on read and fenced off by a newline before the next append, so it never corrupts a neighbour.
 */
export function createFileFeedbackStore(options: FileStoreOptions): FeedbackStore {
  const logs = new Map<string, RepoLog>();
  const queues = new Map<string, Promise<unknown>>();
  const durable = options.durable ?? true;
  const fileOf = (repo: string) => {
    const name = repo.toLowerCase();
    const safe = name.replace(/[^a-z0-9_.-]+/g, "_").slice(0, 80);
    return join(options.dir, `${safe}-${createHash("sha256").update(name).digest("hex").slice(0, 12)}.jsonl`);
  };
  // One operation per file at a time inside this process; the lock file orders processes.
  const serial = <T>(file: string, work: () => Promise<T>): Promise<T> => {
    const next = (queues.get(file) ?? Promise.resolve()).then(work, work);
    queues.set(
      file,
      next.catch(() => undefined),
    );
    return next;
  };

  const refresh = async (file: string): Promise<RepoLog & { torn: boolean }> => {
    const log = logs.get(file) ?? { offset: 0, keys: new Set<string>(), events: [] };
    logs.set(file, log);
    const handle = await open(file, "a+");
    try {
      const { size } = await handle.stat();
      if (size <= log.offset) return { ...log, torn: false };
      const buffer = Buffer.alloc(size - log.offset);
      await handle.read(buffer, 0, buffer.length, log.offset);
      const text = buffer.toString("utf8");
      const complete = text.lastIndexOf("\n") + 1;
      for (const line of text.slice(0, complete).split("\n")) {
        if (line.trim() === "") continue;
        const parsed = parseLine(line);
        if (!parsed) {
          options.onCorrupt?.(file, line.slice(0, 200));
          continue;
        }
        if (log.keys.has(parsed.key)) continue;
        log.keys.add(parsed.key);
        log.events.push(parsed);
      }
      if (log.events.length > MAX_EVENTS_PER_REPO)
        log.events.splice(0, log.events.length - MAX_EVENTS_PER_REPO);
      log.offset += Buffer.byteLength(text.slice(0, complete));
      return { ...log, torn: complete < text.length };
    } finally {
      await handle.close();
    }
  };

  return {
    kind: "file",
    async record(event) {
      const valid = FeedbackEventSchema.parse({ ...event, repo: event.repo.toLowerCase() });
      await mkdir(options.dir, { recursive: true });
      const file = fileOf(valid.repo);
      return serial(file, () =>
        withFileLock(`${file}.lock`, async () => {
          const log = await refresh(file);
          if (log.keys.has(valid.key)) return false;
          const line = `${log.torn ? "\n" : ""}${JSON.stringify(valid)}\n`;
          const handle = await open(file, "a");
          try {
            await handle.write(line);
            if (durable) await handle.datasync();
          } finally {
            await handle.close();
          }
          await refresh(file);
          return true;
        }),
      );
    },
    async list(repo) {
      await mkdir(options.dir, { recursive: true });
      const file = fileOf(repo);
      return serial(file, async () => [...(await refresh(file)).events]);
    },
    close: () => Promise.resolve(),
  };
}

function parseLine(line: string): FeedbackEvent | null {
  try {
    const parsed = FeedbackEventSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
