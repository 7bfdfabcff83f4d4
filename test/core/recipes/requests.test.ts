import { describe, expect, it } from "@jest/globals";
import { planRecipes } from "../../../src/core/recipes/index.js";
import { CASES } from "./requests.cases.js";
import { at, findings, parseAll, resourceAddresses } from "./support.js";

const TAGGABLE = new Set([
  "aws_s3_bucket",
  "aws_sqs_queue",
  "aws_dynamodb_table",
  "aws_lambda_function",
  "aws_kms_key",
  "aws_ecr_repository",
  "aws_sns_topic",
  "aws_iam_role",
  "aws_secretsmanager_secret",
  "aws_security_group",
  "aws_cloudwatch_metric_alarm",
  "aws_cloudwatch_event_rule",
  "aws_cloudwatch_log_group",
  "aws_iam_openid_connect_provider",
]);

describe("planRecipes on plain-English requests", () => {
  it("covers at least 20 distinct requests", () => {
    expect(new Set(CASES.map((c) => c.request)).size).toBeGreaterThanOrEqual(20);
  });

  it.each(CASES)("$request", async (c) => {
    const plan = planRecipes(c.request, c.ctx);
    expect(plan.questions).toEqual([]);
    expect(plan.unrecognized).toEqual([]);
    expect(plan.blocks.map((b) => b.recipe)).toEqual(c.recipes);

    const parsed = await parseAll(plan.files);
    const addresses = resourceAddresses(parsed);
    expect(addresses).toEqual(expect.arrayContaining(c.addresses));
    for (const [path, expected] of c.values ?? []) expect(at(parsed, ...path)).toEqual(expected);
    expect(plan.files.filter((f) => !f.path.endsWith(".tf")).map((f) => f.path)).toEqual(c.extraFiles ?? []);

    // The plan's resource list is exactly what the files declare.
    const declared = plan.resources
      .filter((r) => !r.type.startsWith("data.") && r.type !== "variable")
      .map((r) => `${r.type}.${r.name}`);
    expect(declared.sort()).toEqual([...addresses].sort());

    // Conventions: file layout, naming prefix and tag style of the context.
    const tfPaths = plan.files.filter((f) => f.path.endsWith(".tf")).map((f) => f.path);
    if (c.ctx.fileLayout === "single_main") expect(tfPaths).toEqual(["main.tf"]);
    else expect(tfPaths).not.toContain("main.tf");
    for (const file of plan.files)
      expect(file.mode).toBe((c.ctx.existingFiles ?? []).includes(file.path) ? "append" : "create");
    const resources = (parsed["resource"] ?? {}) as Record<string, Record<string, unknown>>;
    for (const [type, byName] of Object.entries(resources)) {
      for (const name of Object.keys(byName)) {
        const tags = at(byName, name, 0, "tags");
        if (c.ctx.tags.style === "per_resource_merge" && TAGGABLE.has(type))
          expect(tags).toMatch(
            /^\$\{merge\(local\.tags, \{\n\s+Name = "\$\{var\.project\}-\$\{var\.environment\}-/,
          );
        else expect(tags).toBeUndefined();
      }
    }
    if (c.ctx.namePrefixExpression !== undefined) {
      for (const bucket of Object.values(resources["aws_s3_bucket"] ?? {}))
        expect(at(bucket, 0, "bucket")).toMatch(
          /^\$\{(?:local\.name_prefix|var\.project\}-\$\{var\.environment)\}-/,
        );
    }

    // Zero findings from the project's validator: parses, every type and argument in the AWS provider schema, canonical format.
    expect(await findings(plan.files)).toEqual([]);
    expect(plan.summary).toContain("### What this adds");
  });
});
