import { serialKey, type Job, type JobQueue, type QueueStats } from "../types.js";
import type { Log } from "../../tasks/types.js";
import { openWakeQueue, redisUp, runScript, within } from "./client.js";
import { threadTag, type RedisQueueSettings } from "./keys.js";
import { PUSH } from "./scripts.js";

/** GitHub waits 10 s for an answer; a webhook we could not store must fail before that, so it shows red. */
const ENQUEUE_DEADLINE_MS = 8_000;

export interface RedisJobQueue extends JobQueue {
  close(): Promise<void>;
}

/**
 * The server's side of the Redis queue: stores each job durably in its thread's list (dropping ids already
 * seen, across every replica) and queues a wake-up for the thread in BullMQ. Workers run the jobs.
 */
export async function createRedisQueue(settings: RedisQueueSettings, log: Log): Promise<RedisJobQueue> {
  const { redis, keys, wakes } = await openWakeQueue(settings, log, "job queue", "devops-agent-server");
  let accepting = true;
  let accepted = 0;
  let inFlight = 0;

  const store = async (job: Job): Promise<boolean> => {
    const thread = serialKey(job);
    // Both commands go out at once on the one connection (Redis runs them in that order): the ack waits
    // one round trip, not two. The wake-up's id comes from the job's, so it needs nothing from PUSH; for a
    // duplicate delivery it is at worst a spare wake-up that finds nothing new to run.
    const [pushed] = await Promise.all([
      runScript(
        redis,
        PUSH,
        [keys.seen(job.id), keys.payloads, keys.thread(thread), keys.threads, keys.wakes],
        [job.id, JSON.stringify(job), settings.seenTtlSeconds, thread],
      ),
      wakes.add("wake", { thread }, { jobId: `w${threadTag(job.id)}` }),
    ]);
    if (Number(pushed) === 0) return false;
    accepted += 1;
    return true;
  };

  return {
    async enqueue(job) {
      if (!accepting) return false;
      inFlight += 1;
      try {
        return await within(ENQUEUE_DEADLINE_MS, `enqueue ${job.id}`, store(job));
      } finally {
        inFlight -= 1;
      }
    },
    async drain(timeoutMs) {
      // Jobs belong to the workers once stored; the server only waits for stores under way.
      accepting = false;
      const deadline = Date.now() + timeoutMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return inFlight === 0 ? { finished: true, abandoned: 0 } : { finished: false, abandoned: inFlight };
    },
    async stats(): Promise<QueueStats> {
      const up = await redisUp(redis);
      const waiting = up ? await redis.hlen(keys.payloads) : 0;
      const failed = up ? Number(await redis.get(keys.failedCount)) : 0;
      return { running: 0, waiting, seen: accepted, failed, redis: up ? "up" : "down" };
    },
    async idle() {
      while ((await redis.hlen(keys.payloads)) > 0) await new Promise((r) => setTimeout(r, 50));
    },
    async close() {
      // Closing waits on Redis; an unreachable Redis must not hold the shutdown.
      await within(2000, "close the job queue", wakes.close()).catch(() => undefined);
      redis.disconnect();
    },
  };
}
