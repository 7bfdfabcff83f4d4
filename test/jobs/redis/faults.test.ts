// Worker processes against a private Redis with the append-only file on: kill -9 a worker mid-job and
// restart Redis while jobs flow. Nothing may be lost, and each thread's jobs must finish in arrival order.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "@jest/globals";
import { Redis } from "ioredis";
import { createRedisQueue } from "../../../src/jobs/redis/queue.js";
import type { Job } from "../../../src/jobs/types.js";
import { describeRedis, testPrefix, type TestRedis } from "../../helpers/redis.js";

const script = fileURLToPath(new URL("../../fixtures/queue/worker-process.ts", import.meta.url));
const LEASE_MS = 1000;

const job = (id: string, number: number): Job => ({
  id,
  deliveryId: id,
  installationId: 1,
  owner: "o",
  repo: "r",
  sender: "s",
  number,
  isPullRequest: false,
  receivedAt: 0,
  kind: "command",
  command: { name: "help" },
  commentId: null,
  origin: "issue_comment",
});

function startWorker(url: string, prefix: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", script, url, prefix, String(LEASE_MS), "25"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.once("data", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

describeRedis(
  "queue workers under faults",
  (redis) => {
    const children: ChildProcess[] = [];
    afterAll(() => {
      for (const child of children) child.kill("SIGKILL");
    });

    it("loses nothing and keeps each thread's order through kill -9 of a worker and a Redis restart", async () => {
      const server = redis() as TestRedis;
      const prefix = testPrefix("faults");
      const settings = {
        url: server.url,
        prefix,
        leaseMs: LEASE_MS,
        seenTtlSeconds: 600,
        maxAttempts: 5,
        backoffMs: 50,
      };
      const queue = await createRedisQueue(settings, {
        info: () => undefined,
        warn: () => undefined,
        error: () => undefined,
      });
      const workers = await Promise.all([0, 1].map(() => startWorker(server.url, prefix)));
      children.push(...workers);
      const expected = new Map<number, string[]>();
      const enqueue = async (from: number, to: number) => {
        for (let i = from; i < to; i += 1) {
          const thread = (i % 8) + 1;
          expected.set(thread, [...(expected.get(thread) ?? []), `j${i}`]);
          expect(await queue.enqueue(job(`j${i}`, thread))).toBe(true);
        }
      };
      await enqueue(0, 60);
      // kill -9 the first worker while it is mid-job (its job has started and not finished).
      const inspect = new Redis(server.url, { maxRetriesPerRequest: null });
      inspect.on("error", () => undefined);
      const victim = workers[0];
      for (let i = 0; i < 200; i += 1) {
        const entries = await inspect.lrange(`${prefix}:log`, 0, -1);
        const mine = entries.filter((e) => e.endsWith(` ${victim?.pid}`));
        if (mine.length > 0 && mine.at(-1)?.startsWith("start")) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      victim?.kill("SIGKILL");
      await enqueue(60, 90);
      await server.restart("SIGTERM", 300);
      await enqueue(90, 120);
      await queue.idle();

      const entries = await inspect.lrange(`${prefix}:log`, 0, -1);
      const finished = new Map<number, string[]>();
      for (const entry of entries) {
        const [what, thread, id] = entry.split(" ");
        if (what !== "done") continue;
        const list = finished.get(Number(thread)) ?? [];
        if (!list.includes(id ?? "")) list.push(id ?? "");
        finished.set(Number(thread), list);
      }
      expect(finished).toEqual(expected);
      const killedMidJob = entries.some((e) => e.startsWith("start") && e.endsWith(` ${victim?.pid}`));
      expect(killedMidJob).toBe(true);
      inspect.disconnect();
      await queue.close();
    }, 60_000);
  },
  true,
);
