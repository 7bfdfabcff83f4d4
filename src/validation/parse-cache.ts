import { createHash } from "node:crypto";
import { type HclParser, type HclParseResult, createHclParser } from "../adapters/hcl/index.js";
import { isTerraformJson } from "../core/terraform/files.js";

// Source bytes whose parses are kept: a few large monorepos' worth, bounded whatever the input.
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

export const contentKey = (content: string): string => createHash("sha256").update(content).digest("base64");

/**
 * A parser that answers repeated content from memory. Parsing (hcl2json in WASM) is most of validation's
 * time; the agent validates the same tree at every repair round, and monorepos repeat files. The result
 * depends only on the content and on HCL vs JSON (the engine sees a fixed file name), so that is the key.
 * Bodies are shared between callers: they are read-only by contract (nothing in the validator writes them).
 */
export function cachingParser(inner: HclParser, maxBytes = MAX_CACHED_BYTES): HclParser {
  const cache = new Map<string, { result: HclParseResult; bytes: number }>();
  let bytes = 0;
  return {
    async parse(path, content) {
      const key = `${isTerraformJson(path) ? "j" : "h"}${contentKey(content)}`;
      const hit = cache.get(key);
      if (hit !== undefined) {
        // Least recently used goes first: re-insert on every hit.
        cache.delete(key);
        cache.set(key, hit);
        return hit.result;
      }
      const result = await inner.parse(path, content);
      const size = content.length;
      if (size > maxBytes) return result;
      cache.set(key, { result, bytes: size });
      bytes += size;
      for (const [old, entry] of cache) {
        if (bytes <= maxBytes) break;
        cache.delete(old);
        bytes -= entry.bytes;
      }
      return result;
    },
  };
}

let shared: HclParser | undefined;
/** The process-wide caching parser the validation entry points use unless given one. */
export function sharedParser(): HclParser {
  shared ??= cachingParser(createHclParser());
  return shared;
}
