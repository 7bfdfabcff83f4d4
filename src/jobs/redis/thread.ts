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
  /** Tells the job's issue/PR it was given up; rejects when that could not be said. */
  giveUp: (job: Job, starts: number) => Promise<void>;
  log: Log;
  /** True once the worker is shutting down: hand the thread back between jobs. */
  closing: () => boolean;
  now?: () => number;
}

/** How many times a given-up job's failure comment is tried (GitHub down) before only the record stays. */
const REPORT_TRIES = 3;

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
      let record = "";
      if (json === null) {
        deps.log.error({ job: id, thread }, "job dropped: its payload is gone");
      } else if (starts > settings.maxAttempts) {
        // Every start so far ended without finishing: its worker died each time (a crash, the memory
        // limit), or it crashed in-process. Not run again; the user hears back and Redis keeps a record.
        const job = JSON.parse(json) as Job;
        const reported = await tell(deps, job, settings.maxAttempts);
        if (!reported && starts - settings.maxAttempts < REPORT_TRIES) {
          const at = now() + backoffDelay(settings, starts - settings.maxAttempts, null);
          await runScript(redis, RELEASE, [lock, keys.after(thread)], [token, at]);
          return { kind: "later", at };
        }
        record = JSON.stringify({ id, thread, starts: settings.maxAttempts, reported, at: now() });
      } else {
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
      }
      const finished = Number(
        await runScript(
          redis,
          FINISH,
          [
            keys.thread(thread),
            keys.payloads,
            keys.attempts,
            lock,
            keys.threads,
            keys.after(thread),
            keys.failed,
            keys.failedCount,
          ],
          [token, id, settings.leaseMs, thread, record],
        ),
      );
      if (finished !== 2 || lost) return { kind: "done" };
    }
  } finally {
    clearInterval(renewal);
  }
}

async function tell(deps: ThreadDeps, job: Job, starts: number): Promise<boolean> {
  deps.log.error({ job: job.id, starts }, "job given up: it never finished in its attempts");
  try {
    await deps.giveUp(job, starts);
    return true;
  } catch (error) {
    deps.log.warn({ job: job.id, err: String(error) }, "could not report a given-up job on GitHub");
    return false;
  }
}
