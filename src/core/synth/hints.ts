import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { SynthHints } from "./types.js";

const hintsSchema = z.object({
  oneOf: z.record(z.string(), z.array(z.array(z.string()))),
  blocks: z.record(z.string(), z.array(z.string())),
  minItems: z.record(z.string(), z.record(z.string(), z.number())),
});

let cached: SynthHints | undefined;

/**
 * Constraints the provider enforces at `terraform validate` but its schema does not state, derived by
 * `npm run synth:hints` from real validation of every resource type (see scripts/derive-synth-hints.ts).
 */
export function loadSynthHints(): SynthHints {
  if (cached !== undefined) return cached;
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, "hints.json"),
    join(here, "..", "..", "..", "..", "src", "core", "synth", "hints.json"),
  ];
  for (const path of candidates) {
    try {
      cached = hintsSchema.parse(JSON.parse(readFileSync(path, "utf8")));
      return cached;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  cached = { oneOf: {}, blocks: {}, minItems: {} };
  return cached;
}
