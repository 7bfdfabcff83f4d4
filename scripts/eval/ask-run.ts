// The ask half of eval:ask: each request asked with the real CLI (in process) into a fresh git copy of a
// template repository, then the agent's branch checked out so that the judge sees the change, not the base.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { z } from "zod";
import { run } from "../../src/cli/main.js";
import type { Outcome } from "./report.js";

export const rowSchema = z.object({
  id: z.string(),
  prompt: z.string(),
  expected_resources: z.array(z.string()),
  difficulty: z.number().int(),
});
export type EvalRow = z.infer<typeof rowSchema>;

/** The `ask --json` contract fields the eval relies on (DESIGN.md, CLI table). */
const contract = z.object({
  branch: z.string().nullable(),
  resources: z.array(z.object({ type: z.string(), name: z.string(), change: z.string() })),
  validation: z.object({ ok: z.boolean() }),
  llm: z.object({ calls: z.number(), promptTokens: z.number(), completionTokens: z.number() }),
});

export interface AskOptions {
  /** A directory with the repository to copy for every request (committed on `main`). */
  template: string;
  /** Where the per-request copies go. */
  work: string;
  /** Ask through the model configured in `env` (LLM_*) instead of `--offline`. */
  model: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  onProgress?: (done: number, total: number) => void;
}

const git = (cwd: string, ...args: string[]): string =>
  execFileSync("git", ["-c", "user.name=eval", "-c", "user.email=eval@example.com", ...args], {
    cwd,
    stdio: "pipe",
    encoding: "utf8",
  });

/** Copies `source` to `dir` as a one-commit git repository on `main`. */
export function gitTemplate(source: string, dir: string): void {
  cpSync(source, dir, { recursive: true });
  git(dir, "init", "--quiet", "--initial-branch=main");
  git(dir, "add", "--all");
  git(dir, "commit", "--quiet", "-m", "template");
}

/** Asks one request into `dir` (a copy of the template) and leaves the agent's branch checked out. */
export async function askOne(row: EvalRow, dir: string, options: AskOptions): Promise<Outcome> {
  cpSync(options.template, dir, { recursive: true });
  let stdout = "";
  const started = performance.now();
  const code = await run(
    ["ask", row.prompt, "--repo", dir, "--json", ...(options.model ? [] : ["--offline"])],
    {
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
      readStdin: () => Promise.resolve(Buffer.alloc(0)),
      stdinStream: () => Readable.from([]),
      env: options.env,
      cwd: options.cwd,
    },
  );
  const ms = performance.now() - started;
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = null;
  }
  const parsed = contract.safeParse(json);
  const branch = parsed.success ? parsed.data.branch : null;
  // ask leaves the user on their branch: the change to judge is on the agent's.
  if (code === 0 && branch !== null) git(dir, "checkout", "--quiet", branch);
  const added = parsed.success
    ? parsed.data.resources.filter((r) => r.change === "add").map((r) => r.type)
    : [];
  return {
    id: row.id,
    difficulty: row.difficulty,
    exit: code,
    ms,
    reportedValid: code === 0 && parsed.success && parsed.data.validation.ok,
    changed: code === 0 && branch !== null,
    missing: row.expected_resources.filter((t) => !added.includes(t)),
    llm: parsed.success ? parsed.data.llm : { calls: 0, promptTokens: 0, completionTokens: 0 },
    dir,
    verdict: null,
  };
}

export async function askAll(rows: readonly EvalRow[], options: AskOptions): Promise<Outcome[]> {
  mkdirSync(options.work, { recursive: true });
  const outcomes: Outcome[] = [];
  for (const [i, row] of rows.entries()) {
    outcomes.push(await askOne(row, join(options.work, `r${i}`), options));
    options.onProgress?.(i + 1, rows.length);
  }
  return outcomes;
}
