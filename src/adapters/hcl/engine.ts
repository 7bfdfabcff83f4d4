/** The raw hcl2json call: resolves to the JSON body or rejects with its diagnostics text. */
export type Hcl2JsonParse = (filename: string, contents: string) => Promise<Record<string, unknown>>;

export interface GuardedEngine {
  parse: Hcl2JsonParse;
  /** Why the engine can no longer be used, once it has failed in a way it does not recover from. */
  broken: string | null;
}

// hcl2json instantiates its WASM module on import (~300 ms), so only pay for it on the first parse.
let hcl2json: Promise<Hcl2JsonParse> | undefined;
function loadHcl2Json(): Promise<Hcl2JsonParse> {
  hcl2json ??= import("@cdktf/hcl2json").then((module) => module.parse as Hcl2JsonParse);
  return hcl2json;
}

// One WASM instance per process: when it breaks, it is broken for every parser.
const wasmEngine: GuardedEngine = {
  parse: async (filename, contents) => (await loadHcl2Json())(filename, contents),
  broken: null,
};

export function defaultEngine(): GuardedEngine {
  return wasmEngine;
}

export function guardEngine(parse: Hcl2JsonParse): GuardedEngine {
  return { parse, broken: null };
}

/** The Go runtime inside the WASM module does not survive these: later calls would hang or abort. */
const FATAL = /Maximum call stack size exceeded|Go program has already exited/;

export class EngineFailure extends Error {
  override name = "EngineFailure";
}

/**
 * Calls the engine with a deadline. A call that never answers, or a failure the runtime does not survive,
 * marks the engine broken so later files fail fast with a clear reason instead of hanging the job.
 */
export async function callEngine(
  engine: GuardedEngine,
  filename: string,
  contents: string,
  timeoutMs: number,
): Promise<Record<string, unknown>> {
  if (engine.broken !== null) throw new EngineFailure(engine.broken);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EngineFailure(`no answer within ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([engine.parse(filename, contents), deadline]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof EngineFailure || FATAL.test(message)) {
      engine.broken = `the HCL parser stopped working (${message.split("\n")[0] ?? ""}); restart to parse again`;
      throw new EngineFailure(engine.broken);
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
