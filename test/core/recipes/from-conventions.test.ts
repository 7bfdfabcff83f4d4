import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { loadTerraformDirectory } from "../../../src/adapters/terraform/index.js";
import { planRecipes, recipeContextFromConventions } from "../../../src/core/recipes/index.js";
import type { FileChange, RecipeContext } from "../../../src/core/recipes/index.js";
import { detectConventions } from "../../../src/core/terraform/conventions/index.js";
import { buildInventory } from "../../../src/core/terraform/inventory/index.js";
import { validateFiles } from "../../../src/tasks/validate.js";
import { DEMO } from "./support.js";

const DEMO_DIR = "examples/demo-infra";

async function demoContext(): Promise<RecipeContext> {
  const loaded = await loadTerraformDirectory(DEMO_DIR);
  const inventory = buildInventory(loaded.files);
  return recipeContextFromConventions(detectConventions(loaded.files, inventory), inventory);
}

/** The demo's root files with the plan's changes applied, as the agent's commit would leave them. */
function applied(changes: readonly FileChange[], ctx: RecipeContext): { path: string; content: string }[] {
  const files = new Map(
    (ctx.existingFiles ?? []).map((path) => [path, readFileSync(`${DEMO_DIR}/${path}`, "utf8")]),
  );
  for (const change of changes) {
    files.set(
      change.path,
      change.mode === "append" ? `${files.get(change.path) ?? ""}${change.content}` : change.content,
    );
  }
  return [...files].filter(([path]) => path.endsWith(".tf")).map(([path, content]) => ({ path, content }));
}

describe("recipeContextFromConventions on examples/demo-infra", () => {
  it("reads the same conventions the hand-written demo fixture states", async () => {
    const ctx = await demoContext();
    const sorted = (c: RecipeContext): RecipeContext => ({
      ...c,
      existingResources: [...c.existingResources].sort((a, b) =>
        `${a.type}.${a.name}`.localeCompare(`${b.type}.${b.name}`),
      ),
    });
    expect(sorted({ ...ctx, serviceFiles: {} })).toEqual(sorted({ ...DEMO, serviceFiles: {} }));
    expect(ctx.serviceFiles).toEqual({ iam: "iam.tf", s3: "s3.tf" });
  });

  it.each([
    "an encrypted S3 bucket for audit logs with 90-day retention and access logging",
    "OIDC role for GitHub repo acme/demo-infra main branch, read only",
    "a queue for uploads and a python 3.12 lambda that processes it, plus an alarm when the dead letter queue has messages",
  ])(
    "%s: appended to the demo, the whole root module still validates with zero findings",
    async (request) => {
      const ctx = await demoContext();
      const plan = planRecipes(request, ctx);
      expect(plan.questions).toEqual([]);
      const result = await validateFiles(applied(plan.files, ctx));
      expect(result.findings).toEqual([]);
    },
  );

  it("appends IAM to the demo's iam.tf and S3 to its s3.tf", async () => {
    const ctx = await demoContext();
    const plan = planRecipes("a bucket for exports. OIDC role for GitHub repo acme/demo-infra", ctx);
    expect(plan.files.map((f) => [f.path, f.mode])).toEqual([
      ["s3.tf", "append"],
      ["iam.tf", "append"],
    ]);
  });
});
