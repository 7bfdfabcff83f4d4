// The hcl2json WASM module on its own thread: one file at a time, so a crash or a hang is attributable to
// the file being parsed, and the main thread can terminate and replace this thread without losing others.
import { parentPort } from "node:worker_threads";
import { parse } from "@cdktf/hcl2json";
import type { FromHclWorker, ToHclWorker } from "./isolated.js";

const port = parentPort;
if (!port) throw new Error("adapters/hcl/worker must run on a worker thread");
let queue = Promise.resolve();
port.on("message", (request: ToHclWorker) => {
  queue = queue.then(async () => {
    let answer: FromHclWorker;
    try {
      answer = { id: request.id, ok: true, body: await parse(request.filename, request.contents) };
    } catch (error) {
      answer = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(answer);
  });
});
