// Plan summarization on a generated plan of 20,000 resource changes (~55 MB).
// Time: parse + summarize + render, as a ratio to a bare JSON.parse of the same bytes (target < 2x).
// Memory: peak RSS above the process baseline, as a multiple of the file size (target < 4x).
// Each measurement runs in its own child process so one's heap high-water mark cannot inflate the other.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parsePlan, renderPlanMarkdown, summarizePlan } from "../src/core/plan/index.js";
import { buildBigPlan } from "../test/core/plan/big-plan.js";
import { mib, peakRss, report } from "./util.js";

type Mode = "json" | "summarize";
const RUNS = 5;

function work(mode: Mode, bytes: Buffer): number {
  if (mode === "json") {
    const value = JSON.parse(bytes.toString("utf8")) as { resource_changes: unknown[] };
    return value.resource_changes.length;
  }
  return renderPlanMarkdown(summarizePlan(parsePlan(bytes)), { root: "infra" }).length;
}

/** Child: memory of one cold run (file read included), then the median time of warm runs. */
async function child(mode: Mode, file: string): Promise<void> {
  const { peakAboveBaseline } = await peakRss(() => work(mode, readFileSync(file)));
  const bytes = readFileSync(file);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    globalThis.gc?.();
    const start = performance.now();
    work(mode, bytes);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ peak: peakAboveBaseline, ms: times[Math.floor(RUNS / 2)] }));
}

function measure(mode: Mode, file: string): { peak: number; ms: number } {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", self, "--child", mode, file],
    {
      encoding: "utf8",
    },
  );
  const line = result.stdout.trim().split("\n").pop() ?? "";
  if (result.status !== 0 || !line.startsWith("{")) throw new Error(`${mode} child failed: ${result.stderr}`);
  return JSON.parse(line) as { peak: number; ms: number };
}

async function main(): Promise<void> {
  const [flag, mode, file] = process.argv.slice(2);
  if (flag === "--child" && (mode === "json" || mode === "summarize") && file) return child(mode, file);
  const path = join(tmpdir(), `devops-agent-plan-bench-${process.pid}.json`);
  writeFileSync(path, JSON.stringify(buildBigPlan({ resources: 20_000 })));
  try {
    const size = readFileSync(path).length;
    const bare = measure("json", path);
    const ours = measure("summarize", path);
    const ratio = ours.ms / bare.ms;
    const memory = ours.peak / size;
    report("plan summarize (20,000 resources)", {
      file: mib(size),
      "JSON.parse ms": bare.ms,
      "summarize ms": ours.ms,
      "time ratio": ratio,
      "time target": "< 2x",
      "time met": ratio < 2 ? "yes" : "NO",
      "peak RSS": mib(ours.peak),
      "memory x file": memory,
      "JSON.parse memory x file": bare.peak / size,
      "memory target": "< 4x",
      "memory met": memory < 4 ? "yes" : "NO",
    });
    if (ratio >= 2 || memory >= 4) process.exitCode = 1;
  } finally {
    rmSync(path, { force: true });
  }
}

await main();
