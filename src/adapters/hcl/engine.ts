/** The raw hcl2json call: resolves to the JSON body or rejects with its diagnostics text. */
export type Hcl2JsonParse = (filename: string, contents: string) => Promise<Record<string, unknown>>;

export interface GuardedEngine {
  parse: Hcl2JsonParse;
  /** Why the engine can no longer be used, once it has failed in a way it does not recover from. */
  broken: string | null;
  /** Rejecters of the calls waiting for an answer. */
  pending: Set<(error: Error) => void>;
  /** When a call last completed (or the first of the pending calls started). */
  lastProgress: number;
  watchdog: NodeJS.Timeout | undefined;
  now: () => number;
}

// hcl2json instantiates its WASM module on import (~300 ms), so only pay for it on the first parse.
let hcl2json: Promise<Hcl2JsonParse> | undefined;
function loadHcl2Json(): Promise<Hcl2JsonParse> {
  hcl2json ??= import("@cdktf/hcl2json").then((module) => module.parse as Hcl2JsonParse);
  return hcl2json;
}

export function guardEngine(parse: Hcl2JsonParse, now: () => number = Date.now): GuardedEngine {
  return { parse, broken: null, pending: new Set(), lastProgress: 0, watchdog: undefined, now };
}

// One WASM instance per process: when it breaks, it is broken for every parser.
const wasmEngine = guardEngine(async (filename, contents) => (await loadHcl2Json())(filename, contents));

export function defaultEngine(): GuardedEngine {
  return wasmEngine;
}

/** The Go runtime inside the WASM module does not survive these: later calls would hang or abort. */
const FATAL = /Maximum call stack size exceeded|Go program has already exited/;

export class EngineFailure extends Error {
  override name = "EngineFailure";
}

/**
 * Calls the engine under a watchdog. The WASM module answers queued calls one after another, so a
 * per-call deadline would punish files that merely waited their turn; instead the engine is declared
 * hung when no call at all has completed for `timeoutMs`. A hang or a failure the runtime does not
 * survive marks the engine broken, so later files fail fast with the reason instead of hanging the job.
 */
export function callEngine(
  engine: GuardedEngine,
  filename: string,
  contents: string,
  timeoutMs: number,
): Promise<Record<string, unknown>> {
  if (engine.broken !== null) return Promise.reject(new EngineFailure(engine.broken));
  return new Promise((resolve, reject) => {
    const fail = (error: Error): void => reject(error);
    if (engine.pending.size === 0) engine.lastProgress = engine.now();
    engine.pending.add(fail);
    startWatchdog(engine, timeoutMs);
    engine.parse(filename, contents).then(
      (body) => {
        settle(engine, fail);
        resolve(body);
      },
      (error: unknown) => {
        settle(engine, fail);
        const message = error instanceof Error ? error.message : String(error);
        if (FATAL.test(message)) reject(new EngineFailure(breakEngine(engine, message)));
        else reject(error instanceof Error ? error : new Error(message));
      },
    );
  });
}

function settle(engine: GuardedEngine, fail: (error: Error) => void): void {
  engine.pending.delete(fail);
  engine.lastProgress = engine.now();
}

function startWatchdog(engine: GuardedEngine, timeoutMs: number): void {
  if (engine.watchdog !== undefined) return;
  engine.watchdog = setInterval(
    () => {
      if (engine.pending.size === 0) return stopWatchdog(engine);
      if (engine.now() - engine.lastProgress < timeoutMs) return undefined;
      const reason = breakEngine(engine, `no answer within ${timeoutMs} ms`);
      for (const fail of engine.pending) fail(new EngineFailure(reason));
      engine.pending.clear();
      return stopWatchdog(engine);
    },
    Math.max(1, Math.min(1000, timeoutMs / 4)),
  );
  engine.watchdog.unref();
}

function stopWatchdog(engine: GuardedEngine): void {
  clearInterval(engine.watchdog);
  engine.watchdog = undefined;
}

function breakEngine(engine: GuardedEngine, cause: string): string {
  engine.broken ??= `the HCL parser stopped working (${cause.split("\n")[0] ?? ""}); restart to parse again`;
  return engine.broken;
}
