// Diagnosis of a generated 100 MB job log (issue 7): streaming excerpt + knowledge-base diagnosis.
// Target: under 3 s and under 100 MB of memory above the process baseline.
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { excerptFromStream } from "../src/adapters/logs/index.js";
import { diagnose } from "../src/core/diagnosis/index.js";
import { mib, peakRss, report } from "./util.js";

const SIZE = 100 * 1024 * 1024;
const TARGET_MS = 3000;
const TARGET_BYTES = 100 * 1024 * 1024;

function stamp(i: number): string {
  const ms = String(i % 1000).padStart(3, "0");
  return `2024-05-01T12:${String(Math.floor(i / 60000) % 60).padStart(2, "0")}:${String(Math.floor(i / 1000) % 60).padStart(2, "0")}.${ms}0000Z `;
}

/** A plan log: many steps, refresh noise with ANSI colour, warnings, a few errors early, the failure last. */
async function writeLog(file: string): Promise<number> {
  const out = createWriteStream(file);
  let written = 0;
  let i = 0;
  const write = async (line: string): Promise<void> => {
    const text = `${stamp(i)}${line}\n`;
    i += 1;
    written += text.length;
    if (!out.write(text)) await once(out, "drain");
  };
  await write("##[group]Run actions/checkout@v4");
  await write("##[endgroup]");
  await write("##[group]Run terraform plan -input=false -no-color");
  await write("\u001b[36;1mterraform plan -input=false -no-color\u001b[0m");
  await write("##[endgroup]");
  while (written < SIZE) {
    const n = i % 5000;
    if (n === 17) await write("│ Warning: Argument is deprecated");
    else if (n === 4242) await write(`Error: transient: retrying request ${i} (attempt 1/3)`);
    else
      await write(
        `\u001b[0m\u001b[1maws_s3_bucket.bucket_${n}: Refreshing state... [id=acme-bucket-${n}-eu-west-1]\u001b[0m`,
      );
  }
  for (const line of [
    "╷",
    "│ Error: Error acquiring the state lock",
    "│ ",
    "│ Lock Info:",
    "│   ID:        5e0f3c1a-8d2b-4c7e-9f10-2a3b4c5d6e7f",
    "│   Path:      acme-tf-state/prod/terraform.tfstate",
    "│   Operation: OperationTypeApply",
    "│   Who:       runner@fv-az99-1",
    "╵",
    "##[error]Process completed with exit code 1.",
  ])
    await write(line);
  out.end();
  await once(out, "finish");
  return written;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "diagnose-bench-"));
  const file = join(dir, "job.log");
  try {
    await writeLog(file);
    const size = (await stat(file)).size;
    const started = performance.now();
    const { result, peakAboveBaseline } = await peakRss(async () => {
      const excerpt = await excerptFromStream(createReadStream(file));
      return { excerpt, diagnosis: diagnose(excerpt) };
    });
    const elapsed = performance.now() - started;
    // Side by side: how much of the total the classifier is (the knowledge base weighing every signature
    // over the bounded excerpt), averaged over repeated runs so the figure is stable on a busy machine.
    const rounds = 50;
    const classifyStart = performance.now();
    for (let i = 0; i < rounds; i += 1) diagnose(result.excerpt);
    const classifierMs = (performance.now() - classifyStart) / rounds;
    if (result.diagnosis?.signatureId !== "terraform-state-lock") {
      throw new Error(
        `expected the state-lock signature, got ${result.diagnosis?.signatureId ?? "no match"}`,
      );
    }
    const met = elapsed < TARGET_MS && peakAboveBaseline < TARGET_BYTES;
    report("diagnose 100 MB log", {
      log: mib(size),
      lines: result.excerpt.totalLines,
      excerptLines: result.excerpt.lines.length,
      ms: elapsed,
      classifierMs,
      targetMs: TARGET_MS,
      peakAboveBaseline: mib(peakAboveBaseline),
      targetMemory: mib(TARGET_BYTES),
      met: met ? "yes" : "NO",
    });
    if (!met) process.exitCode = 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
