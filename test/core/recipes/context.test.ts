import { describe, expect, it } from "@jest/globals";
import { planRecipes, renderRecipe, RecipeError } from "../../../src/core/recipes/index.js";
import type { RecipeContext } from "../../../src/core/recipes/index.js";
import { at, DEMO, findings, parseAll, SINGLE_MAIN } from "./support.js";

describe("following the repository's conventions", () => {
  it("reuses the repo's caller identity data source instead of declaring a second one", async () => {
    const plan = planRecipes("a KMS key for logs", DEMO);
    expect(plan.resources.map((r) => `${r.type}.${r.name}`)).toEqual([
      "data.aws_iam_policy_document.logs_key_policy",
      "aws_kms_key.logs",
      "aws_kms_alias.logs",
    ]);
    expect(plan.files[0]?.content).toContain(
      '"arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"',
    );
    expect(await findings(plan.files)).toEqual([]);
  });

  it("declares the caller identity once when the repo has none, even if several blocks need it", async () => {
    const ctx: RecipeContext = { ...SINGLE_MAIN, existingFiles: [] };
    const plan = planRecipes("a KMS key for data. An S3 bucket for exports with access logging.", ctx);
    const identities = plan.resources.filter((r) => r.type === "data.aws_caller_identity");
    expect(identities).toEqual([{ type: "data.aws_caller_identity", name: "current" }]);
    expect(plan.files.map((f) => [f.path, f.mode])).toEqual([["main.tf", "create"]]);
    expect(await findings(plan.files)).toEqual([]);
  });

  it("renames a block whose name is taken and appends to the existing service file", async () => {
    const plan = planRecipes("an S3 bucket for artifacts", DEMO);
    expect(plan.blocks[0]?.params["name"]).toBe("artifacts-2");
    const s3 = plan.files.find((f) => f.path === "s3.tf");
    expect(s3?.mode).toBe("append");
    expect(s3?.content.startsWith('\n# S3 bucket "artifacts-2"')).toBe(true);
    expect(plan.summary).toContain("`artifacts` is already used in this repository");
    expect(await findings(plan.files)).toEqual([]);
  });

  it("appends everything to main.tf in a single-file layout, without tags when the repo has none", async () => {
    const plan = planRecipes("an SNS topic for billing and a secret for the api token", SINGLE_MAIN);
    expect(plan.files.map((f) => [f.path, f.mode])).toEqual([["main.tf", "append"]]);
    expect(plan.files[0]?.content).not.toContain("tags");
    expect(plan.files[0]?.content).toContain(
      'resource "aws_sns_topic" "billing" {\n  name              = "billing"\n',
    );
    expect(await findings(plan.files)).toEqual([]);
  });

  it("sends every AWS resource through the provider alias", async () => {
    const ctx: RecipeContext = { ...DEMO, providerAlias: "us_east_1" };
    const plan = planRecipes("an ECR repository for web", ctx);
    const parsed = await parseAll(plan.files);
    expect(at(parsed, "resource", "aws_ecr_repository", "web", 0, "provider")).toBe("${aws.us_east_1}");
    expect(at(parsed, "resource", "aws_ecr_lifecycle_policy", "web", 0, "provider")).toBe("${aws.us_east_1}");
    expect(await findings(plan.files)).toEqual([]);
  });

  it("tags with a plain Name map when the repo tags per resource without a shared expression", () => {
    const ctx: RecipeContext = { ...SINGLE_MAIN, tags: { style: "per_resource_merge" } };
    const out = renderRecipe("sns-topic", { name: "events" }, ctx);
    expect(out.files[0]?.content).toContain('  tags = {\n    Name = "events"\n  }\n');
  });

  it("uses the repo's vpc_id variable when it exists, and declares it otherwise", () => {
    const withVar: RecipeContext = {
      ...SINGLE_MAIN,
      existingResources: [{ type: "variable", name: "vpc_id" }],
    };
    expect(renderRecipe("security-group", { name: "db" }, withVar).files[0]?.content).not.toContain(
      'variable "vpc_id"',
    );
    expect(renderRecipe("security-group", { name: "db" }, SINGLE_MAIN).files[0]?.content).toContain(
      'variable "vpc_id" {',
    );
  });

  it("refuses a tool call whose name collides with an existing resource", () => {
    expect(() => renderRecipe("s3-bucket", { name: "artifacts" }, DEMO)).toThrow(
      new RecipeError(
        'recipe s3-bucket: name "artifacts" collides with aws_s3_bucket.artifacts; choose another name',
      ),
    );
  });

  it("refuses a context whose prefix expression could inject HCL", () => {
    const evil = { ...DEMO, namePrefixExpression: '${local.x}"\nresource "aws_iam_user" "x" {' };
    expect(() => planRecipes("a KMS key for logs", evil)).toThrow(
      "recipe context: namePrefixExpression: an interpolation such as ${local.name_prefix}",
    );
  });
});
