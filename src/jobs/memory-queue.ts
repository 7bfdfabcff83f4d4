import { serialKey, type Job, type JobQueue, type QueueStats } from "./types.js";

export interface MemoryQueueOptions {
  concurrency: number;
  process: (job: Job) => Promise<void>;
  /** Called when `process` throws; `process` is expected to report failures itself. */
  onUnhandled: (job: Job, error: unknown) => void;
  /** How many job ids to remember for de-duplication. */
  rememberIds?: number;
}

/** In-process queue: bounded concurrency, one job at a time per issue/PR, duplicate deliveries dropped. */
export function createMemoryQueue(options: MemoryQueueOptions): JobQueue {
  const remember = options.rememberIds ?? 10_000;
  const seen = new Set<string>();
  const waiting = new Map<string, Job[]>();
  const activeKeys = new Set<string>();
  let running = 0;
  let waitingCount = 0;
  let accepting = true;
  let idleWaiters: (() => void)[] = [];
  const settle = () => {
    if (running !== 0 || waitingCount !== 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const markSeen = (id: string) => {
    seen.add(id);
    if (seen.size > remember) {
      const oldest = seen.values().next().value;
      if (oldest !== undefined) seen.delete(oldest);
    }
  };

  const pump = () => {
    for (const [key, jobs] of waiting) {
      if (running >= options.concurrency) return;
      if (activeKeys.has(key)) continue;
      const job = jobs.shift();
      if (!job) continue;
      if (jobs.length === 0) waiting.delete(key);
      waitingCount -= 1;
      activeKeys.add(key);
      running += 1;
      void options
        .process(job)
        .catch((error: unknown) => options.onUnhandled(job, error))
        .finally(() => {
          running -= 1;
          activeKeys.delete(key);
          pump();
          settle();
        });
    }
  };

  const accept = (job: Job): boolean => {
    if (!accepting || seen.has(job.id)) return false;
    markSeen(job.id);
    const key = serialKey(job);
    const list = waiting.get(key);
    if (list) list.push(job);
    else waiting.set(key, [job]);
    waitingCount += 1;
    pump();
    return true;
  };

  return {
    enqueue(job) {
      return Promise.resolve(accept(job));
    },
    async drain(timeoutMs) {
      accepting = false;
      if (running === 0 && waitingCount === 0) return { finished: true, abandoned: 0 };
      const done = new Promise<void>((resolve) => idleWaiters.push(resolve));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">(
        (resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)),
      );
      const outcome = await Promise.race([done, timeout]);
      clearTimeout(timer);
      return outcome === "timeout"
        ? { finished: false, abandoned: running + waitingCount }
        : { finished: true, abandoned: 0 };
    },
    idle() {
      if (running === 0 && waitingCount === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    stats(): Promise<QueueStats> {
      return Promise.resolve({ running, waiting: waitingCount, seen: seen.size });
    },
  };
}
