#!/usr/bin/env node
// In a source checkout run the TypeScript directly (through tsx); in a built image run dist/.
import { existsSync } from "node:fs";

const source = new URL("../src/cli/main.ts", import.meta.url);
const built = new URL("../dist/src/cli/main.js", import.meta.url);

let entry = built;
if (existsSync(source)) {
  try {
    const { register } = await import("tsx/esm/api");
    register();
    entry = source;
  } catch {
    // tsx is a dev dependency; without it, fall back to the compiled output.
  }
}
const { run } = await import(entry.href);
process.exitCode = await run(process.argv.slice(2));
