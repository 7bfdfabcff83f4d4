import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Reads a plan fixture from test/fixtures/plan as bytes, as the CLI and the Action would. */
export function planFixture(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/plan/${name}`, import.meta.url)));
}
