// Diagnosis eval (issue 15): runs every labelled CI failure log through the same path as
// `devops-agent diagnose` (streaming excerpt → knowledge base, no model) and reports category accuracy,
// confident-wrong answers, calibration by confidence band, and a side-by-side of our root cause and fix
// against the thread's, written to .cache/eval-diagnose.md for a human to judge.
//   npm run eval:diagnose [-- --data PATH] [--out FILE]
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { z } from "zod";
import { excerptFromStream } from "../src/adapters/logs/index.js";
import { diagnose, findHoles, unmatchedDiagnosis, type Diagnosis } from "../src/core/diagnosis/index.js";

const Case = z.object({
  id: z.string(),
  source: z.string(),
  log: z.string(),
  category: z.string(),
  root_cause: z.string(),
  fix: z.string(),
});
type Case = z.infer<typeof Case>;

const CONFIDENT = 0.8;
const BANDS = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01];

// ../shared from the main checkout; ../../shared from a worktree under wt/.
function defaultData(): string {
  const candidates = ["../shared/data/ci-failures-dev.jsonl", "../../shared/data/ci-failures-dev.jsonl"];
  return candidates.find((c) => existsSync(c)) ?? (candidates[0] as string);
}

async function diagnoseLog(log: string): Promise<Diagnosis> {
  const excerpt = await excerptFromStream(Readable.from([Buffer.from(log)]));
  return diagnose(excerpt) ?? unmatchedDiagnosis(excerpt);
}

function quote(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}text\n${text}\n${ticks}`;
}

function calibration(rows: { d: Diagnosis; right: boolean }[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < BANDS.length - 1; i += 1) {
    const lo = BANDS[i] ?? 0;
    const hi = BANDS[i + 1] ?? 1;
    const band = rows.filter((r) => r.d.confidence >= lo && r.d.confidence < hi);
    if (band.length === 0) continue;
    const right = band.filter((r) => r.right).length;
    const label = `[${lo.toFixed(1)}, ${hi > 1 ? "1.0]" : `${hi.toFixed(1)})`}`;
    out.push(
      `  ${label.padEnd(11)} ${String(band.length).padStart(3)} answers, ${right} right (${Math.round((100 * right) / band.length)} %)`,
    );
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: "string", default: process.env["CI_FAILURES_DEV"] ?? defaultData() },
      out: { type: "string", default: ".cache/eval-diagnose.md" },
    },
  });
  const path = resolve(values.data);
  const cases: Case[] = (await readFile(path, "utf8"))
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const parsed = Case.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new Error(`${path} line ${i + 1}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
      return parsed.data;
    });

  const rows: { c: Case; d: Diagnosis; right: boolean }[] = [];
  for (const c of cases) {
    const d = await diagnoseLog(c.log);
    rows.push({ c, d, right: d.category === c.category });
  }
  const right = rows.filter((r) => r.right).length;
  const confident = rows.filter((r) => r.d.confidence >= CONFIDENT);
  const confidentWrong = confident.filter((r) => !r.right);
  const holed = rows.flatMap(({ c, d }) =>
    (["title", "rootCause", "fix"] as const).flatMap((field) =>
      findHoles(d[field]).map((hole) => `${c.id} ${field}: ${hole}`),
    ),
  );
  const lines = [
    `cases:             ${rows.length} (${path})`,
    `category accuracy: ${right}/${rows.length} = ${((100 * right) / rows.length).toFixed(1)} %`,
    `confident (>= ${CONFIDENT}): ${confident.length}, right ${confident.length - confidentWrong.length} (${confident.length ? ((100 * (confident.length - confidentWrong.length)) / confident.length).toFixed(1) : "–"} %)`,
    `confident-wrong:   ${confidentWrong.length}${confidentWrong.map((r) => `\n  ${r.c.id}: said ${r.d.category} (${r.d.confidence}), thread says ${r.c.category}`).join("")}`,
    `template holes:    ${holed.length}${holed.map((h) => `\n  ${h}`).join("")}`,
    "calibration:",
    ...calibration(rows),
    "wrong category:",
    ...rows
      .filter((r) => !r.right)
      .map(
        (r) =>
          `  ${r.c.id}: said ${r.d.category} (${r.d.confidence}, ${r.d.signatureId ?? "no signature"}), thread says ${r.c.category}`,
      ),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);

  const report = [
    "# Diagnosis eval: side by side",
    "",
    "```text",
    ...lines,
    "```",
    ...rows.flatMap(({ c, d, right: ok }) => [
      "",
      `## ${c.id} ${ok ? "✓" : "✗"}`,
      "",
      `${c.source} · thread: \`${c.category}\` · ours: \`${d.category}\` ${d.confidence} (${d.signatureId ?? "no signature"}) · autoFixable ${d.autoFixable}`,
      "",
      "| | root cause | fix |",
      "| --- | --- | --- |",
      `| thread | ${c.root_cause.replace(/\|/g, "\\|").replace(/\n/g, " ")} | ${c.fix.replace(/\|/g, "\\|").replace(/\n/g, " ")} |`,
      `| ours | ${d.rootCause.replace(/\|/g, "\\|").replace(/\n/g, " ")} | ${d.fix.replace(/\|/g, "\\|").replace(/\n/g, " ")} |`,
      "",
      "<details><summary>log</summary>",
      "",
      quote(c.log),
      "",
      "</details>",
    ]),
  ];
  await mkdir(dirname(values.out), { recursive: true });
  await writeFile(values.out, `${report.join("\n")}\n`);
  process.stdout.write(`side-by-side: ${values.out}\n`);
}

await main();
