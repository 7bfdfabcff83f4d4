import type { Job } from "../types.js";
import { RetryLater, type JobAttempt } from "../../tasks/transient.js";
import type { Log } from "../../tasks/types.js";
import { runScript, type RedisClient } from "./client.js";
import { backoffDelay, type RedisKeys, type RedisQueueSettings } from "./keys.js";
import { ACQUIRE, FINISH, HEAD, RELEASE, RENEW } from "./scripts.js";

export interface ThreadDeps {
  redis: RedisClient;
  keys: RedisKeys;
  settings: RedisQueueSettings;
  process: (job: Job, attempt: JobAttempt) => Promise<void>;
  log: Log;
  /** True once the worker is shutting down: hand the thread back between jobs. */
  closing: () => boolean;
  now?: () => number;
}

/** What a wake-up ended with: done, or "come back at" (BullMQ re-delays the wake-up until then). */
export type WakeResult = { kind: "done" } | { kind: "later"; at: number };

/**
 * Runs a thread's waiting jobs one by one, in order, while holding its lock. Another worker that is woken
 * for the same thread finds the lock held and comes back when the lease would end; a killed holder's lease
 * runs out and its job (still at the head of the list) runs again elsewhere.
 */
export async function runThread(deps: ThreadDeps, thread: string, token: string): Promise<WakeResult> {
  const { redis, keys, settings } = deps;
  const now = deps.now ?? Date.now;
  const lock = keys.lock(thread);
  const taken = (await runScript(
    redis,
    ACQUIRE,
    [keys.thread(thread), lock, keys.after(thread)],
    [token, settings.leaseMs, now()],
  )) as number[];
  const [state, value = 0] = taken;
  if (state === 0) return { kind: "done" };
  if (state === 1) return { kind: "later", at: now() + Math.max(value, 50) + 25 };
  if (state === 2) return { kind: "later", at: value };

  let lost = false;
  const renewal = setInterval(() => {
    runScript(redis, RENEW, [lock], [token, settings.leaseMs]).then(
      (ok) => (lost ||= Number(ok) === 0),
      () => undefined, // Redis unreachable: the next renewal or FINISH decides.
    );
  }, settings.leaseMs / 3);
  try {
    for (;;) {
      if (deps.closing()) {
        await runScript(redis, RELEASE, [lock, keys.after(thread)], [token, 0]);
        return { kind: "later", at: now() };
      }
      const head = (await runScript(
        redis,
        HEAD,
        [keys.thread(thread), keys.payloads, keys.attempts, lock],
        [token],
      )) as [string, string | null, number] | [];
      if (head.length === 0) return { kind: "done" };
      const [id, json, starts] = head;
      if (json !== null && starts <= settings.maxAttempts + 2) {
        const job = JSON.parse(json) as Job;
        const attempt = { number: starts, final: starts >= settings.maxAttempts };
        try {
          await deps.process(job, attempt);
        } catch (error) {
          // The processor reports failures itself; anything else escaping it is a crash, retried like one.
          if (!(error instanceof RetryLater)) deps.log.error({ job: id, err: String(error) }, "job crashed");
          const retryAfter = error instanceof RetryLater ? error.retryAfterMs : null;
          const at = now() + backoffDelay(settings, starts, retryAfter);
          await runScript(redis, RELEASE, [lock, keys.after(thread)], [token, at]);
          return { kind: "later", at };
        }
      } else {
        // Started too often without finishing (it keeps killing workers), or its payload is gone.
        deps.log.error({ job: id, thread, starts }, "job dropped: it never finished after repeated starts");
      }
      const finished = Number(
        await runScript(
          redis,
          FINISH,
          [keys.thread(thread), keys.payloads, keys.attempts, lock, keys.threads, keys.after(thread)],
          [token, id, settings.leaseMs, thread],
        ),
      );
      if (finished !== 2 || lost) return { kind: "done" };
    }
  } finally {
    clearInterval(renewal);
  }
}
