// Cold load of the bundled AWS provider schema: each sample is a fresh Node process (nothing cached),
// timing the first loadAwsProviderSchema() call plus a first lookup. Target: under 300 ms.
import { spawnSync } from "node:child_process";
import { statSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { percentile, report } from "./util.js";

const TARGET_MS = 300;
const SAMPLES = 7;
const here = dirname(fileURLToPath(import.meta.url));
const schemaFile = join(here, "..", "src", "core", "terraform", "schema", "aws-provider-schema.json");

async function child(): Promise<void> {
  const { loadAwsProviderSchema } = await import("../src/core/terraform/schema/index.js");
  const start = performance.now();
  const schema = loadAwsProviderSchema();
  const bucket = schema.resource("aws_s3_bucket");
  const loadMs = performance.now() - start;
  const all = performance.now();
  for (const type of schema.resourceTypes()) schema.resource(type);
  for (const type of schema.dataSourceTypes()) schema.dataSource(type);
  const allMs = performance.now() - all;
  if (!bucket) throw new Error("aws_s3_bucket missing from the schema");
  console.log(JSON.stringify({ loadMs, allMs }));
}

function parent(): void {
  const loads: number[] = [];
  const alls: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const run = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "child"], {
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`child failed: ${run.stderr.split("\n")[0] ?? ""}`);
    const sample = JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}") as {
      loadMs: number;
      allMs: number;
    };
    loads.push(sample.loadMs);
    alls.push(sample.allMs);
  }
  loads.sort((a, b) => a - b);
  alls.sort((a, b) => a - b);
  const bytes = statSync(schemaFile).size;
  const p95 = percentile(loads, 95);
  report("schema cold load", {
    samples: String(SAMPLES),
    p50_ms: percentile(loads, 50),
    p95_ms: p95,
    target_ms: TARGET_MS,
    met: p95 < TARGET_MS ? "yes" : "NO",
  });
  report("schema all types materialized", { p50_ms: percentile(alls, 50) });
  report("schema data file", {
    kib: bytes / 1024,
    gzip_kib: gzipSync(readFileSync(schemaFile)).length / 1024,
    target_kib: 5 * 1024,
    met: bytes < 5 * 1024 * 1024 ? "yes" : "NO",
  });
}

if (process.argv[2] === "child") await child();
else parent();
