import type { TerraformBody } from "../../core/terraform/types.js";
import {
  DIAGNOSTIC_FILENAME,
  type HclParseError,
  hclErrorFromText,
  jsonErrorFromException,
} from "./errors.js";
import { MAX_NESTING, findExcessiveNesting } from "./depth.js";
import { normalizeTfJson } from "./json.js";

export type { HclParseError } from "./errors.js";

export type HclParseResult = { ok: true; body: TerraformBody } | { ok: false; error: HclParseError };

/** Parses one Terraform file (`.tf` as HCL, `.tf.json` as Terraform JSON) into the hcl2json body shape. */
export interface HclParser {
  parse(path: string, content: string): Promise<HclParseResult>;
}

type Hcl2JsonParse = (filename: string, contents: string) => Promise<Record<string, unknown>>;

// hcl2json instantiates its WASM module on import (~300 ms), so only pay for it on the first parse.
let hcl2json: Promise<Hcl2JsonParse> | undefined;
function loadHcl2Json(): Promise<Hcl2JsonParse> {
  hcl2json ??= import("@cdktf/hcl2json").then((module) => module.parse as Hcl2JsonParse);
  return hcl2json;
}

export function createHclParser(): HclParser {
  return {
    async parse(path, content) {
      const json = path.endsWith(".tf.json");
      const tooDeep = findExcessiveNesting(content, json);
      if (tooDeep !== null) {
        const message = `nesting deeper than ${MAX_NESTING} levels; not parsed (the parser would overflow its stack)`;
        return { ok: false, error: { message, ...tooDeep } };
      }
      if (json) return parseJson(content);
      const parse = await loadHcl2Json();
      try {
        return { ok: true, body: await parse(DIAGNOSTIC_FILENAME, content) };
      } catch (error) {
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
