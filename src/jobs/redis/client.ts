// BullMQ and ioredis load only when a Redis URL is configured: the embedded default never pays for them.
import type { Redis as RedisClient } from "ioredis";
import { WAKE_QUEUE, redisKeys, type RedisQueueSettings } from "./keys.js";

export type { RedisClient };

export async function loadBullmq() {
  return import("bullmq");
}

/**
 * A client that waits through Redis restarts instead of failing commands (BullMQ requires this of
 * workers); callers that must answer in time put their own deadline around a command.
 */
export async function connectRedis(
  url: string,
  name: string,
  onError: (error: Error) => void,
): Promise<RedisClient> {
  const { Redis } = await import("ioredis");
  const client = new Redis(url, { maxRetriesPerRequest: null, connectionName: name, lazyConnect: false });
  // ioredis reconnects by itself; the error event only tells us (and must be listened to, or it throws).
  client.on("error", onError);
  return client;
}

/** Logs a connection problem once per outage instead of once per reconnection attempt. */
export function outageLogger(log: { warn(obj: object, msg?: string): void }, what: string) {
  let last = "";
  return (error: Error) => {
    const text = `${error.name}: ${error.message}`;
    if (text !== last) log.warn({ err: text }, `${what}: Redis connection problem (reconnecting)`);
    last = text;
  };
}

/** Runs a Lua script; Redis caches it by its SHA after the first call. */
export async function runScript(
  redis: RedisClient,
  script: string,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  return redis.eval(script, keys.length, ...keys, ...args.map(String));
}

/** Connectivity for health endpoints: a PING answered within a second. */
export async function redisUp(redis: RedisClient): Promise<boolean> {
  if (redis.status !== "ready") return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 1000)));
  const ping = redis.ping().then(
    (answer) => answer === "PONG",
    () => false,
  );
  const up = await Promise.race([ping, timeout]);
  clearTimeout(timer);
  return up;
}

/** Rejects when `work` takes longer than `ms`, naming what timed out. */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) =>
      (timer = setTimeout(() => reject(new Error(`${what}: no answer from Redis within ${ms} ms`)), ms)),
  );
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Wake-ups are cheap and disposable; a failed one is retried, and the sweeper covers any lost one. */
export const wakeOptions = {
  removeOnComplete: true,
  removeOnFail: 1000,
  attempts: 10,
  backoff: { type: "exponential", delay: 1000 },
};

/**
 * What the server and every worker open alike: a named connection whose outages are logged once, the
 * thread keys, and the BullMQ queue that carries thread wake-ups.
 */
export async function openWakeQueue(
  settings: RedisQueueSettings,
  log: { warn(obj: object, msg?: string): void },
  what: string,
  connectionName: string,
) {
  const bullmq = await loadBullmq();
  const onError = outageLogger(log, what);
  const redis = await connectRedis(settings.url, connectionName, onError);
  const wakes = new bullmq.Queue(WAKE_QUEUE, {
    connection: redis,
    prefix: settings.prefix,
    defaultJobOptions: wakeOptions,
  });
  wakes.on("error", onError);
  return { bullmq, redis, keys: redisKeys(settings.prefix), wakes, onError };
}
