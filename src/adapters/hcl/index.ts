import { isTerraformJson } from "../../core/terraform/files.js";
import type { TerraformBody } from "../../core/terraform/types.js";
import {
  DIAGNOSTIC_FILENAME,
  type HclParseError,
  hclErrorFromText,
  jsonErrorFromException,
} from "./errors.js";
import { MAX_NESTING, findExcessiveNesting } from "./depth.js";
import {
  EngineFailure,
  type EngineThread,
  type Hcl2JsonParse,
  inlineEngine,
  isolatedEngine,
} from "./engine.js";
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
  /** Stand-in for hcl2json (tests of this module's own logic), called in this thread. */
  engine?: Hcl2JsonParse;
  /**
   * `thread` (default): hcl2json on a replaceable worker thread, so a crash, stack overflow or hang costs
   * one file. `inline`: in this thread, unprotected (to measure the isolation; `HCL_PARSER=inline`).
   */
  isolation?: "thread" | "inline";
  /** Per-file deadline on the parser thread. Default 10 s. */
  timeoutMs?: number;
  /** Starts the parser thread (tests start hostile ones); default: hcl2json's worker. */
  spawn?: () => EngineThread;
  /** Nesting the pre-parse guard lets through; default `MAX_NESTING`. */
  maxNesting?: number;
}

export function createHclParser(options: HclParserOptions = {}): HclParser {
  const isolation = options.isolation ?? (process.env["HCL_PARSER"] === "inline" ? "inline" : "thread");
  const engine =
    options.engine ??
    (isolation === "inline"
      ? inlineEngine()
      : isolatedEngine({
          ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
          ...(options.spawn === undefined ? {} : { spawn: options.spawn }),
        }));
  const limit = options.maxNesting ?? MAX_NESTING;
  return {
    async parse(path, content) {
      const json = isTerraformJson(path);
      const tooDeep = findExcessiveNesting(content, json, limit);
      if (tooDeep !== null) {
        const message = `nesting deeper than ${limit} levels; not parsed (the parser would overflow its stack)`;
        return { ok: false, error: { message, ...tooDeep } };
      }
      if (json) return parseJson(content);
      try {
        return { ok: true, body: await engine(DIAGNOSTIC_FILENAME, content) };
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
