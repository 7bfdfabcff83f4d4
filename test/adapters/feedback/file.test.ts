import { appendFile, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { createFileFeedbackStore } from "../../../src/adapters/feedback/index.js";
import type { FeedbackEvent } from "../../../src/core/lessons/index.js";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "feedback-store-"));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

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

describe("the embedded feedback store (JSON lines on disk)", () => {
  it("records each key once per repository, across store instances sharing the directory", async () => {
    const one = createFileFeedbackStore({ dir });
    const two = createFileFeedbackStore({ dir });
    expect(await one.record(feedback("a"))).toBe(true);
    expect(await two.record(feedback("a"))).toBe(false);
    expect(await two.record(feedback("b"))).toBe(true);
    expect(await one.record(feedback("a", "acme/other"))).toBe(true);
    expect((await one.list("acme/infra")).map((e) => e.key)).toEqual(["a", "b"]);
    expect((await two.list("ACME/INFRA")).map((e) => e.repo)).toEqual(["acme/infra", "acme/infra"]);
  });

  it("keeps every event when two instances append at once (the lock orders them)", async () => {
    const stores = [createFileFeedbackStore({ dir }), createFileFeedbackStore({ dir })];
    const keys = Array.from({ length: 60 }, (_, i) => `k${i}`);
    const results = await Promise.all(keys.flatMap((k) => stores.map((s) => s.record(feedback(k)))));
    expect(results.filter(Boolean)).toHaveLength(60);
    const fresh = createFileFeedbackStore({ dir });
    expect(new Set((await fresh.list("acme/infra")).map((e) => e.key)).size).toBe(60);
  });

  it("skips a line torn by a crash and fences it off before the next append", async () => {
    const corrupt: string[] = [];
    const store = createFileFeedbackStore({ dir, onCorrupt: (_f, line) => corrupt.push(line) });
    await store.record(feedback("a"));
    const [file] = await readdir(dir);
    await appendFile(join(dir, file ?? ""), '{"kind":"feedback","key":"torn","re');
    const after = createFileFeedbackStore({ dir, onCorrupt: (_f, line) => corrupt.push(line) });
    expect(await after.record(feedback("b"))).toBe(true);
    expect((await after.list("acme/infra")).map((e) => e.key)).toEqual(["a", "b"]);
    expect(corrupt).toEqual(['{"kind":"feedback","key":"torn","re']);
    const lines = (await readFile(join(dir, file ?? ""), "utf8")).trim().split("\n");
    expect(lines).toHaveLength(3);
  });

  it("refuses an event that does not match the schema, and loses nothing already recorded", async () => {
    const store = createFileFeedbackStore({ dir });
    await store.record(feedback("a"));
    await expect(store.record({ ...feedback("b"), key: "" })).rejects.toThrow();
    expect((await store.list("acme/infra")).map((e) => e.key)).toEqual(["a"]);
  });
});
