// Real `terraform validate` verdicts for many small configurations at once: one root module calls each
// configuration as a child module, so the provider schema loads once per batch; diagnostics come back by
// file path. Load errors (a duplicate, a parse error) stop Terraform before validation, so rejected children
// are removed and the batch re-run until it validates cleanly. Verdicts are cached by content hash.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Verdict {
  rejected: boolean;
  summaries: string[];
}

const BATCH = 1000;
const MAX_ROUNDS = 8;

export const hashOf = (text: string): string => createHash("sha256").update(text).digest("hex").slice(0, 24);

export function terraformVerdicts(texts: string[], workDir: string, cacheFile: string): Map<string, Verdict> {
  const cache: Record<string, Verdict> = existsSync(cacheFile)
    ? (JSON.parse(readFileSync(cacheFile, "utf8")) as Record<string, Verdict>)
    : {};
  const todo = [...new Set(texts.map(hashOf))].filter((h) => cache[h] === undefined);
  const byHash = new Map(texts.map((t) => [hashOf(t), t]));
  for (let i = 0; i < todo.length; i += BATCH) {
    const batch = todo.slice(i, i + BATCH);
    console.error(
      `terraform: batch ${i / BATCH + 1} of ${Math.ceil(todo.length / BATCH)} (${batch.length} configs)`,
    );
    Object.assign(
      cache,
      runBatch(
        batch.map((h) => [h, byHash.get(h) ?? ""] as const),
        join(workDir, "batch"),
      ),
    );
    writeFileSync(cacheFile, JSON.stringify(cache));
  }
  return new Map(texts.map((t) => [t, cache[hashOf(t)] ?? { rejected: false, summaries: ["no verdict"] }]));
}

function runBatch(items: readonly (readonly [string, string])[], dir: string): Record<string, Verdict> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const names = new Map<string, string>();
  items.forEach(([hash, text], i) => {
    const name = `m${String(i).padStart(4, "0")}`;
    names.set(name, hash);
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "main.tf"), withoutDefaultProvider(text));
  });
  const verdicts: Record<string, Verdict> = {};
  let live = [...names.keys()];
  for (let round = 0; round < MAX_ROUNDS && live.length > 0; round++) {
    writeFileSync(
      join(dir, "main.tf"),
      live.map((n) => `module "${n}" {\n  source = "./${n}"\n}\n`).join(""),
    );
    const init = tf(dir, [
      "init",
      "-backend=false",
      "-input=false",
      "-no-color",
      "-plugin-dir=/opt/tf-plugins",
    ]);
    let failed = new Map<string, string[]>();
    if (init.status !== 0) failed = childrenIn(init.text, live);
    else {
      const result = tf(dir, ["validate", "-json", "-no-color"]);
      failed = diagnostics(result.stdout, live);
    }
    if (failed.size === 0) {
      if (init.status !== 0)
        throw new Error(`terraform init failed without naming a module:\n${init.text.slice(0, 2000)}`);
      break;
    }
    for (const [name, summaries] of failed)
      verdicts[names.get(name) as string] = { rejected: true, summaries };
    live = live.filter((n) => !failed.has(n));
  }
  for (const name of live) verdicts[names.get(name) as string] ??= { rejected: false, summaries: [] };
  return verdicts;
}

/**
 * Every child's own `provider "aws" {}` would start one provider process each during validate (minutes per
 * batch); without them, children share the root's default provider. Aliased ones stay: resources use them.
 */
function withoutDefaultProvider(text: string): string {
  // `required_version` judges the terraform binary on this machine, not the configuration: not our question.
  return text
    .replace(/^\s*required_version\s*=.*$/gm, "")
    .replace(/^provider\s+"aws"\s*\{\n([\s\S]*?)^\}\s*$/gm, (block, body: string) =>
      /^\s*alias\s*=/m.test(body) ? block : "",
    );
}

function tf(dir: string, args: string[]): { status: number | null; stdout: string; text: string } {
  const result = spawnSync("terraform", args, {
    cwd: dir,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: {
      PATH: process.env["PATH"] ?? "/usr/bin",
      HOME: dir,
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
    },
  });
  return { status: result.status, stdout: result.stdout, text: `${result.stdout}\n${result.stderr}` };
}

/** Children named in human output (`on m0007/main.tf line 3`). */
function childrenIn(text: string, live: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const blocks = text.split(/\n(?=Error: )/);
  for (const block of blocks) {
    const name = /on (m\d{4})\/[^ ]+ line \d+/.exec(block)?.[1];
    if (name === undefined || !live.includes(name) || !block.startsWith("Error: ")) continue;
    out.set(name, [...(out.get(name) ?? []), block.split("\n")[0]?.slice(7) ?? "error"]);
  }
  return out;
}

interface Diagnostic {
  severity: string;
  summary: string;
  range?: { filename: string; start: { line: number } };
}

function diagnostics(stdout: string, live: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const parsed = JSON.parse(stdout) as { diagnostics: Diagnostic[] };
  for (const d of parsed.diagnostics) {
    if (d.severity !== "error") continue;
    const file = d.range?.filename ?? "";
    let name = /^(m\d{4})\//.exec(file)?.[1];
    // Calls in the batch root: a child's required variables are set by nobody here; that is ours, not theirs.
    if (name === undefined && file === "main.tf") {
      if (d.summary === "Missing required argument") continue;
      name = live[Math.floor(((d.range?.start.line ?? 1) - 1) / 3)];
    }
    if (name === undefined) throw new Error(`diagnostic not attributable to a module: ${JSON.stringify(d)}`);
    out.set(name, [...(out.get(name) ?? []), d.summary]);
  }
  return out;
}
