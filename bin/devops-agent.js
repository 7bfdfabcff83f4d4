#!/usr/bin/env node
// The CLI is the esbuild bundle in dist/: built by `npm run build` (and on `npm ci` and before `npm pack`).
// From source, without building: `npm run cli -- <command> ...`.
let cli;
try {
  cli = await import("../dist/cli.js");
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("dist/cli.js")) throw error;
  process.stderr.write("devops-agent: dist/cli.js is missing; in a source checkout run `npm run build`.\n");
  process.exit(2);
}
process.exitCode = await cli.run(process.argv.slice(2));
