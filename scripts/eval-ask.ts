// npm run eval:ask — asks every request of an IaC-Eval style dataset into a fresh copy of
// examples/demo-infra, in process, then judges the changes with real `terraform validate` (batched, cached).
// A request is complete when every expected resource type is in the change and the change validates.
// Flags: --data FILE (default ../shared/data/iac-requests-dev.jsonl or IAC_EVAL_DATA), --limit N,
// --model (use the model configured by LLM_* instead of --offline), --out FILE (JSON report),
// --no-terraform (our own checks only). Run it under `nice -n 10`.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { z } from "zod";
import { run } from "../src/cli/main.js";
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
const rowSchema = z.object({
  id: z.string(),
  prompt: z.string(),
  expected_resources: z.array(z.string()),
  difficulty: z.number().int(),
});
const rows = readFileSync(dataPath, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => rowSchema.parse(JSON.parse(l)))
  .slice(0, values.limit === undefined ? undefined : Number(values.limit));

const contract = z.object({
  branch: z.string().nullable(),
  resources: z.array(z.object({ type: z.string(), name: z.string(), change: z.string() })),
  validation: z.object({ ok: z.boolean() }),
  llm: z.object({ calls: z.number(), promptTokens: z.number(), completionTokens: z.number() }),
});

const demo = join(repoRoot, "examples", "demo-infra");
const work = mkdtempSync(join(tmpdir(), "eval-ask-"));
const template = join(work, "template");
cpSync(demo, template, { recursive: true });
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=eval", "-c", "user.email=eval@example.com", ...args], {
    cwd,
    stdio: "pipe",
  });
git(template, "init", "--quiet", "--initial-branch=main");
git(template, "add", "--all");
git(template, "commit", "--quiet", "-m", "demo infrastructure");

const outcomes: Outcome[] = [];
const env = values.model ? process.env : { ...process.env, LLM_API_KEY: "", LLM_BASE_URL: "" };
for (const [i, row] of rows.entries()) {
  const dir = join(work, `r${i}`);
  cpSync(template, dir, { recursive: true });
  let stdout = "";
  const started = performance.now();
  const code = await run(
    ["ask", row.prompt, "--repo", dir, "--json", ...(values.model ? [] : ["--offline"])],
    {
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
      readStdin: () => Promise.resolve(Buffer.alloc(0)),
      stdinStream: () => Readable.from([]),
      env,
      cwd: repoRoot,
    },
  );
  const ms = performance.now() - started;
  const parsed = contract.safeParse(JSON.parse(stdout || "null"));
  const added = parsed.success
    ? parsed.data.resources.filter((r) => r.change === "add").map((r) => r.type)
    : [];
  outcomes.push({
    id: row.id,
    difficulty: row.difficulty,
    exit: code,
    ms,
    reportedValid: code === 0 && parsed.success && parsed.data.validation.ok,
    changed: code === 0,
    missing: row.expected_resources.filter((t) => !added.includes(t)),
    llm: parsed.success ? parsed.data.llm : { calls: 0, promptTokens: 0, completionTokens: 0 },
    dir,
    verdict: null,
  });
  if ((i + 1) % 25 === 0) console.error(`asked ${i + 1}/${rows.length}`);
}

const terraform = !values["no-terraform"] && existsSync(values["plugin-dir"] ?? "") && hasTerraform();
if (terraform) {
  const changed = outcomes.filter((o) => o.changed);
  const verdicts: Verdict[] = await validateAll(
    changed.map((o) => o.dir),
    {
      work: join(work, "tf"),
      cacheDir: join(repoRoot, ".cache", "eval-ask"),
      pluginDir: values["plugin-dir"] ?? "",
      batchSize: 50,
    },
  );
  changed.forEach((o, k) => (o.verdict = verdicts[k] ?? null));
}
const report = summarize(outcomes, { terraform, model: values.model });
console.log(report.text);
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
