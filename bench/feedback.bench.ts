// Learning (issue 16): feedback events recorded per second by the embedded file store (fsync on, and off)
// and by the Redis store, beside a baseline that only validates and serialises the same events; then
// reading and distilling 10,000 events (time and peak memory) beside a baseline that only parses them.
// Redis: REDIS_URL, else REDIS_TEST_URL, else a private redis-server on loopback; without any, said so.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  createFileFeedbackStore,
  createRedisFeedbackStore,
  type FeedbackStore,
} from "../src/adapters/feedback/index.js";
import { FeedbackEventSchema, distill, type FeedbackEvent } from "../src/core/lessons/index.js";
import { mib, peakRss, report } from "./util.js";

const RECORDS = 2_000;
const DISTILL = 10_000;
const CONCURRENCY = 16;
const TYPES = ["aws_instance", "aws_sqs_queue", "aws_s3_bucket", "aws_dynamodb_table", "aws_lambda_function"];
const ATTRS = ["instance_type", "visibility_timeout_seconds", "billing_mode", "memory_size", "timeout"];

/** A realistic mix: mostly attribute corrections over many PRs, some feedback, diagnoses, fixes, reactions. */
function event(i: number, repo = "acme/infra"): FeedbackEvent {
  const pr = 1 + (i % 2_000);
  const url = `https://github.com/${repo}/pull/${pr}`;
  const base = { key: `e${i}`, repo, at: 1_700_000_000_000 + i };
  switch (i % 10) {
    case 7:
      return {
        ...base,
        kind: "feedback",
        number: pr,
        url,
        author: "ada",
        text: `prefer smaller instances ${i}`,
      };
    case 8:
      return {
        ...base,
        kind: "diagnosis",
        fingerprint: `fp${i % 50}`,
        category: "permissions_iam",
        title: "AccessDenied on s3:PutObject",
        branch: `feature/${i % 50}`,
        runId: i,
        url,
      };
    case 9:
      return i % 20 === 9
        ? {
            ...base,
            kind: "fix",
            fingerprint: `fp${i % 50}`,
            category: "permissions_iam",
            branch: `feature/${i % 50}`,
            sha: (i.toString(16) + "0".repeat(40)).slice(0, 40),
            message: "grant s3:PutObject to the plan role",
            url,
          }
        : {
            ...base,
            kind: "reaction",
            url,
            about: "diagnosis",
            fingerprint: `fp${i % 50}`,
            user: "bo",
            content: "-1",
          };
    default: {
      const t = i % TYPES.length;
      return {
        ...base,
        kind: "correction",
        pr,
        url: `${url}/files`,
        change: {
          op: "changed",
          resourceType: TYPES[t] ?? "aws_instance",
          name: `r${i % 7}`,
          path: "main.tf",
          attribute: ATTRS[t] ?? "instance_type",
          from: "t3.micro",
          to: i % 97 === 0 ? "t3.large" : "t3.small",
        },
      };
    }
  }
}

async function recordRate(store: FeedbackStore | null, concurrency: number, repo: string): Promise<number> {
  const events = Array.from({ length: RECORDS }, (_, i) => event(i, repo));
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < events.length; i = next++) {
      const e = events[i];
      if (!e) continue;
      if (store) await store.record(e);
      else JSON.stringify(FeedbackEventSchema.parse(e));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return RECORDS / ((performance.now() - started) / 1000);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function redisUrl(): Promise<{ url: string; child?: ChildProcess; why?: string }> {
  const url = process.env.REDIS_URL ?? process.env.REDIS_TEST_URL;
  if (url) return { url };
  if (spawnSync("redis-server", ["--version"]).status !== 0)
    return { url: "", why: "no REDIS_URL/REDIS_TEST_URL and no redis-server on PATH" };
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", ""], {
    stdio: "ignore",
  });
  for (let i = 0; i < 100; i += 1) {
    const pong = spawnSync("redis-cli", ["-p", String(port), "ping"])
      .stdout?.toString()
      .trim();
    if (pong === "PONG") return { url: `redis://127.0.0.1:${port}`, child };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill();
  return { url: "", why: "redis-server did not start" };
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), "feedback-bench-"));
  const redis = await redisUrl();
  const prefix = `{bench-${process.pid}}`;
  try {
    const baseline = await recordRate(null, 1, "acme/base");
    report("record baseline (zod parse + JSON, no store)", { "events/s": baseline });
    const durable = createFileFeedbackStore({ dir: join(dir, "durable") });
    report("record file store, fsync per event", { "events/s": await recordRate(durable, 1, "acme/a") });
    const fast = createFileFeedbackStore({ dir: join(dir, "fast"), durable: false });
    report("record file store, no fsync", { "events/s": await recordRate(fast, 1, "acme/b") });
    report(`record file store, fsync, ${CONCURRENCY} concurrent`, {
      "events/s": await recordRate(createFileFeedbackStore({ dir: join(dir, "c") }), CONCURRENCY, "acme/c"),
    });
    if (redis.url) {
      const store = createRedisFeedbackStore({ url: redis.url, prefix });
      report("record Redis store, sequential", { "events/s": await recordRate(store, 1, "acme/d") });
      report(`record Redis store, ${CONCURRENCY} concurrent`, {
        "events/s": await recordRate(store, CONCURRENCY, "acme/e"),
      });
      await store.close();
    } else console.log(`record Redis store: NOT RUN (${redis.why ?? ""})`);

    // Distillation input: 10,000 events in one repository, loaded from each store the way a job does.
    const events = Array.from({ length: DISTILL }, (_, i) => event(i, "acme/big"));
    const bigFile = createFileFeedbackStore({ dir: join(dir, "big"), durable: false });
    for (const e of events) await bigFile.record(e);
    const lines = events.map((e) => JSON.stringify(e));
    const isProtected = (p: string) => p.startsWith(".github/");

    let t = performance.now();
    const parsed = lines.map((l) => FeedbackEventSchema.parse(JSON.parse(l)));
    report(`baseline: parse ${DISTILL} events`, { ms: performance.now() - t, events: parsed.length });
    t = performance.now();
    const fromFile = await createFileFeedbackStore({ dir: join(dir, "big") }).list("acme/big");
    report(`list ${DISTILL} events, file store (cold)`, {
      ms: performance.now() - t,
      events: fromFile.length,
    });
    if (redis.url) {
      const store = createRedisFeedbackStore({ url: redis.url, prefix });
      await Promise.all(events.map((e) => store.record(e)));
      t = performance.now();
      const fromRedis = await store.list("acme/big");
      report(`list ${DISTILL} events, Redis store`, { ms: performance.now() - t, events: fromRedis.length });
      await store.close();
    }
    const runs: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      t = performance.now();
      distill(fromFile, { isProtected });
      runs.push(performance.now() - t);
    }
    runs.sort((a, b) => a - b);
    const { result, peakAboveBaseline } = await peakRss(() => distill(fromFile, { isProtected }));
    report(`distill ${DISTILL} events`, {
      "median ms": runs[2] ?? Number.NaN,
      "min ms": runs[0] ?? Number.NaN,
      lessons: result.length,
      "peak RSS above start": mib(peakAboveBaseline),
    });
  } finally {
    redis.child?.kill();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
