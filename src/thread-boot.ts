import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/**
 * The eval source that starts a worker thread on a TypeScript entry in a source checkout (tsx, Jest):
 * loader flags and hooks of the parent thread do not reach a worker on Node 20, so the thread registers
 * tsx itself. tsx is located from this file, not by a bare specifier: an eval'd thread resolves bare
 * specifiers from the process's working directory, which for `mcp` or `validate DIR` is the user's
 * folder without node_modules.
 */
export function tsThreadBoot(entry: URL): string {
  const cjs = createRequire(import.meta.url).resolve("tsx/esm/api");
  const esm = cjs.replace(/\.cjs$/, ".mjs");
  const api = pathToFileURL(existsSync(esm) ? esm : cjs).href;
  return `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
}
