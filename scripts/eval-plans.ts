// npm run eval:plans — the offline plan of every request of an IaC-Eval style dataset against
// examples/demo-infra, in seconds: no files written, no terraform. It answers "what would ask do": which path
// (recipes or the generic plan), whether it would commit or refuse, which expected types the plan lacks, and
// which types it adds that the reference does not have. eval:ask (real files, real terraform) is the judge;
// this is the quick loop for working on understanding and closure.
// Flags: --data FILE (default ../shared/data/iac-requests-dev.jsonl or IAC_EVAL_DATA), --ids a,b (only
// requests whose id contains one of these), --list committed-missing|refused|extra (print those requests),
// --out FILE (JSON of every request's outcome).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gatherRepoContext, recipeContextFor } from "../src/agent/context.js";
import { blockedReason, recipesCover, synthesizePlan } from "../src/agent/synth.js";
import { planRecipes } from "../src/core/recipes/index.js";
import { repoProviderSchema } from "../src/agent/provider-schema.js";
import { rowSchema } from "./eval/ask-run.js";
import { planOutcome, summarizePlans, type PlanOutcome } from "./eval/plans.js";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  options: {
    data: { type: "string" },
    ids: { type: "string" },
    list: { type: "string" },
    out: { type: "string" },
  },
});
const dataPath =
  values.data ??
  process.env.IAC_EVAL_DATA ??
  join(repoRoot, "..", "shared", "data", "iac-requests-dev.jsonl");
if (!existsSync(dataPath)) {
  console.error(`eval:plans: no dataset at ${dataPath} (give --data FILE or IAC_EVAL_DATA)`);
  process.exit(2);
}
const wanted = values.ids?.split(",").filter((s) => s !== "") ?? [];
const rows = readFileSync(dataPath, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => rowSchema.parse(JSON.parse(l)))
  .filter((r) => wanted.length === 0 || wanted.some((w) => r.id.includes(w)));

const demo = join(repoRoot, "examples", "demo-infra");
const { inventory, conventions } = await gatherRepoContext(demo);
const repo = recipeContextFor(conventions, inventory);
// The schema line the agent would use for this repository (its pinned provider), not the bundled default.
const schema = await repoProviderSchema(demo, conventions.root, inventory);
const outcomes: PlanOutcome[] = rows.map((row) => {
  // The same choice runAgent makes: recipes when they cover the request, the generic plan otherwise.
  const recipes = planRecipes(row.prompt, repo);
  const plan = recipesCover(recipes, schema, row.prompt)
    ? null
    : synthesizePlan(row.prompt, repo, inventory, conventions.root, { schema });
  return planOutcome(row, recipes, plan, plan === null ? null : blockedReason(plan), schema);
});
console.log(summarizePlans(outcomes, values.list ?? null, new Map(rows.map((r) => [r.id, r.prompt]))));
if (values.out !== undefined) writeFileSync(values.out, JSON.stringify(outcomes, null, 1));
