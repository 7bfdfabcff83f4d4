import { describe, expect, it } from "@jest/globals";
import { createMemoryQueue } from "../../src/jobs/memory-queue.js";
import type { Job } from "../../src/jobs/types.js";

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

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("the in-process queue", () => {
  it("runs jobs of one thread one at a time in arrival order, other threads in parallel", async () => {
    const events: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const queue = createMemoryQueue({
      concurrency: 4,
      onUnhandled: () => undefined,
      process: async (j) => {
        events.push(`start ${j.id}`);
        const gate = deferred();
        gates.set(j.id, gate);
        await gate.promise;
        events.push(`end ${j.id}`);
      },
    });
    void queue.enqueue(job("a1", 1));
    void queue.enqueue(job("a2", 1));
    void queue.enqueue(job("b1", 2));
    expect(events).toEqual(["start a1", "start b1"]);
    gates.get("a1")?.resolve();
    await new Promise((r) => setImmediate(r));
    expect(events).toEqual(["start a1", "start b1", "end a1", "start a2"]);
    gates.get("a2")?.resolve();
    gates.get("b1")?.resolve();
    await queue.idle();
    expect(await queue.stats()).toEqual({ running: 0, waiting: 0, seen: 3 });
  });

  it("drops a job id it has seen and respects the concurrency bound", async () => {
    let concurrent = 0;
    let peak = 0;
    const queue = createMemoryQueue({
      concurrency: 2,
      onUnhandled: () => undefined,
      process: async () => {
        concurrent += 1;
        peak = Math.max(peak, concurrent);
        await new Promise((r) => setTimeout(r, 5));
        concurrent -= 1;
      },
    });
    expect(await queue.enqueue(job("x", 1))).toBe(true);
    expect(await queue.enqueue(job("x", 1))).toBe(false);
    for (let i = 2; i < 10; i += 1) void queue.enqueue(job(`j${i}`, i));
    await queue.idle();
    expect(peak).toBe(2);
  });

  it("stops accepting on drain and reports jobs abandoned at the timeout", async () => {
    const never = deferred();
    const errors: unknown[] = [];
    const queue = createMemoryQueue({
      concurrency: 1,
      process: () => never.promise,
      onUnhandled: (_j, e) => errors.push(e),
    });
    void queue.enqueue(job("slow", 1));
    void queue.enqueue(job("next", 1));
    expect(await queue.drain(20)).toEqual({ finished: false, abandoned: 2 });
    expect(await queue.enqueue(job("late", 3))).toBe(false);
  });

  it("keeps going when a job throws", async () => {
    const errors: string[] = [];
    const queue = createMemoryQueue({
      concurrency: 1,
      onUnhandled: (j) => errors.push(j.id),
      process: (j) => (j.id === "bad" ? Promise.reject(new Error("x")) : Promise.resolve()),
    });
    void queue.enqueue(job("bad", 1));
    void queue.enqueue(job("good", 1));
    await queue.idle();
    expect(errors).toEqual(["bad"]);
    expect((await queue.stats()).running).toBe(0);
  });
});
