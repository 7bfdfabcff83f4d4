// The Redis-backed queue against a real Redis: several workers (each with its own connections, as separate
// replicas would have) share one queue; ordering, de-duplication, retries and drain are observed directly.
import { afterEach, expect, it } from "@jest/globals";
import { createRedisQueue, type RedisJobQueue } from "../../../src/jobs/redis/queue.js";
import { createRedisWorker, type RedisWorker } from "../../../src/jobs/redis/worker.js";
import type { RedisQueueSettings } from "../../../src/jobs/redis/keys.js";
import type { Job } from "../../../src/jobs/types.js";
import { RetryLater, type JobAttempt } from "../../../src/tasks/transient.js";
import { fence, LeaseLost } from "../../../src/jobs/fence.js";
import { describeRedis, testPrefix } from "../../helpers/redis.js";

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const job = (id: string, number: number, repo = "r"): Job => ({
  id,
  deliveryId: id,
  installationId: 1,
  owner: "o",
  repo,
  sender: "s",
  number,
  isPullRequest: false,
  receivedAt: 0,
  kind: "command",
  command: { name: "help" },
  commentId: null,
  origin: "issue_comment",
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeRedis("the Redis queue", (redis) => {
  const open: { close(): Promise<unknown> }[] = [];
  const settings = (): RedisQueueSettings => ({
    url: redis().url,
    prefix: testPrefix("queue"),
    leaseMs: 1000,
    seenTtlSeconds: 60,
    maxAttempts: 3,
    backoffMs: 50,
  });
  const queue = async (s: RedisQueueSettings): Promise<RedisJobQueue> => {
    const q = await createRedisQueue(s, quiet);
    open.push(q);
    return q;
  };
  const worker = async (
    s: RedisQueueSettings,
    process: (job: Job, attempt: JobAttempt) => Promise<void>,
    concurrency = 4,
    giveUp: (job: Job, starts: number) => Promise<void> = () => Promise.resolve(),
  ): Promise<RedisWorker> => {
    const w = await createRedisWorker({ settings: s, concurrency, process, giveUp, log: quiet });
    open.push({ close: () => w.close(2000) });
    return w;
  };
  afterEach(async () => {
    for (const item of open.splice(0).reverse()) await item.close();
  });

  it("drops a delivery already accepted by any replica", async () => {
    const s = settings();
    const [a, b] = [await queue(s), await queue(s)];
    expect(await a.enqueue(job("d1:0", 1))).toBe(true);
    expect(await b.enqueue(job("d1:0", 1))).toBe(false);
    expect(await b.enqueue(job("d2:0", 1))).toBe(true);
    expect(await a.stats()).toMatchObject({ waiting: 2, redis: "up" });
  });

  it("runs each thread's jobs one at a time in arrival order across three workers", async () => {
    const s = settings();
    const q = await queue(s);
    const ran = new Map<number, string[]>();
    const active = new Set<number>();
    let overlaps = 0;
    const process = async (j: Job) => {
      if (active.has(j.number)) overlaps += 1;
      active.add(j.number);
      await sleep(Math.random() * 8);
      ran.set(j.number, [...(ran.get(j.number) ?? []), j.id]);
      active.delete(j.number);
    };
    await Promise.all([worker(s, process), worker(s, process), worker(s, process)]);
    const expected = new Map<number, string[]>();
    for (let i = 0; i < 120; i += 1) {
      const thread = (i % 6) + 1;
      expected.set(thread, [...(expected.get(thread) ?? []), `j${i}`]);
      await q.enqueue(job(`j${i}`, thread));
    }
    await q.idle();
    expect(overlaps).toBe(0);
    expect(ran).toEqual(expected);
  });

  it("retries a passing failure with backoff, holding the thread's later jobs back until it succeeds", async () => {
    const s = settings();
    const q = await queue(s);
    const events: string[] = [];
    await worker(s, (j, attempt) => {
      events.push(`${j.id}#${attempt.number}${attempt.final ? " final" : ""}`);
      const fails = j.id === "flaky" && attempt.number < 3;
      return fails ? Promise.reject(new RetryLater("GitHub said 502", null)) : Promise.resolve();
    });
    await q.enqueue(job("flaky", 7));
    await q.enqueue(job("after", 7));
    await q.idle();
    expect(events).toEqual(["flaky#1", "flaky#2", "flaky#3 final", "after#1"]);
  });

  it("waits as long as the server asked (Retry-After) before the next attempt", async () => {
    const s = settings();
    const q = await queue(s);
    const at: number[] = [];
    await worker(s, (_j, attempt) => {
      at.push(Date.now());
      return attempt.number === 1 ? Promise.reject(new RetryLater("rate limited", 600)) : Promise.resolve();
    });
    await q.enqueue(job("limited", 3));
    await q.idle();
    expect(at).toHaveLength(2);
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(590);
  });

  it("drains: a stopping worker finishes its job and hands the rest of the thread to another", async () => {
    const s = settings();
    const q = await queue(s);
    const ran: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = await createRedisWorker({
      settings: s,
      concurrency: 1,
      log: quiet,
      giveUp: () => Promise.resolve(),
      process: async (j) => {
        ran.push(`first:${j.id}`);
        await gate;
      },
    });
    for (const id of ["a", "b", "c"]) await q.enqueue(job(id, 9));
    while (ran.length === 0) await sleep(10);
    const closing = first.close(5000);
    release();
    expect(await closing).toEqual({ finished: true });
    await worker(s, (j) => Promise.resolve(void ran.push(`second:${j.id}`)));
    await q.idle();
    expect(ran).toEqual(["first:a", "second:b", "second:c"]);
  });

  it("gives up a job that crashes on every start after its attempts, says so once, and moves on", async () => {
    const s = settings();
    const q = await queue(s);
    const events: string[] = [];
    let tellFailures = 2;
    await worker(
      s,
      (j, attempt) => {
        events.push(`${j.id}#${attempt.number}`);
        return j.id === "poison" ? Promise.reject(new Error("out of memory")) : Promise.resolve();
      },
      4,
      (j, starts) => {
        events.push(`gave up ${j.id} after ${starts}`);
        // GitHub is down for the first two tries to say so: the job is not run again meanwhile.
        return tellFailures-- > 0 ? Promise.reject(new Error("GitHub said 502")) : Promise.resolve();
      },
    );
    await q.enqueue(job("poison", 4));
    await q.enqueue(job("next", 4));
    await q.idle();
    expect(events).toEqual([
      "poison#1",
      "poison#2",
      "poison#3",
      "gave up poison after 3",
      "gave up poison after 3",
      "gave up poison after 3",
      "next#1",
    ]);
    expect(await q.stats()).toMatchObject({ waiting: 0, failed: 1 });
    const { Redis } = await import("ioredis");
    const inspect = new Redis(s.url);
    const records = (await inspect.lrange(`${s.prefix}:failed`, 0, -1)).map((r) => JSON.parse(r) as object);
    inspect.disconnect();
    expect(records).toEqual([
      { id: "poison", thread: "o/r#4", starts: 3, reported: true, at: expect.any(Number) },
    ]);
  });

  it("takes a lapsed lease back at the fence when nobody started the job since, and runs it once", async () => {
    const s = settings();
    const q = await queue(s);
    const { Redis } = await import("ioredis");
    const inspect = new Redis(s.url);
    const events: string[] = [];
    await worker(s, async (j) => {
      events.push(`start ${j.id}`);
      // The lease runs out while the job is paused (a starved worker); no other worker came for it.
      await inspect.del(`${s.prefix}:lock:o/r#5`);
      await fence();
      events.push(`wrote ${j.id}`);
    });
    await q.enqueue(job("slow", 5));
    await q.idle();
    const counters = await inspect.hgetall(`${s.prefix}:counters`);
    inspect.disconnect();
    expect(events).toEqual(["start slow", "wrote slow"]);
    expect(counters).toEqual({ "lease-taken-back": "1" });
  });

  it("stops a job at the fence once another worker has started it, and the job still runs to the end", async () => {
    const s = settings();
    const q = await queue(s);
    const { Redis } = await import("ioredis");
    const inspect = new Redis(s.url);
    const events: string[] = [];
    await worker(s, async (j, attempt) => {
      events.push(`start ${j.id}#${attempt.number}`);
      if (attempt.number === 1) {
        // Another worker took the thread over after the lease ran out, and started this job.
        await inspect.set(`${s.prefix}:lock:o/r#6`, "someone-else", "PX", 300);
        await inspect.hincrby(`${s.prefix}:attempts`, j.id, 1);
      }
      await fence().then(
        () => events.push(`wrote ${j.id}#${attempt.number}`),
        (error: unknown) => events.push(error instanceof LeaseLost ? "fenced" : String(error)),
      );
    });
    await q.enqueue(job("overtaken", 6));
    await q.idle();
    const counters = await inspect.hgetall(`${s.prefix}:counters`);
    inspect.disconnect();
    // The pretend taker never finished: its lease ran out too, and the job ran again, once, to the end.
    expect(events).toEqual(["start overtaken#1", "fenced", "start overtaken#3", "wrote overtaken#3"]);
    expect(counters).toMatchObject({ "lease-lost": "1", restarts: "1" });
  });

  it("reports queue depth and Redis connectivity for health checks", async () => {
    const s = settings();
    const q = await queue(s);
    await q.enqueue(job("x", 1));
    await q.enqueue(job("y", 2, "other"));
    expect(await q.stats()).toEqual({ running: 0, waiting: 2, seen: 2, failed: 0, redis: "up" });
    const w = await worker(s, () => Promise.resolve());
    await q.idle();
    expect(await w.stats()).toMatchObject({ running: 0, waiting: 0, seen: 2, redis: "up" });
  });
});
