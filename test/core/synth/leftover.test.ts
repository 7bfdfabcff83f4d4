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
    // A provisioned MSK cluster is not the serverless one asked for; a table is not its Kinesis streaming.
    expect(
      planChange("a serverless MSK for the clickstream with 3 broker nodes", ctx).notUnderstood,
    ).toContain("serverless");
    expect(planChange("a DynamoDB table named orders with kinesis streaming", ctx).notUnderstood).toEqual([
      "streaming",
    ]);
  });

  it("a word of the same family as a sibling type or an unwritten feature block is a part left out", () => {
    // "replicated" meets aws_s3_bucket_replication_configuration; "cache" the project's unwritten cache block.
    expect(planChange("an S3 bucket replicated to us-east-2", ctx).notUnderstood).toEqual(["replicated"]);
    expect(planChange("a CodeBuild project for the app with a cache", ctx).notUnderstood).toEqual(["cache"]);
    // "subscribed" is of the family of aws_sns_topic_subscription: a queue and a topic alone do not do it.
    expect(planChange("an SQS queue subscribed to an SNS topic", ctx).notUnderstood).toEqual(["subscribed"]);
    expect(planChange("an SNS topic with an SQS subscription", ctx).notUnderstood).toEqual([]);
  });

  it("a link the request states between two things the plan leaves unconnected is a part left out", () => {
    expect(planChange("an API Gateway HTTP API that invokes the orders lambda", ctx).notUnderstood).toEqual([
      "invokes (nothing connects aws_apigatewayv2_api.main to aws_lambda_function.main)",
    ]);
    expect(planChange("Enable GuardDuty and send findings to an SNS topic", ctx).notUnderstood).toEqual([
      "send (nothing connects aws_guardduty_detector.main to aws_sns_topic.main)",
    ]);
    // Connected through any chain of references: the listener, target group and attachments.
    expect(
      planChange("a load balancer that forwards traffic to two EC2 instances", ctx).notUnderstood,
    ).toEqual([]);
    expect(planChange("Send VPC flow logs to an S3 bucket", ctx).notUnderstood).toEqual([]);
  });

  it("names, purposes and attributes the plan writes are not parts left out", () => {
    for (const request of [
      "an SQS queue for the payments team",
      "a DynamoDB table for the checkout service with point-in-time recovery",
      "an S3 bucket with public access blocked and versioning",
      "an IAM role that allows EC2 to assume it",
      "a Lambda function with a 30 seconds timeout",
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
    const request = "a DynamoDB table named orders with kinesis streaming";
    const { recipes, generic } = choose(request);
    expect(recipes.files.length).toBeGreaterThan(0);
    expect(recipesLeaveOut(recipes, schema, request)).toEqual(["kinesis", "streaming"]);
    expect(recipesCover(recipes, schema, request)).toBe(false);
    // The generic plan answers instead, and says what it leaves out (ask then refuses: test/agent).
    expect(generic?.notUnderstood).toEqual(["streaming"]);
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

  it("an argument named in words the recipes skipped sends the request to the generic plan, which sets it", () => {
    const request = "an SQS FIFO queue for payments with content-based deduplication";
    const { recipes, generic } = choose(request);
    expect(recipesLeaveOut(recipes, schema, request)).toEqual(["content-based deduplication"]);
    const queue = generic?.create.find((r) => r.type === "aws_sqs_queue");
    expect(JSON.stringify(queue?.body)).toContain("content_based_deduplication");
    // A state lock table's key is the LockID the request names, not a recipe's default "id".
    const lock = "a DynamoDB table with a hash key named 'LockID' for Terraform locking";
    const table = choose(lock).generic?.create.find((r) => r.type === "aws_dynamodb_table");
    expect(JSON.stringify(table?.body)).toContain("LockID");
  });

  it("a resource type named in words the recipes skipped sends the request to the generic plan", () => {
    const request = "Create an S3 bucket and add an object lock configuration resource for the new bucket.";
    const { recipes, generic } = choose(request);
    expect(recipesCover(recipes, schema, request)).toBe(false);
    expect(generic?.create.map((r) => r.type)).toContain("aws_s3_bucket_object_lock_configuration");
  });
});

describe("precision: words that describe an argument are not resources of their own", () => {
  const types = (request: string): string[] => [
    ...new Set(planChange(request, ctx).create.map((r) => r.type)),
  ];

  it("a VPC's CIDR block and DNS servers do not bring IPAM pools or endpoint DNS", () => {
    const plan = planChange(
      "a VPC with a CIDR block of 10.20.0.0/16 and a DHCP options set whose DNS servers are 10.20.0.2, associated with the VPC",
      ctx,
    );
    const planned = plan.create.map((r) => r.type);
    expect(planned).toEqual(expect.arrayContaining(["aws_vpc", "aws_vpc_dhcp_options"]));
    expect(planned.filter((t) => /ipam|endpoint/.test(t))).toEqual([]);
    expect(plan.notUnderstood).toEqual([]);
  });

  it("a database's engine version is an argument, not a custom engine version resource", () => {
    expect(types("a PostgreSQL RDS instance with engine version 15 and 50 GB of storage")).not.toContain(
      "aws_rds_custom_db_engine_version",
    );
  });

  it("everyday words do not pick a type: web servers, invoking, images, connections", () => {
    for (const [request, unwanted] of [
      ["an EC2 instance in a public subnet running web servers", "aws_vpc_route_server"],
      ["a Lambda function and invoke it every 15 minutes", "aws_lambda_function_event_invoke_config"],
      [
        "an RDS proxy for connection management with secure credential storage",
        "aws_iam_service_specific_credential",
      ],
      ["an MSK cluster", "aws_msk_configuration"],
    ] as const)
      expect({ request, types: types(request) }).toEqual({
        request,
        types: expect.not.arrayContaining([unwanted]),
      });
  });

  it("a three-word type name in another order is that type; a table's service is known by the table", () => {
    expect(types("a serverless MSK cluster for the events team")).toContain("aws_msk_serverless_cluster");
    expect(types('Enable contributor insights on a table named "orders"')).toEqual(
      expect.arrayContaining(["aws_dynamodb_contributor_insights", "aws_dynamodb_table"]),
    );
  });

  it("a part of a bucket named by the tail of its type name is still that part", () => {
    expect(types("an S3 bucket and a website configuration for it")).toContain(
      "aws_s3_bucket_website_configuration",
    );
    expect(types("a VPC with a route server")).toContain("aws_vpc_route_server");
  });
});
