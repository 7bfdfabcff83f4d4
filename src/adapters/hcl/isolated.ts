import { Worker } from "node:worker_threads";
import { tsThreadBoot } from "../../thread-boot.js";

export type ToHclWorker = { id: number; filename: string; contents: string };
export type FromHclWorker =
  | { ready: true }
  | { id: number; ok: true; body: Record<string, unknown> }
  | { id: number; ok: false; message: string };

// Starting a thread and instantiating the WASM module is not the file's fault: the per-file deadline
// starts once the thread says it is ready, and a thread gets this long to get there.
const STARTUP_MS = 60_000;

/** What the engine needs of a worker thread (a real `Worker`; tests may script one). */
export interface EngineThread {
  postMessage(message: ToHclWorker): void;
  on(event: "message", listener: (message: FromHclWorker) => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  on(event: "exit", listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
  ref(): void;
  unref(): void;
}

export class EngineFailure extends Error {
  override name = "EngineFailure";
}

/** The Go runtime inside the WASM module does not survive these: the thread is replaced. */
const FATAL = /Maximum call stack size exceeded|Go program has already exited|out of memory/i;

// The JS heap of the parser thread (the parsed body lives there); the WASM memory itself is bounded by the
// size cap on input files that the callers apply.
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 };

export function spawnHclThread(): EngineThread {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./hcl-worker.js", import.meta.url), { resourceLimits: RESOURCE_LIMITS });
  const boot = tsThreadBoot(new URL("./worker.ts", import.meta.url));
  return new Worker(boot, { eval: true, resourceLimits: RESOURCE_LIMITS });
}

interface Pending extends ToHclWorker {
  resolve: (body: Record<string, unknown>) => void;
  reject: (error: Error) => void;
}

/**
 * hcl2json on a replaceable thread. Files are sent as they come (the Go runtime interleaves them, which is
 * what keeps throughput close to in-process parsing). When the thread hangs (no answer for `timeoutMs`),
 * dies (e.g. its heap cap is hit) or reports a fatal Go error, nobody is blamed yet: a fresh thread gets
 * the outstanding files one at a time, each with its own deadline, so the file that breaks it fails alone
 * with the reason and every other file is parsed. Nothing is ever marked broken for the process.
 */
export function createIsolatedEngine(options: { timeoutMs: number; spawn?: () => EngineThread }) {
  const spawn = options.spawn ?? spawnHclThread;
  const queue: Pending[] = [];
  let thread: EngineThread | null = null;
  let ready = false;
  let serial = false;
  let sent = 0;
  let deadline: NodeJS.Timeout | undefined;
  let nextId = 1;

  const send = (live: EngineThread, item: Pending) =>
    live.postMessage({ id: item.id, filename: item.filename, contents: item.contents });

  /** Sends what the mode allows: everything, or the head file alone. */
  const pump = () => {
    const live = thread ?? start();
    const limit = serial ? Math.min(queue.length, 1) : queue.length;
    while (sent < limit) send(live, queue[sent++] as Pending);
  };

  const armDeadline = () => {
    clearTimeout(deadline);
    deadline = undefined;
    if (queue.length === 0) {
      serial = false;
      return thread?.unref();
    }
    thread?.ref();
    const limit = ready ? options.timeoutMs : Math.max(STARTUP_MS, options.timeoutMs);
    deadline = setTimeout(
      () =>
        fail(ready ? `no answer within ${limit} ms` : `the parser thread did not start within ${limit} ms`),
      limit,
    );
    deadline.unref();
  };

  /** The thread is lost: blame the head file if it was alone, otherwise retry everything one by one. */
  const fail = (reason: string) => {
    const old = thread;
    thread = null;
    void old?.terminate();
    if (serial)
      queue
        .shift()
        ?.reject(new EngineFailure(`the HCL parser failed on this file (${reason}); it was restarted`));
    serial = true;
    sent = 0;
    if (queue.length > 0) pump();
    armDeadline();
  };

  const start = (): EngineThread => {
    const created = spawn();
    thread = created;
    ready = false;
    created.on("message", (answer: FromHclWorker) => {
      if (thread !== created) return;
      if ("ready" in answer) {
        ready = true;
        return armDeadline();
      }
      const index = queue.findIndex((item) => item.id === answer.id);
      const item = queue[index];
      if (item === undefined) return undefined;
      if (!answer.ok && FATAL.test(answer.message)) return fail(answer.message.split("\n")[0] ?? "");
      queue.splice(index, 1);
      sent -= 1;
      if (answer.ok) item.resolve(answer.body);
      else item.reject(new Error(answer.message));
      if (serial) pump();
      return armDeadline();
    });
    const died = (why: string) => {
      if (thread === created && queue.length > 0) fail(why);
      else if (thread === created) thread = null;
    };
    created.on("error", (error: Error) => died(error.message.split("\n")[0] ?? "thread error"));
    created.on("exit", (code: number) => died(`the parser thread exited with code ${code}`));
    return created;
  };

  return {
    parse(filename: string, contents: string): Promise<Record<string, unknown>> {
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, filename, contents, resolve, reject });
        pump();
        if (queue.length === 1) armDeadline();
      });
    },
    async close(): Promise<void> {
      clearTimeout(deadline);
      const old = thread;
      thread = null;
      await old?.terminate();
    },
  };
}
