// The shared feedback store against a real Redis: separate store instances stand for separate replicas,
// each with its own connection, recording the same redelivered signals at once.
import { afterEach, expect, it } from "@jest/globals";
import { Redis } from "ioredis";
import {
  createFeedbackStore,
  createRedisFeedbackStore,
  type FeedbackStore,
} from "../../../src/adapters/feedback/index.js";
import { jobSettingsFromEnv } from "../../../src/config/job-settings.js";
import type { FeedbackEvent } from "../../../src/core/lessons/index.js";
import { describeRedis, freePort, testPrefix } from "../../helpers/redis.js";

const feedback = (key: string, repo = "Acme/Infra"): FeedbackEvent => ({
  kind: "feedback",
  key,
  repo,
  at: 1,
  number: 1,
  url: "https://github.com/acme/infra/issues/1",
  author: "ada",
  text: `said ${key}`,
});

const env = {
  APP_ID: "1",
  PRIVATE_KEY: undefined,
  PRIVATE_KEY_PATH: undefined,
  GHE_HOST: undefined,
  GHE_PROTOCOL: "https",
  BOT_LOGIN: undefined,
  LOG_LEVEL: "info",
  DOCS_LIVE: false,
  DOCS_CACHE_DIR: undefined,
  LLM_API_KEY: undefined,
  QUEUE_PREFIX: "{q}",
} as const;

describeRedis("the Redis feedback store", (redis) => {
  const open: FeedbackStore[] = [];
  const store = (
    prefix: string,
    extra: { maxEvents?: number; onCorrupt?: (r: string, l: string) => void } = {},
  ) => {
    const s = createRedisFeedbackStore({ url: redis().url, prefix, ...extra });
    open.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });

  it("records each key once per repository across replicas, in arrival order, any case", async () => {
    const prefix = testPrefix("feedback");
    const [one, two] = [store(prefix), store(prefix)];
    expect(await one.record(feedback("a"))).toBe(true);
    expect(await two.record(feedback("a"))).toBe(false);
    expect(await two.record(feedback("b"))).toBe(true);
    expect(await one.record(feedback("a", "acme/other"))).toBe(true);
    expect((await one.list("acme/infra")).map((e) => e.key)).toEqual(["a", "b"]);
    expect((await two.list("ACME/INFRA")).map((e) => e.repo)).toEqual(["acme/infra", "acme/infra"]);
    expect((await two.list("acme/other")).map((e) => e.key)).toEqual(["a"]);
  });

  it("keeps exactly one copy when two replicas race on the same 100 redeliveries", async () => {
    const prefix = testPrefix("feedback");
    const replicas = [store(prefix), store(prefix)];
    const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
    const results = await Promise.all(keys.flatMap((k) => replicas.map((s) => s.record(feedback(k)))));
    expect(results.filter(Boolean)).toHaveLength(100);
    const listed = await store(prefix).list("acme/infra");
    expect(listed).toHaveLength(100);
    expect(new Set(listed.map((e) => e.key)).size).toBe(100);
  });

  it("drops the oldest events beyond the cap, and still refuses a late redelivery of a dropped one", async () => {
    const s = store(testPrefix("feedback"), { maxEvents: 3 });
    for (const k of ["a", "b", "c", "d"]) await s.record(feedback(k));
    expect((await s.list("acme/infra")).map((e) => e.key)).toEqual(["b", "c", "d"]);
    expect(await s.record(feedback("a"))).toBe(false);
  });

  it("skips an entry that is not a valid event, and refuses to record one", async () => {
    const prefix = testPrefix("feedback");
    const corrupt: string[] = [];
    const s = store(prefix, { onCorrupt: (_r, line) => corrupt.push(line) });
    await s.record(feedback("a"));
    const raw = new Redis(redis().url);
    await raw.rpush(
      `${prefix}:feedback:acme/infra:events`,
      '{"kind":"feedback","key":"x"',
      '{"kind":"nope"}',
    );
    raw.disconnect();
    await s.record(feedback("b"));
    expect((await s.list("acme/infra")).map((e) => e.key)).toEqual(["a", "b"]);
    expect(corrupt).toEqual(['{"kind":"feedback","key":"x"', '{"kind":"nope"}']);
    await expect(s.record({ ...feedback("c"), key: "" })).rejects.toThrow();
    expect((await s.list("acme/infra")).map((e) => e.key)).toEqual(["a", "b"]);
  });

  it("is what the factory and the environment select when REDIS_URL is set", async () => {
    const settings = jobSettingsFromEnv({ ...env, REDIS_URL: redis().url }, "key", null, {
      DATA_DIR: "/tmp/x",
    });
    expect(settings.feedback).toEqual({ dir: "/tmp/x/feedback", redis: { url: redis().url, prefix: "{q}" } });
    const s = createFeedbackStore({
      dir: "/nonexistent",
      redis: { url: redis().url, prefix: testPrefix("f") },
    });
    open.push(s);
    expect(s.kind).toBe("redis");
    expect(await s.record(feedback("a"))).toBe(true);
    const plain = jobSettingsFromEnv({ ...env, REDIS_URL: undefined }, "key", null, {
      DATA_DIR: "/tmp/x",
    });
    expect(plain.feedback).toEqual({ dir: "/tmp/x/feedback" });
  });
});

it("a Redis that does not answer gives the job a clear error in time, not a hang", async () => {
  const port = await freePort();
  const s = createRedisFeedbackStore({ url: `redis://127.0.0.1:${port}`, prefix: "{t}", timeoutMs: 300 });
  await expect(s.record(feedback("a"))).rejects.toThrow(
    /feedback store: record feedback for acme\/infra: no answer from Redis within 300 ms/,
  );
  await expect(s.list("acme/infra")).rejects.toThrow(/no answer from Redis/);
  await s.close();
});
