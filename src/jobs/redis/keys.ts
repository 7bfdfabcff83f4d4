import { createHash } from "node:crypto";

/** How the Redis-backed queue behaves; every replica (server and workers) must agree on these. */
export interface RedisQueueSettings {
  url: string;
  /**
   * Namespace of every key. The braces are a Redis Cluster hash tag: all keys land in one slot, so the Lua
   * scripts that touch several of them stay valid on a cluster too.
   */
  prefix: string;
  /** Lease of a thread's lock and of BullMQ's job lock; a killed worker's work is taken over after this. */
  leaseMs: number;
  /** How long a delivery id is remembered for dropping duplicates. */
  seenTtlSeconds: number;
  /**
   * Starts of one job, counting retries after passing failures and restarts after a worker died. A job
   * started this often without finishing is given up with a failure comment on its issue/PR.
   */
  maxAttempts: number;
  /** First retry delay; doubles per attempt (with jitter), capped at 5 minutes. */
  backoffMs: number;
}

export const DEFAULT_REDIS_QUEUE: Omit<RedisQueueSettings, "url"> = {
  prefix: "{devops-agent}",
  leaseMs: 30_000,
  seenTtlSeconds: 3 * 24 * 3600,
  maxAttempts: 5,
  backoffMs: 5_000,
};

/** The BullMQ queue carries only "wake-ups" for threads; the jobs themselves wait in per-thread lists. */
export const WAKE_QUEUE = "wake";

export function redisKeys(prefix: string) {
  return {
    seen: (jobId: string) => `${prefix}:seen:${jobId}`,
    /** Hash job id → job JSON, for every accepted and unfinished job: its size is the queue depth. */
    payloads: `${prefix}:payloads`,
    /** Hash job id → how many times a worker started it. */
    attempts: `${prefix}:attempts`,
    /** List of job ids of one issue/PR in arrival order; the head is the one running or next. */
    thread: (key: string) => `${prefix}:thread:${key}`,
    lock: (key: string) => `${prefix}:lock:${key}`,
    /** Epoch ms before which the thread's head must not run again (backoff after a passing failure). */
    after: (key: string) => `${prefix}:after:${key}`,
    /** Threads with waiting jobs, for the sweeper that wakes threads whose wake-up was lost. */
    threads: `${prefix}:threads`,
    wakes: `${prefix}:wakes`,
    /** Jobs given up (every start ended with its worker gone): the newest 1000 records, newest first. */
    failed: `${prefix}:failed`,
    /** How many jobs were given up, ever. */
    failedCount: `${prefix}:failed-count`,
    /**
     * Hash of event counts that explain the queue's behaviour under load: `restarts` (a job started again),
     * `lease-lost` (a worker found its thread's lock gone), `wake-stalled` (BullMQ re-ran a wake-up).
     */
    counters: `${prefix}:counters`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;

/** BullMQ job ids may not contain ':'; thread keys do (owner/repo#n is safe, but say it once). */
export function threadTag(thread: string): string {
  return createHash("sha1").update(thread).digest("hex").slice(0, 16);
}

/** Exponential backoff with jitter; a server's Retry-After wins when it asks for longer. */
export function backoffDelay(
  settings: Pick<RedisQueueSettings, "backoffMs">,
  attempt: number,
  retryAfterMs: number | null,
  random = Math.random,
): number {
  const exponential = Math.min(settings.backoffMs * 2 ** Math.max(0, attempt - 1), 300_000);
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}
