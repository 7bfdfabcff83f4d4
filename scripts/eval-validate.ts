// `npm run eval:validate [-- --data FILE --limit N]`: our offline validator against real `terraform
// validate` on IaC-Eval's reference configurations and on copies with one mistake each. Prints a
// confusion table per mutation kind. Terraform verdicts are cached under .cache/eval-validate/.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { satisfies } from "../src/core/terraform/schema/constraint.js";
import { loadAwsProviderSchema } from "../src/core/terraform/schema/index.js";
import { validateDirectory } from "../src/validation/offline.js";
import { MUTATION_KINDS, type MutationKind, mutate } from "./eval/mutate.js";
import { terraformVerdicts } from "./eval/terraform-batch.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { data: { type: "string" }, limit: { type: "string" } } });
// ../shared from a clone; ../../shared from a worktree under wt/.
const data = resolve(
  values.data ??
    process.env["EVAL_VALIDATE_DATA"] ??
    ["..", "../.."].map((up) => join(root, up, "shared/data/iac-requests-dev.jsonl")).find(existsSync) ??
    join(root, "../shared/data/iac-requests-dev.jsonl"),
);
const work = join(root, ".cache", "eval-validate");
const MIRROR_VERSION = "5.100.0";
const MIRROR_LOCK = `provider "registry.terraform.io/hashicorp/aws" {\n  version = "${MIRROR_VERSION}"\n}\n`;

/** Configurations Terraform cannot judge offline here: only the AWS provider is mirrored, no registry. */
function offlineReason(text: string): string | null {
  if (/^\s*source\s*=\s*"(?!\.\.?\/)/m.test(text.replace(/required_providers\s*\{[\s\S]*?\n\s*\}/g, "")))
    return "registry or remote module";
  if (/^(resource|data)\s+"(?!aws_)/m.test(text)) return "provider other than aws";
  const constraint = /aws\s*=\s*\{[^}]*version\s*=\s*"([^"]+)"/.exec(text)?.[1];
  if (constraint !== undefined && !satisfies(MIRROR_VERSION, constraint)) return `aws ${constraint}`;
  return null;
}

async function ours(dir: string, text: string): Promise<string[]> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "main.tf"), text);
  // What `terraform init` writes here: the mirror's version, locked. Our validator picks its schema from
  // the lock like it does in a real repository, so both judge against the provider terraform runs.
  writeFileSync(join(dir, ".terraform.lock.hcl"), MIRROR_LOCK);
  const result = await validateDirectory(dir);
  return result.findings.filter((f) => f.severity === "error").map((f) => `${f.code}: ${f.message}`);
}

async function main(): Promise<void> {
  if (!existsSync(data)) throw new Error(`no data at ${data} (use --data FILE or EVAL_VALIDATE_DATA)`);
  // Mutations follow the provider terraform judges with (the mirror's line), not the newest bundled one.
  const schema = loadAwsProviderSchema(MIRROR_VERSION.split(".")[0]);
  const rows = readFileSync(data, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; reference: string })
    .slice(0, values.limit === undefined ? undefined : Number(values.limit));
  const cases: { id: string; kind: "original" | MutationKind; text: string }[] = [];
  const excluded = new Map<string, number>();
  for (const row of rows) {
    const reason = offlineReason(row.reference);
    if (reason !== null) {
      excluded.set(
        reason.startsWith("aws ") ? "aws version not mirrored" : reason,
        (excluded.get(reason) ?? 0) + 1,
      );
      continue;
    }
    cases.push({ id: row.id, kind: "original", text: row.reference });
    for (const kind of MUTATION_KINDS) {
      const text = mutate(row.reference, kind, schema);
      if (text !== null) cases.push({ id: row.id, kind, text });
    }
  }
  mkdirSync(work, { recursive: true });
  const started = Date.now();
  const verdicts = terraformVerdicts(
    cases.map((c) => c.text),
    work,
    join(work, "terraform-verdicts.json"),
  );
  const tfSeconds = (Date.now() - started) / 1000;
  const table = new Map<string, { tp: number; fn: number; fp: number; tn: number }>();
  const misses: string[] = [];
  const oursStarted = Date.now();
  for (const c of cases) {
    const flagged = await ours(join(work, "ours"), c.text);
    const tf = verdicts.get(c.text) ?? { rejected: false, summaries: [] };
    const row = table.get(c.kind) ?? { tp: 0, fn: 0, fp: 0, tn: 0 };
    if (tf.rejected && flagged.length > 0) row.tp++;
    else if (tf.rejected) {
      row.fn++;
      misses.push(`MISS ${c.id} ${c.kind}: terraform: ${tf.summaries.join("; ")}`);
    } else if (flagged.length > 0) {
      row.fp++;
      misses.push(`FALSE ${c.id} ${c.kind}: ours: ${flagged.join("; ")}`);
    } else row.tn++;
    table.set(c.kind, row);
  }
  const oursSeconds = (Date.now() - oursStarted) / 1000;
  writeFileSync(join(work, "misses.txt"), misses.join("\n"));
  console.log(
    `data: ${data}: ${rows.length} references; excluded (terraform cannot judge offline): ${JSON.stringify(Object.fromEntries(excluded))}`,
  );
  console.log(
    "kind                       tf-rejects  flagged(TP)  missed(FN)  false-err(FP)  both-ok(TN)  recall",
  );
  const total = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (const [kind, r] of table) {
    for (const k of ["tp", "fn", "fp", "tn"] as const) total[k] += r[k];
    const recall = r.tp + r.fn === 0 ? "-" : `${((100 * r.tp) / (r.tp + r.fn)).toFixed(1)}%`;
    console.log(
      `${kind.padEnd(27)}${String(r.tp + r.fn).padStart(10)}${String(r.tp).padStart(13)}${String(r.fn).padStart(12)}${String(r.fp).padStart(15)}${String(r.tn).padStart(13)}  ${recall}`,
    );
  }
  const recall = ((100 * total.tp) / Math.max(1, total.tp + total.fn)).toFixed(1);
  console.log(
    `total: ${cases.length} configs; terraform rejected ${total.tp + total.fn}, we flagged ${recall}% of them; errors on ${total.fp} that terraform accepts`,
  );
  console.log(
    `time: terraform ${tfSeconds.toFixed(0)} s (cached verdicts are free), ours ${oursSeconds.toFixed(1)} s; details in ${join(work, "misses.txt")}`,
  );
}

main().catch((error: unknown) => {
  console.error(`eval:validate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
