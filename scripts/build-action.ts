// Bundles the plan Action (action/src) into action/dist/index.js and action/dist/post.js with esbuild.
// `tsx scripts/build-action.ts [OUTDIR]`; check-dist.ts builds into a temporary OUTDIR and compares.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));

export async function buildAction(outdir: string): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: { index: "action/src/index.ts", post: "action/src/post.ts" },
    outdir,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "esm",
    legalComments: "none",
    logLevel: "warning",
    // Module paths as the checkout sees them: a git worktree whose node_modules is a symlink to another
    // checkout must bundle byte-for-byte what a clean clone bundles (the paths are in the output's comments).
    preserveSymlinks: true,
    // Some bundled CommonJS dependencies call require() for Node built-ins.
    banner: {
      js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);',
    },
  });
  // The dist files are ES modules wherever the Action is checked out.
  await writeFile(join(outdir, "package.json"), '{ "type": "module" }\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAction(process.argv[2] ?? join(root, "action/dist"));
}
