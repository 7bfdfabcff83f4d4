import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { excerptFromText } from "../../../src/core/logs/index.js";
import type { LogExcerpt } from "../../../src/core/logs/index.js";

const here = dirname(fileURLToPath(import.meta.url));
export const LOG_FIXTURES = join(here, "../../fixtures/logs");

export function readLog(name: string): string {
  return readFileSync(join(LOG_FIXTURES, name), "utf8");
}

export function excerptOf(name: string): LogExcerpt {
  return excerptFromText(readLog(name));
}
