import { type EngineThread, createIsolatedEngine } from "./isolated.js";

/** The raw hcl2json call: resolves to the JSON body or rejects with its diagnostics text. */
export type Hcl2JsonParse = (filename: string, contents: string) => Promise<Record<string, unknown>>;

export { EngineFailure, type EngineThread } from "./isolated.js";

// hcl2json instantiates its WASM module on import (~300 ms), so only pay for it on the first parse.
let hcl2json: Promise<Hcl2JsonParse> | undefined;
/** hcl2json in this thread: no isolation. Only for measuring what the isolation costs (`HCL_PARSER=inline`). */
export function inlineEngine(): Hcl2JsonParse {
  return async (filename, contents) => {
    hcl2json ??= import("@cdktf/hcl2json").then((module) => module.parse as Hcl2JsonParse);
    return (await hcl2json)(filename, contents);
  };
}

export const DEFAULT_TIMEOUT_MS = 10_000;

// One warm parser thread per process, shared by every parser with the default settings: starting a
// thread and instantiating the WASM module costs ~300 ms, a message round trip a few microseconds.
let shared: Hcl2JsonParse | undefined;

/**
 * hcl2json on a replaceable worker thread with a per-file deadline and a heap cap: a file that crashes,
 * overflows or hangs the Go runtime fails alone and the thread is replaced for the next one.
 */
export function isolatedEngine(
  options: { timeoutMs?: number; spawn?: () => EngineThread } = {},
): Hcl2JsonParse {
  if (options.timeoutMs === undefined && options.spawn === undefined) {
    if (shared === undefined) {
      const engine = createIsolatedEngine({ timeoutMs: DEFAULT_TIMEOUT_MS });
      shared = (filename, contents) => engine.parse(filename, contents);
    }
    return shared;
  }
  const engine = createIsolatedEngine({ timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, ...options });
  return (filename, contents) => engine.parse(filename, contents);
}
