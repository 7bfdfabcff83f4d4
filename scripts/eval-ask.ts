// npm run eval:ask — asks every request of an IaC-Eval style dataset into a fresh copy of
// examples/demo-infra, in process, then judges the changes with real `terraform validate` (batched, cached).
// A request is complete when every expected resource type is in the change and the change validates.
// Flags: --data FILE (default ../shared/data/iac-requests-dev.jsonl or IAC_EVAL_DATA), --limit N,
// --model (use the model configured by LLM_* instead of --offline), --out FILE (JSON report),
// --no-terraform (our own checks only). Run it under `nice -n 10`.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { askAll, gitTemplate, rowSchema } from "./eval/ask-run.js";
import { validateAll, type Verdict } from "./eval/ask-terraform.js";
import { summarize, type Outcome } from "./eval/report.js";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  options: {
    data: { type: "string" },
    limit: { type: "string" },
    model: { type: "boolean", default: false },
    out: { type: "string" },
    "no-terraform": { type: "boolean", default: false },
    "plugin-dir": { type: "string", default: process.env.TF_PLUGIN_DIR ?? "/opt/tf-plugins" },
  },
});
const dataPath =
  values.data ??
  process.env.IAC_EVAL_DATA ??
  join(repoRoot, "..", "shared", "data", "iac-requests-dev.jsonl");
if (!existsSync(dataPath)) {
  console.error(`eval:ask: no dataset at ${dataPath} (give --data FILE or IAC_EVAL_DATA)`);
  process.exit(2);
}
const rows = readFileSync(dataPath, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => rowSchema.parse(JSON.parse(l)))
  .slice(0, values.limit === undefined ? undefined : Number(values.limit));

const work = mkdtempSync(join(tmpdir(), "eval-ask-"));
const template = join(work, "template");
gitTemplate(join(repoRoot, "examples", "demo-infra"), template);
const started = performance.now();
const outcomes: Outcome[] = await askAll(rows, {
  template,
  work,
  model: values.model,
  env: values.model ? process.env : { ...process.env, LLM_API_KEY: "", LLM_BASE_URL: "" },
  cwd: repoRoot,
  onProgress: (done, total) => {
    if (done % 25 === 0 || done === total) console.error(`asked ${done}/${total}`);
  },
});
const askSeconds = (performance.now() - started) / 1000;

const terraform = !values["no-terraform"] && existsSync(values["plugin-dir"] ?? "") && hasTerraform();
const judging = performance.now();
if (terraform) {
  const changed = outcomes.filter((o) => o.changed);
  const verdicts: Verdict[] = await validateAll(
    changed.map((o) => o.dir),
    {
      work: join(work, "tf"),
      cacheDir: join(repoRoot, ".cache", "eval-ask"),
      pluginDir: values["plugin-dir"] ?? "",
      batchSize: 200,
    },
  );
  changed.forEach((o, k) => (o.verdict = verdicts[k] ?? null));
}
const report = summarize(outcomes, { terraform, model: values.model });
console.log(report.text);
console.log(
  `wall time: ask ${askSeconds.toFixed(0)} s, terraform ${((performance.now() - judging) / 1000).toFixed(0)} s (verdicts cached by content hash in .cache/eval-ask)`,
);
if (values.out !== undefined) {
  mkdirSync(join(values.out, ".."), { recursive: true });
  writeFileSync(
    values.out,
    JSON.stringify({ ...report.json, outcomes: outcomes.map(({ dir: _dir, ...o }) => o) }, null, 2),
  );
}
rmSync(work, { recursive: true, force: true });

function hasTerraform(): boolean {
  try {
    execFileSync("terraform", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
