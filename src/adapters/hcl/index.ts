import { isTerraformJson } from "../../core/terraform/files.js";
import type { TerraformBody } from "../../core/terraform/types.js";
import {
  DIAGNOSTIC_FILENAME,
  type HclParseError,
  hclErrorFromText,
  jsonErrorFromException,
} from "./errors.js";
import { MAX_NESTING, findExcessiveNesting } from "./depth.js";
import { EngineFailure, type Hcl2JsonParse, callEngine, defaultEngine, guardEngine } from "./engine.js";
import { normalizeTfJson } from "./json.js";

export type { HclParseError } from "./errors.js";

export type HclParseResult = { ok: true; body: TerraformBody } | { ok: false; error: HclParseError };

/**
 * Parses one Terraform file (`.tf`/`.tofu` as HCL, `.tf.json`/`.tofu.json` as Terraform JSON) into the
 * hcl2json body shape.
 */
export interface HclParser {
  parse(path: string, content: string): Promise<HclParseResult>;
}

export interface HclParserOptions {
  /** Stand-in for hcl2json (tests); default: the shared WASM module. */
  engine?: Hcl2JsonParse;
  /** With calls waiting and none completing for this long, the engine is declared hung. Default 60 s. */
  timeoutMs?: number;
  /** Clock for that watchdog (tests); only with `engine`. */
  now?: () => number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

export function createHclParser(options: HclParserOptions = {}): HclParser {
  const engine = options.engine === undefined ? defaultEngine() : guardEngine(options.engine, options.now);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    async parse(path, content) {
      const json = isTerraformJson(path);
      const tooDeep = findExcessiveNesting(content, json);
      if (tooDeep !== null) {
        const message = `nesting deeper than ${MAX_NESTING} levels; not parsed (the parser would overflow its stack)`;
        return { ok: false, error: { message, ...tooDeep } };
      }
      if (json) return parseJson(content);
      try {
        return { ok: true, body: await callEngine(engine, DIAGNOSTIC_FILENAME, content, timeoutMs) };
      } catch (error) {
        if (error instanceof EngineFailure)
          return { ok: false, error: { message: error.message, line: null, column: null } };
        return { ok: false, error: hclErrorFromText(error instanceof Error ? error.message : String(error)) };
      }
    },
  };
}

function parseJson(content: string): HclParseResult {
  let document: unknown;
  try {
    document = JSON.parse(content);
  } catch (error) {
    return { ok: false, error: jsonErrorFromException(error, content) };
  }
  try {
    return { ok: true, body: normalizeTfJson(document) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { message: `invalid Terraform JSON: ${message}`, line: null, column: null } };
  }
}
