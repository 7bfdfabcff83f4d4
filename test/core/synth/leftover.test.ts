import { describe, expect, it } from "@jest/globals";
import { gatherRepoContext, recipeContextFor } from "../../../src/agent/index.js";
import { offlineChoice, recipesCover, recipesLeaveOut, synthesizePlan } from "../../../src/agent/synth.js";
import { planRecipes } from "../../../src/core/recipes/index.js";
import { loadSynthHints, planChange, type SynthContext } from "../../../src/core/synth/index.js";
import { loadAwsProviderSchema } from "../../../src/core/terraform/schema/index.js";
import { DEMO_INFRA } from "../../helpers/git.js";

const repo = await gatherRepoContext(DEMO_INFRA);
const schema = loadAwsProviderSchema();
const recipeCtx = recipeContextFor(repo.conventions, repo.inventory);
const ctx: SynthContext = { schema, repo: recipeCtx, hints: loadSynthHints() };

describe("honesty: the parts of a request a plan leaves out", () => {
  it("a sibling type of the service asked for is a part left out, not noise", () => {
    // MSK: a provisioned cluster is not the serverless one asked for.
    const plan = planChange("Create a serverless MSK cluster with 3 broker nodes", ctx);
    expect(plan.notUnderstood).toContain("serverless");
  });

  it("names, purposes and attributes the plan writes are not parts left out", () => {
    for (const request of [
      "an SQS queue for the payments team",
      "a DynamoDB table for the checkout service with point-in-time recovery",
      "an S3 bucket with public access blocked and versioning",
    ]) {
      const plan = planChange(request, ctx);
      expect({ request, left: plan.notUnderstood }).toEqual({ request, left: [] });
    }
  });

  it("a one-word part of a type's name before 'team' or 'service' is a name, not that type", () => {
    const plan = planChange("an S3 bucket for the payments team", ctx);
    expect(plan.create.map((r) => r.type)).not.toContain("aws_s3_bucket_request_payment_configuration");
  });
});

describe("honesty: recipes that cover only part of a request do not answer it", () => {
  const choose = (request: string) => {
    const recipes = planRecipes(request, recipeCtx);
    const candidate = recipesCover(recipes, schema, request)
      ? null
      : synthesizePlan(request, recipeCtx, repo.inventory, repo.conventions.root, { schema });
    return { recipes, generic: offlineChoice(recipes, candidate, schema, request) };
  };

  it("infrastructure the recipes did not understand is said, and keeps them from answering", () => {
    const request = 'Enable contributor insights on a table named "ExampleTableName"';
    const { recipes, generic } = choose(request);
    expect(recipes.files.length).toBeGreaterThan(0);
    expect(recipesLeaveOut(recipes, schema, request)).toEqual(["contributor insights"]);
    expect(recipesCover(recipes, schema, request)).toBe(false);
    // The generic plan has nothing more to offer: the recipes answer, and ask refuses (test/agent).
    expect(generic).toBeNull();
  });

  it("words that are not infrastructure leave the curated recipes in charge (the DLQ is kept)", () => {
    const request =
      "We need an SQS queue for order events, with a dead-letter queue, for our checkout service";
    const { recipes, generic } = choose(request);
    expect(recipes.unrecognized.length).toBeGreaterThan(0);
    expect(recipesCover(recipes, schema, request)).toBe(true);
    expect(generic).toBeNull();
    expect(recipes.resources.map((r) => r.type)).toEqual(
      expect.arrayContaining(["aws_sqs_queue", "aws_sqs_queue_redrive_allow_policy"]),
    );
  });

  it("a resource type named in words the recipes skipped sends the request to the generic plan", () => {
    const request = "Create an S3 bucket and add an object lock configuration resource for the new bucket.";
    const { recipes, generic } = choose(request);
    expect(recipesCover(recipes, schema, request)).toBe(false);
    expect(generic?.create.map((r) => r.type)).toContain("aws_s3_bucket_object_lock_configuration");
  });
});
