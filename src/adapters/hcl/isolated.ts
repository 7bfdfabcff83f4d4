import { Worker } from "node:worker_threads";

export type ToHclWorker = { id: number; filename: string; contents: string };
export type FromHclWorker =
  | { id: number; ok: true; body: Record<string, unknown> }
  | { id: number; ok: false; message: string };

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
  // Source checkout (tsx, Jest): the thread registers the tsx loader itself, as jobs/worker-processor does.
  const entry = JSON.stringify(new URL("./worker.ts", import.meta.url).href);
  const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(boot, { eval: true, resourceLimits: RESOURCE_LIMITS });
}

interface Pending extends ToHclWorker {
  resolve: (body: Record<string, unknown>) => void;
  reject: (error: Error) => void;
}

/**
 * hcl2json on a replaceable thread. Files are answered in order; the one at the head has `timeoutMs` to be
 * answered. A hang (past the deadline), a crash (the thread dies, e.g. its heap cap is hit) or a fatal Go
 * error fails that one file with the reason; the thread is replaced and the files queued behind it are
 * sent again. Nothing is ever marked broken for the process.
 */
export function createIsolatedEngine(options: { timeoutMs: number; spawn?: () => EngineThread }) {
  const spawn = options.spawn ?? spawnHclThread;
  const queue: Pending[] = [];
  let thread: EngineThread | null = null;
  let deadline: NodeJS.Timeout | undefined;
  let nextId = 1;

  const armDeadline = () => {
    clearTimeout(deadline);
    deadline = undefined;
    if (queue.length === 0) return thread?.unref();
    thread?.ref();
    const head = queue[0];
    deadline = setTimeout(() => {
      if (queue[0] === head) replace(`no answer within ${options.timeoutMs} ms`);
    }, options.timeoutMs);
    deadline.unref();
  };

  /** Fails the head file with `reason`, starts a fresh thread and re-sends the rest. */
  const replace = (reason: string) => {
    const old = thread;
    thread = null;
    void old?.terminate();
    queue.shift()?.reject(new EngineFailure(`the HCL parser failed on this file (${reason}); it was restarted`));
    if (queue.length > 0) {
      const live = start();
      for (const item of queue) live.postMessage({ id: item.id, filename: item.filename, contents: item.contents });
    }
    armDeadline();
  };

  const start = (): EngineThread => {
    const created = spawn();
    thread = created;
    created.on("message", (answer: FromHclWorker) => {
      if (thread !== created) return;
      const head = queue[0];
      if (head?.id !== answer.id) return;
      if (!answer.ok && FATAL.test(answer.message)) return replace(answer.message.split("\n")[0] ?? "");
      queue.shift();
      if (answer.ok) head.resolve(answer.body);
      else head.reject(new Error(answer.message));
      armDeadline();
    });
    const died = (why: string) => {
      if (thread === created && queue.length > 0) replace(why);
      else if (thread === created) thread = null;
    };
    created.on("error", (error: Error) => died(error.message.split("\n")[0] ?? "thread error"));
    created.on("exit", (code: number) => died(`the parser thread exited with code ${code}`));
    return created;
  };

  return {
    parse(filename: string, contents: string): Promise<Record<string, unknown>> {
      return new Promise((resolve, reject) => {
        const item: Pending = { id: nextId++, filename, contents, resolve, reject };
        queue.push(item);
        (thread ?? start()).postMessage({ id: item.id, filename, contents });
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
