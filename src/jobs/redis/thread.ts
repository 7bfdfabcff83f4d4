import type { Job } from "../types.js";
import { RetryLater, type JobAttempt } from "../../tasks/transient.js";
import { LeaseLost, withFence } from "../fence.js";
import type { Log } from "../../tasks/types.js";
import { runScript, type RedisClient } from "./client.js";
import { backoffDelay, type RedisKeys, type RedisQueueSettings } from "./keys.js";
import { ACQUIRE, FENCE, FINISH, HEAD, RELEASE } from "./scripts.js";

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
 * runs out and its job (still at the head of the list) runs again elsewhere. A holder that was only slow
 * (starved past its lease) and got overtaken abandons its job at the next fence, without showing anything.
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

  // The job running now, for the fence: a lapsed lease is taken back only if nobody started it since.
  let running = { id: "", starts: 0 };
  let lost = false;
  // Off while a script that ends the hold (FINISH, RELEASE) is under way: a renewal sent after it would
  // find the lock gone and count a lease lost that never was.
  let renewing = true;
  const check = async (): Promise<void> => {
    if (lost) throw new LeaseLost(thread);
    const owned = Number(
      await runScript(
        redis,
        FENCE,
        [lock, keys.thread(thread), keys.attempts, keys.counters],
        [token, settings.leaseMs, running.id, running.starts],
      ),
    );
    if (owned === 0) {
      // Counted once per run, though a renewal and a fence may both find out.
      if (!lost) void redis.hincrby(keys.counters, "lease-lost", 1).catch(() => undefined);
      lost = true;
      throw new LeaseLost(thread);
    }
  };
  const renewal = setInterval(() => {
    // Redis unreachable: the next renewal or fence decides.
    if (renewing) check().catch(() => undefined);
  }, settings.leaseMs / 3);
  try {
    for (;;) {
      if (deps.closing()) {
        renewing = false;
        await runScript(redis, RELEASE, [lock, keys.after(thread)], [token, 0]);
        return { kind: "later", at: now() };
      }
      const head = (await runScript(
        redis,
        HEAD,
        [keys.thread(thread), keys.payloads, keys.attempts, lock, keys.counters],
        [token],
      )) as [string, string | null, number] | [];
      if (head.length === 0) return { kind: "done" };
      const [id, json, starts] = head;
      running = { id, starts };
      let record = "";
      if (json === null) {
        deps.log.error({ job: id, thread }, "job dropped: its payload is gone");
      } else if (starts > settings.maxAttempts) {
        // Every start so far ended without finishing: its worker died each time (a crash, the memory
        // limit), or it crashed in-process. Not run again; the user hears back and Redis keeps a record.
        const job = JSON.parse(json) as Job;
        const reported = await withFence(check, () => tell(deps, job, settings.maxAttempts));
        if (lost) return abandoned(deps, id, thread);
        if (!reported && starts - settings.maxAttempts < REPORT_TRIES) {
          const at = now() + backoffDelay(settings, starts - settings.maxAttempts, null);
          renewing = false;
          await runScript(redis, RELEASE, [lock, keys.after(thread)], [token, at]);
          return { kind: "later", at };
        }
        record = JSON.stringify({ id, thread, starts: settings.maxAttempts, reported, at: now() });
      } else {
        const job = JSON.parse(json) as Job;
        const attempt = { number: starts, final: starts >= settings.maxAttempts };
        try {
          await withFence(check, () => deps.process(job, attempt));
        } catch (error) {
          // Overtaken: the worker that has the thread now runs this job; nothing more is ours to do.
          if (error instanceof LeaseLost || lost) return abandoned(deps, id, thread);
          // The processor reports failures itself; anything else escaping it is a crash, retried like one.
          if (!(error instanceof RetryLater)) deps.log.error({ job: id, err: String(error) }, "job crashed");
          const retryAfter = error instanceof RetryLater ? error.retryAfterMs : null;
          const at = now() + backoffDelay(settings, starts, retryAfter);
          renewing = false;
          await runScript(redis, RELEASE, [lock, keys.after(thread)], [token, at]);
          return { kind: "later", at };
        }
      }
      renewing = false;
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
          [token, id, settings.leaseMs, thread, record, starts],
        ),
      );
      // Lost after the job ended: the new holder runs it again, and its outcome converges (sticky comments).
      if (finished === 0 || lost) return abandoned(deps, id, thread);
      if (finished !== 2) return { kind: "done" };
      renewing = true;
    }
  } finally {
    clearInterval(renewal);
  }
}

function abandoned(deps: ThreadDeps, id: string, thread: string): WakeResult {
  deps.log.warn({ job: id, thread }, "job abandoned: its lease was lost and another worker has its thread");
  return { kind: "done" };
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
