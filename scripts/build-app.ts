// Bundles the CLI, the server and the job worker thread into dist/ with esbuild: `tsx scripts/build-app.ts
// [OUTDIR]`. npm dependencies stay external (installed beside the package); code shared by the entries goes
// into chunks that load only when an entry imports them, so `devops-agent --help` reads a few kilobytes.
import { cp, readdir, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * Data files read at run time from beside their loader's module: every non-TypeScript file under these
 * folders is copied, keeping its path under the folder, into the bundle's output folder (where the
 * bundled loader's `import.meta.url` points).
 */
export const RUNTIME_DATA_DIRS = ["src/core/terraform/schema"];

export async function buildApp(outdir: string): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: {
      cli: "src/cli/main.ts",
      server: "src/server.ts",
      // Started by src/jobs/worker-processor.ts as `./worker-entry.js` beside whichever chunk holds it.
      "worker-entry": "src/jobs/worker-entry.ts",
      // Started by src/adapters/hcl/isolated.ts as `./hcl-worker.js`: hcl2json on its own thread.
      "hcl-worker": "src/adapters/hcl/worker.ts",
    },
    outdir,
    bundle: true,
    splitting: true,
    packages: "external",
    platform: "node",
    target: "node20.19",
    format: "esm",
    chunkNames: "[name]-[hash]",
    legalComments: "none",
    logLevel: "warning",
  });
  for (const dir of RUNTIME_DATA_DIRS) await copyData(join(root, dir), outdir);
  // `/agent setup` fills in the same workflow and OIDC templates users copy (src/adapters/templates).
  await cp(join(root, "templates"), join(outdir, "templates"), { recursive: true });
}

async function copyData(from: string, to: string): Promise<void> {
  for (const entry of await readdir(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || /\.[cm]?ts$/.test(entry.name)) continue;
    const source = join(entry.parentPath, entry.name);
    await cp(source, join(to, relative(from, source)));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildApp(process.argv[2] ?? join(root, "dist"));
}
