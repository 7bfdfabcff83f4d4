import { Worker } from "node:worker_threads";
import { tsThreadBoot } from "../thread-boot.js";
import type { Job } from "./types.js";
import type { FromWorker, ToWorker, WorkerSettings } from "./worker-protocol.js";

export interface WorkerProcessor {
  process(job: Job): Promise<void>;
  close(): Promise<void>;
}

// In a source checkout (tsx, Jest) the entry is TypeScript and the thread boots tsx itself (tsThreadBoot).
function spawnWorker(settings: WorkerSettings): Worker {
  if (!import.meta.url.endsWith(".ts")) {
    return new Worker(new URL("./worker-entry.js", import.meta.url), { workerData: settings });
  }
  const boot = tsThreadBoot(new URL("./worker-entry.ts", import.meta.url));
  return new Worker(boot, { eval: true, workerData: settings });
}

/** Sends jobs to one worker thread and settles each job's promise when the worker reports back. */
export function createWorkerProcessor(settings: WorkerSettings): WorkerProcessor {
  const pending = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  let worker: Worker | null = null;

  const start = (): Worker => {
    const created = spawnWorker(settings);
    created.on("message", (message: FromWorker) => {
      if (message.type === "ready") return;
      const entry = pending.get(message.id);
      pending.delete(message.id);
      if (message.type === "done") entry?.resolve();
      else entry?.reject(new Error(message.error));
    });
    const failAll = (reason: string) => {
      for (const entry of pending.values()) entry.reject(new Error(reason));
      pending.clear();
      if (worker === created) worker = null;
    };
    created.on("error", (error) => failAll(`job worker crashed: ${error.message}`));
    created.on("exit", (code) => failAll(`job worker exited with code ${code}`));
    return created;
  };

  return {
    process(job) {
      worker ??= start();
      const target = worker;
      return new Promise<void>((resolve, reject) => {
        pending.set(job.id, { resolve, reject });
        target.postMessage({ type: "job", job } satisfies ToWorker);
      });
    },
    async close() {
      const current = worker;
      worker = null;
      if (current) await current.terminate();
    },
  };
}
