// The hcl2json WASM module on its own thread, so the main thread can terminate and replace it when a
// file crashes or hangs it (see isolated.ts) without losing the process.
import { parentPort } from "node:worker_threads";
import { parse } from "@cdktf/hcl2json";
import type { FromHclWorker, ToHclWorker } from "./isolated.js";

const port = parentPort;
if (!port) throw new Error("adapters/hcl/worker must run on a worker thread");
// Instantiate the WASM module before saying ready, so its start-up is not charged to the first file.
await parse("warmup.tf", "");
port.postMessage({ ready: true } satisfies FromHclWorker);
// Calls run concurrently, as in-process callers run them: the Go runtime interleaves them.
port.on("message", (request: ToHclWorker) => {
  void (async () => {
    let answer: FromHclWorker;
    try {
      answer = { id: request.id, ok: true, body: await parse(request.filename, request.contents) };
    } catch (error) {
      answer = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(answer);
  })();
});
