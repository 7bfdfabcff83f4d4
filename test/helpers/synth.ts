// The schema-driven generator's tests share one setting: the demo repository, the bundled AWS provider
// schema and the derived hints; and two ways of reading a plan (its types, a type's rendered HCL).
import { gatherRepoContext, recipeContextFor } from "../../src/agent/index.js";
import { renderLines } from "../../src/core/recipes/hcl/writer.js";
import { loadSynthHints, type ChangePlan, type SynthContext } from "../../src/core/synth/index.js";
import { loadAwsProviderSchema } from "../../src/core/terraform/schema/index.js";
import { DEMO_INFRA } from "./git.js";

export const repo = await gatherRepoContext(DEMO_INFRA);

export const ctx: SynthContext = {
  schema: loadAwsProviderSchema(),
  repo: recipeContextFor(repo.conventions, repo.inventory),
  hints: loadSynthHints(),
};

/** The plan's resources of `type`, rendered as the files would hold them. */
export const hcl = (plan: ChangePlan, type: string): string =>
  plan.create
    .filter((r) => r.type === type)
    .map((r) => renderLines([{ k: "block", type: "resource", labels: [r.type, r.name], body: r.body }], 0))
    .join("\n");

/** The resource types a plan creates, each once, sorted. */
export const types = (plan: ChangePlan): string[] => [...new Set(plan.create.map((r) => r.type))].sort();
