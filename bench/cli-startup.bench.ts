// CLI start-up as users get it (issue 11): the tarball from `npm pack`, installed with --omit=dev into an
// empty folder, then `devops-agent --help` and `devops-agent inventory examples/demo-infra` from there,
// side by side with bare `node -e 0`, interleaved run by run so machine load hits all three alike.
// Target: installed --help within 3x bare node. Also prints the installed folder's size.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { percentile, report } from "./util.js";

const RUNS = 15;
const TARGET_RATIO = 3;
const root = fileURLToPath(new URL("..", import.meta.url));

async function sizeOf(path: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

function timeRun(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: "ignore",
    env: { PATH: process.env.PATH },
  });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${result.status}`);
  return elapsed;
}

const work = await mkdtemp(join(tmpdir(), "devops-agent-bench-"));
try {
  const packed = execFileSync("npm", ["pack", "--json", "--pack-destination", work], {
    cwd: root,
    encoding: "utf8",
  });
  const [tarball] = JSON.parse(packed.slice(packed.indexOf("["))) as { filename: string }[];
  if (!tarball) throw new Error("npm pack wrote no tarball");
  const app = join(work, "app");
  await mkdir(app);
  await writeFile(join(app, "package.json"), '{ "name": "empty", "private": true }\n');
  const installStarted = performance.now();
  execFileSync(
    "npm",
    ["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline", join(work, tarball.filename)],
    { cwd: app, stdio: "ignore" },
  );
  const installSeconds = (performance.now() - installStarted) / 1000;
  const bin = join(app, "node_modules/aws-devops-agent/bin/devops-agent.js");

  const samples = { bare: [] as number[], help: [] as number[], inventory: [] as number[] };
  timeRun([bin, "--help"]); // warm the file cache once
  for (let i = 0; i < RUNS; i++) {
    samples.bare.push(timeRun(["-e", "0"]));
    samples.help.push(timeRun([bin, "--help"]));
    samples.inventory.push(timeRun([bin, "inventory", "examples/demo-infra"]));
  }
  const median = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  const bare = median(samples.bare);
  const help = median(samples.help);
  report("cli-startup (median ms of 15, installed package)", {
    "node -e 0": bare,
    "devops-agent --help": help,
    "devops-agent inventory examples/demo-infra": median(samples.inventory),
    "help/bare": help / bare,
    target: `<= ${TARGET_RATIO}x ${help / bare <= TARGET_RATIO ? "met" : "MISSED"}`,
    load1: loadavg()[0] ?? 0,
  });
  report("cli-install", {
    "installed folder MiB": (await sizeOf(app)) / 1024 / 1024,
    "npm install --omit=dev s": installSeconds,
  });
} finally {
  await rm(work, { recursive: true, force: true });
}
