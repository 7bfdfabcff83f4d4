// Fencing for queue workers. A worker holds a thread by a lease; a worker that stalls past its lease (CPU
// starvation, a long GC, SIGSTOP, a network partition) may find that another worker took the thread over
// and is running the same job. Both would then post the job's outcome. So every user-visible write first
// passes the fence: it checks, atomically in Redis, that this worker still owns the job (extending the
// lease), and otherwise throws LeaseLost so the stale worker abandons the job without showing anything.
import { AsyncLocalStorage } from "node:async_hooks";

/** Thrown at a fence once another worker has the job's thread: this run must show nothing more. */
export class LeaseLost extends Error {
  override name = "LeaseLost";
  constructor(thread: string) {
    super(`lease on ${thread} lost: another worker runs its job now`);
  }
}

/** Resolves when the current job still owns its thread (and extends the lease); rejects with LeaseLost. */
export type FenceCheck = () => Promise<void>;

// The job's fence travels with its async context, so the Octokit hook and git push find it without every
// task passing it along. Jobs outside a Redis worker (the in-process queue, the CLI) have none.
const current = new AsyncLocalStorage<FenceCheck>();

export function withFence<T>(check: FenceCheck, work: () => Promise<T>): Promise<T> {
  return current.run(check, work);
}

/** Call right before a user-visible side effect; a no-op outside a fenced job. */
export async function fence(): Promise<void> {
  await current.getStore()?.();
}

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

interface HookedOctokit {
  hook: { before(name: "request", hook: (options: { method?: string; url?: string }) => unknown): void };
}

/**
 * Octokit plugin: every request that may change something on GitHub passes the fence first. Added last,
 * so its hook is the outermost one and runs in the job's own async context (before throttling queues the
 * request, whose scheduler would otherwise carry another job's context).
 */
export function fencedWrites(octokit: HookedOctokit): void {
  octokit.hook.before("request", async (options) => {
    // GraphQL queries are POSTs too; they only read, and are cheap to fence anyway.
    if (!READS.has((options.method ?? "GET").toUpperCase())) await fence();
  });
}
