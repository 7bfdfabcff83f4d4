// Real terraform vs our offline validator on examples/demo-infra, and the sandbox's overhead over running
// the same `terraform validate` bare — side by side in one run. Needs terraform, bwrap and /opt/tf-plugins
// (or TF_PLUGIN_DIR); says so and exits 0 without them.
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createSandbox } from "../src/adapters/sandbox/index.js";
import { validateDirectory } from "../src/validation/index.js";
import { report } from "./util.js";

const here = dirname(fileURLToPath(import.meta.url));
const demo = join(here, "..", "examples", "demo-infra");
const mirror = process.env["TF_PLUGIN_DIR"] ?? "/opt/tf-plugins";
const ROUNDS = 3;
const env = { CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: "/dev/null" };
const limits = { wallMs: 300_000, cpuSeconds: 600, memoryBytes: 8 * 1024 ** 3, processes: 512 };

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const sandbox = createSandbox();
const ready = await sandbox.describe();
if (spawnSync("terraform", ["version"]).status !== 0 || !ready.ok || !existsSync(mirror)) {
  console.log(`validate-terraform: skipped (terraform, bwrap or ${mirror} missing)`);
} else {
  const ws = await mkdtemp(join(tmpdir(), "bench-tf-"));
  try {
    await cp(demo, ws, { recursive: true });
    spawnSync("terraform", ["init", "-backend=false", "-input=false", `-plugin-dir=${mirror}`], {
      cwd: ws,
      env: { ...env, PATH: process.env["PATH"] ?? "" },
    });
    const bare: number[] = [];
    const boxed: number[] = [];
    const ours: number[] = [];
    await validateDirectory(demo); // warm the WASM engines, as a long-running app is
    for (let i = 0; i < ROUNDS; i++) {
      let t = performance.now();
      spawnSync("terraform", ["validate", "-json"], {
        cwd: ws,
        env: { ...env, PATH: process.env["PATH"] ?? "" },
      });
      bare.push(performance.now() - t);
      t = performance.now();
      await sandbox.runIsolated(["terraform", "validate", "-json"], {
        workspace: ws,
        network: "none",
        limits,
        env,
        readOnly: [mirror],
      });
      boxed.push(performance.now() - t);
      t = performance.now();
      await validateDirectory(demo);
      ours.push(performance.now() - t);
    }
    report("terraform validate vs ours on examples/demo-infra (median of 3)", {
      terraform_bare_ms: median(bare),
      terraform_in_sandbox_ms: median(boxed),
      ours_offline_ms: median(ours),
      terraform_over_ours: median(bare) / median(ours),
      sandbox_overhead_ratio: median(boxed) / median(bare),
      sandbox_target_ratio: 1.2,
      met: median(boxed) / median(bare) <= 1.2 ? "yes" : "NO",
    });
  } finally {
    await rm(ws, { recursive: true, force: true });
  }
}
