// Runs jobs on a worker thread so their CPU work (HTTP clients, parsing, validation) never delays the
// webhook acknowledgements served by the main thread.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { createJobHost } from "./job-host.js";
import { WorkerSettingsSchema, type FromWorker, type ToWorker } from "./worker-protocol.js";

const settings = WorkerSettingsSchema.parse(workerData);
lowerThisThreadsPriority();
const { process: processJob } = await createJobHost(settings);

const port = parentPort;
if (!port) throw new Error("worker-entry must run on a worker thread");
port.on("message", (message: ToWorker) => {
  void processJob(message.job).then(
    () => port.postMessage({ type: "done", id: message.job.id } satisfies FromWorker),
    (error: unknown) =>
      port.postMessage({ type: "failed", id: message.job.id, error: String(error) } satisfies FromWorker),
  );
});
port.postMessage({ type: "ready" } satisfies FromWorker);

/**
 * When the machine is busy, acknowledging webhooks matters more than finishing jobs a few milliseconds
 * sooner. On Linux each thread has its own nice value, so the job thread lowers only its own.
 */
function lowerThisThreadsPriority(): void {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // Not Linux, or not permitted: jobs simply run at normal priority.
  }
}
