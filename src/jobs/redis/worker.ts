import { randomUUID } from "node:crypto";
import type { Job as BullJob } from "bullmq";
import type { Job, QueueStats } from "../types.js";
import type { JobAttempt } from "../../tasks/transient.js";
import type { Log } from "../../tasks/types.js";
import { connectRedis, openWakeQueue, redisUp, runScript, within } from "./client.js";
import { threadTag, WAKE_QUEUE, type RedisQueueSettings } from "./keys.js";
import { STRANDED } from "./scripts.js";
import { runThread } from "./thread.js";

export interface RedisWorkerOptions {
  settings: RedisQueueSettings;
  /** Threads this process works on at once. */
  concurrency: number;
  process: (job: Job, attempt: JobAttempt) => Promise<void>;
  /**
   * Says on the job's issue/PR that it was given up after `starts` starts that never finished (its worker
   * died each time); rejects when that could not be said, so it is tried again.
   */
  giveUp: (job: Job, starts: number) => Promise<void>;
  log: Log;
}

export interface RedisWorker {
  stats(): Promise<QueueStats>;
  /** Stops taking wake-ups, hands running threads back after their current job, waits up to `timeoutMs`. */
  close(timeoutMs: number): Promise<{ finished: boolean }>;
}

/** A `devops-agent worker` process: takes thread wake-ups from BullMQ and runs the threads' jobs. */
export async function createRedisWorker(options: RedisWorkerOptions): Promise<RedisWorker> {
  const { settings, log } = options;
  const id = randomUUID().slice(0, 8);
  const { bullmq, redis, keys, wakes, onError } = await openWakeQueue(
    settings,
    log,
    "job worker",
    `devops-agent-worker-${id}`,
  );
  const { Worker, DelayedError } = bullmq;
  let closing = false;
  let running = 0;
  let finished = 0;
  const process = async (job: Job, attempt: JobAttempt) => {
    running += 1;
    try {
      await options.process(job, attempt);
    } finally {
      running -= 1;
      finished += 1;
    }
  };

  const onWake = async (wake: BullJob<{ thread: string }>, token?: string) => {
    const result = await runThread(
      { redis, keys, settings, log, process, giveUp: options.giveUp, closing: () => closing },
      wake.data.thread,
      `${id}:${wake.id ?? "?"}:${randomUUID()}`,
    );
    if (result.kind === "done") return;
    await wake.moveToDelayed(result.at, token);
    throw new DelayedError();
  };
  // BullMQ leaves a connection it was given open; this one is ours to close.
  const blocking = await connectRedis(settings.url, `devops-agent-worker-${id}-bullmq`, onError);
  const worker = new Worker<{ thread: string }>(WAKE_QUEUE, onWake, {
    connection: blocking,
    prefix: settings.prefix,
    concurrency: options.concurrency,
    lockDuration: settings.leaseMs,
    stalledInterval: settings.leaseMs,
    // A wake-up whose worker died is simply run again; only a thread's own job counts its starts.
    maxStalledCount: 1000,
  });
  worker.on("error", onError);
  // A wake-up whose lock lapsed (its worker dead or starved) is run again elsewhere: counted for the bench.
  worker.on("stalled", () => void redis.hincrby(keys.counters, "wake-stalled", 1).catch(() => undefined));

  const sweep = setInterval(() => void wakeStranded().catch(() => undefined), settings.leaseMs);
  async function wakeStranded(): Promise<void> {
    // While wake-ups wait in BullMQ, threads without a lock are simply not reached yet.
    if ((await wakes.getWaitingCount()) > 0) return;
    const window = Math.floor(Date.now() / settings.leaseMs);
    let cursor = "0";
    do {
      const [next, threads] = (await runScript(
        redis,
        STRANDED,
        [keys.threads],
        [settings.prefix, Date.now(), cursor],
      )) as [string, string[]];
      cursor = next;
      for (const thread of threads) {
        // One sweep wake-up per thread and lease window, whichever worker sweeps first.
        await wakes.add("wake", { thread }, { jobId: `s${threadTag(thread)}-${window}` });
      }
    } while (cursor !== "0");
  }

  return {
    async stats() {
      const up = await redisUp(redis);
      const waiting = up ? await redis.hlen(keys.payloads) : 0;
      const failed = up ? Number(await redis.get(keys.failedCount)) : 0;
      return { running, waiting, seen: finished, failed, redis: up ? "up" : "down" };
    },
    async close(timeoutMs) {
      closing = true;
      clearInterval(sweep);
      let timer: NodeJS.Timeout | undefined;
      const graceful = worker.close().then(() => true);
      const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      const done = await Promise.race([graceful, timeout]);
      clearTimeout(timer);
      // Past the deadline: stop anyway; the thread locks run out and other workers take the jobs over.
      if (!done) await worker.close(true);
      await within(2000, "close the wake-up queue", wakes.close()).catch(() => undefined);
      redis.disconnect();
      blocking.disconnect();
      return { finished: done };
    },
  };
}
