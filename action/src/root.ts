import { createHash } from "node:crypto";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CostReport } from "../../src/core/cost/index.js";
import { type Plan, type PlanSummary, parsePlan, summarizePlan } from "../../src/core/plan/index.js";
import { planFileName } from "../../src/core/apply/record.js";
import { splitArgs } from "./inputs.js";
import { type Runner, errorExcerpt } from "./terraform.js";

export interface RootFailure {
  step: "init" | "plan" | "show" | "setup";
  code: number;
  excerpt: string;
}

export interface RootResult {
  root: string;
  /** The program that ran (`terraform`, `tofu`), named in a failure comment. */
  tool?: string;
  summary?: PlanSummary;
  /** The parsed plan, kept for pricing. */
  plan?: Plan;
  cost?: CostReport;
  planJson?: string;
  /** The saved plan file (`plan -out`) and its SHA-256, for a later apply of exactly this plan. */
  planFile?: string;
  planSha256?: string;
  failure?: RootFailure;
  commentUrl?: string;
}

export interface RootContext {
  /** The root's real path, already confined to the workspace (see roots.ts). */
  dir: string;
  tmpDir: string;
  env: NodeJS.ProcessEnv;
  initArgs: string;
  planArgs: string;
  run: Runner;
  /** `terraform` or `tofu`, for the log lines. */
  tool: string;
  log: (message: string) => void;
}

/** init → plan -detailed-exitcode → show -json → summary, for one root directory. */
export async function planRoot(root: string, ctx: RootContext): Promise<RootResult> {
  const cwd = ctx.dir;
  const isDir = await stat(cwd).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir)
    return { root, failure: { step: "setup", code: 1, excerpt: `working directory ${root} does not exist` } };
  const slug = root.replace(/[^\w.-]+/g, "_") || "root";
  // The same name the plan record gives, so the apply finds the file in the uploaded artifact.
  await mkdir(ctx.tmpDir, { recursive: true });
  const planFile = join(ctx.tmpDir, planFileName(root));
  const options = { cwd, env: ctx.env };

  ctx.log(`${root}: ${ctx.tool} init`);
  const init = await ctx.run(["init", "-input=false", ...splitArgs(ctx.initArgs)], options);
  if (init.code !== 0)
    return { root, failure: { step: "init", code: init.code, excerpt: errorExcerpt(init.stderr) } };

  ctx.log(`${root}: ${ctx.tool} plan`);
  const planArgs = [
    "plan",
    "-input=false",
    "-no-color",
    "-detailed-exitcode",
    `-out=${planFile}`,
    ...splitArgs(ctx.planArgs),
  ];
  const plan = await ctx.run(planArgs, options);
  // -detailed-exitcode: 0 no changes, 2 changes, anything else an error.
  if (plan.code !== 0 && plan.code !== 2) {
    return { root, failure: { step: "plan", code: plan.code, excerpt: errorExcerpt(plan.stderr) } };
  }

  const show = await ctx.run(["show", "-json", planFile], options);
  if (show.code !== 0)
    return { root, failure: { step: "show", code: show.code, excerpt: errorExcerpt(show.stderr) } };
  const planJson = join(ctx.tmpDir, `${slug}.plan.json`);
  await writeFile(planJson, show.stdout);
  try {
    const plan = parsePlan(show.stdout);
    const planSha256 = await sha256File(planFile);
    return { root, planJson, planFile, planSha256, plan, summary: summarizePlan(plan) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { root, planJson, failure: { step: "show", code: 0, excerpt: message } };
  }
}

export async function sha256File(path: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(path))
    .digest("hex");
}
