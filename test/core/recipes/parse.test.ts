import { describe, expect, it } from "@jest/globals";
import { planRecipes } from "../../../src/core/recipes/index.js";
import { DEMO } from "./support.js";

const recipesAndNames = (request: string): string[][] =>
  planRecipes(request, DEMO).blocks.map((b) => [b.recipe, String(b.params["name"])]);

describe("request parser details", () => {
  it("reads several blocks of the same kind, each with its own name", () => {
    expect(recipesAndNames("an S3 bucket for logs and an S3 bucket for backups")).toEqual([
      ["s3-bucket", "logs"],
      ["s3-bucket", "backups"],
    ]);
  });

  it("takes names from 'called', 'for' and the words before the noun", () => {
    expect(recipesAndNames("Add a DynamoDB table called user-profiles keyed by user_id")).toEqual([
      ["dynamodb-table", "user-profiles"],
    ]);
    expect(recipesAndNames("an orders queue")).toEqual([["sqs-queue", "orders"]]);
    expect(recipesAndNames("a KMS key")).toEqual([["kms-key", "main"]]);
    expect(planRecipes("a KMS key", DEMO).summary).toContain("No name given for the kms block: used `main`.");
  });

  it("turns off the dead-letter queue only when asked, and will not alarm on one that does not exist", () => {
    const plan = planRecipes(
      "an sqs queue for emails without a dlq, and an alarm when the dead letter queue has messages",
      DEMO,
    );
    expect(plan.blocks.map((b) => [b.recipe, b.params["name"], b.params["dlq"]])).toEqual([
      ["sqs-queue", "emails", false],
    ]);
    expect(plan.questions).toEqual([
      "The queue `emails` has no dead-letter queue to alarm on: keep the dead-letter queue, or alarm on the queue's backlog?",
    ]);
  });

  it("grants a function exactly the access its sentence describes", () => {
    const plan = planRecipes(
      "we need a secret for the stripe key and a lambda for payments that reads it",
      DEMO,
    );
    expect(plan.blocks[1]?.params["access"]).toEqual([{ kind: "secret_read", target: "stripe_key" }]);
    const sender = planRecipes(
      "a queue for notifications and a lambda that sends to the queue every 15 minutes",
      DEMO,
    );
    expect(sender.blocks.map((b) => b.recipe)).toEqual([
      "sqs-queue",
      "python-lambda",
      "eventbridge-schedule",
    ]);
    expect(sender.blocks[1]?.params["access"]).toEqual([{ kind: "sqs_send", target: "notifications" }]);
    expect(sender.blocks[1]?.params["sqs_trigger"]).toBeUndefined();
  });

  it("pairs each port with the network named after it", () => {
    const plan = planRecipes(
      "a security group for the api allowing https from 10.0.0.0/16 and ports 8080 and 8443 from 10.20.0.0/16",
      DEMO,
    );
    expect(plan.blocks[0]?.params["ingress"]).toEqual([
      { from_port: 443, protocol: "tcp", cidr: "10.0.0.0/16" },
      { from_port: 8080, protocol: "tcp", cidr: "10.20.0.0/16" },
      { from_port: 8443, protocol: "tcp", cidr: "10.20.0.0/16" },
    ]);
  });

  it("asks from where when a port has no network", () => {
    const plan = planRecipes("a security group for redis on port 6379", DEMO);
    expect(plan.questions).toEqual([
      "From which network (CIDR, e.g. 10.0.0.0/16) should port 6379 be reachable? I added no ingress rule.",
    ]);
  });

  it("refuses out-of-range values with a question rather than clamping silently", () => {
    expect(planRecipes("a lambda for resize with 20000 MB memory", DEMO).questions).toEqual([
      "Lambda memory must be between 128 MB and 10240 MB: how much?",
    ]);
    expect(planRecipes("a python 3.7 lambda for legacy", DEMO).questions).toEqual([
      "Python 3.7 is not a Lambda runtime I can use: python3.9 to python3.13 are.",
    ]);
    const sqs = planRecipes("a queue for audit that keeps messages 30 days", DEMO);
    expect(sqs.blocks[0]?.params["retention_days"]).toBe(14);
    expect(sqs.summary).toContain("SQS keeps messages at most 14 days; used 14 instead of 30.");
  });

  it("refuses wildcard branches and admin access for the GitHub role", () => {
    const plan = planRecipes("OIDC role for GitHub repo acme/infra with admin access", DEMO);
    expect(plan.blocks[0]?.params["policy_arns"]).toEqual([]);
    expect(plan.questions).toEqual([
      "AdministratorAccess is too broad for a CI role: which services and actions does the workflow need? The role was created without permissions.",
    ]);
  });

  it("keeps the repository's case in the OIDC subject", () => {
    const plan = planRecipes("github actions role for repo Acme-Corp/Infra.Live on the Release branch", DEMO);
    expect(plan.blocks[0]?.params["repository"]).toBe("Acme-Corp/Infra.Live");
    expect(plan.blocks[0]?.params["subjects"]).toEqual([{ kind: "branch", value: "Release" }]);
    expect(plan.blocks[0]?.params["name"]).toBe("github-infra-live");
  });

  it("caps one change at 20 blocks and says so", () => {
    const plan = planRecipes(Array.from({ length: 50 }, (_, i) => `a queue for q${i}`).join(", and "), DEMO);
    expect(plan.blocks).toHaveLength(20);
    expect(plan.questions).toEqual([
      "The request has 50 parts; I read only the first 40. Please split it into smaller requests.",
      "That is 40 building blocks; one change takes at most 20. I kept the first 20: please ask for the rest separately.",
    ]);
  });

  it("gives an alarm's topic a key CloudWatch may use, and a consumer the key of what it reads", () => {
    const alarm = planRecipes(
      "a lambda for cleanup and an alarm when the lambda errors that emails ops@example.com",
      DEMO,
    );
    expect(
      alarm.blocks.map((b) => [
        b.recipe,
        b.params["name"],
        b.params["kms_key"],
        b.params["service_principals"],
      ]),
    ).toEqual([
      ["kms-key", "cleanup-errors-alerts", undefined, ["cloudwatch.amazonaws.com"]],
      ["sns-topic", "cleanup-errors-alerts", "cleanup_errors_alerts", undefined],
      ["python-lambda", "cleanup", undefined, undefined],
      ["cloudwatch-alarm", "cleanup-errors", undefined, undefined],
    ]);
    const consumer = planRecipes(
      "a queue for jobs encrypted with a customer managed key and a lambda that processes it",
      DEMO,
    );
    expect(consumer.blocks[2]?.params["access"]).toEqual([{ kind: "kms_use", target: "jobs" }]);
    expect(consumer.files.find((f) => f.path === "lambda.tf")?.content).toContain(
      'actions   = ["kms:Decrypt", "kms:GenerateDataKey"]',
    );
  });

  it("points at resources the repository already has", () => {
    const ctx = {
      ...DEMO,
      existingResources: [
        ...DEMO.existingResources,
        { type: "aws_sqs_queue", name: "orders" },
        { type: "aws_lambda_function", name: "billing" },
      ],
    };
    const consumer = planRecipes("a lambda that processes the orders queue", ctx);
    expect(consumer.blocks.map((b) => [b.recipe, b.params["name"], b.params["sqs_trigger"]])).toEqual([
      ["python-lambda", "orders-processor", "orders"],
    ]);
    expect(consumer.summary).toContain(
      "check that aws_sqs_queue.orders has a visibility timeout of at least 30 s (180 s advised)",
    );
    const alarm = planRecipes("an alarm when the orders queue has more than 50 messages", ctx);
    expect(alarm.blocks.map((b) => [b.params["metric"], b.params["target"], b.params["threshold"]])).toEqual([
      ["sqs_queue_depth", "orders", 50],
    ]);
    const schedule = planRecipes("a schedule that runs the billing lambda every day at 3am", ctx);
    expect(
      schedule.blocks.map((b) => [
        b.params["name"],
        b.params["target_lambda"],
        b.params["schedule_expression"],
      ]),
    ).toEqual([["billing-schedule", "billing", "cron(0 3 * * ? *)"]]);
  });

  it("reads given names before nouns, so a name may contain one", () => {
    expect(
      recipesAndNames(
        "Create an S3 bucket named my-data-bucket with a lifecycle rule to expire objects after 365 days",
      ),
    ).toEqual([["s3-bucket", "my-data-bucket"]]);
    expect(recipesAndNames("Provision an SQS FIFO queue called payments.fifo")).toEqual([
      ["sqs-queue", "payments"],
    ]);
    expect(recipesAndNames("Set up a KMS CMK for the ledger")).toEqual([["kms-key", "ledger"]]);
    const table = planRecipes("I need a DynamoDB table 'orders' with pk order_id and sk created_at", DEMO);
    expect(table.blocks[0]?.params).toMatchObject({
      name: "orders",
      hash_key: { name: "order_id" },
      range_key: { name: "created_at" },
    });
    expect(table.unrecognized).toEqual([]);
  });

  it("never turns a quoted secret value into a name", () => {
    for (const request of [
      "a secret for the db password, the password is 'hunter2'",
      "a secret for the db password; the password is hunter2",
    ]) {
      const plan = planRecipes(request, DEMO);
      expect(plan.blocks.map((b) => b.params["name"])).toEqual(["db-password"]);
      expect(JSON.stringify(plan)).not.toContain("hunter2");
    }
  });

  it("encrypts with the key a pronoun points back to", () => {
    const plan = planRecipes("a KMS key and an S3 bucket for reports encrypted with it", DEMO);
    expect(
      plan.blocks.map((b) => [b.recipe, b.params["name"], b.params["kms_key"], b.params["encryption"]]),
    ).toEqual([
      ["kms-key", "main", undefined, undefined],
      ["s3-bucket", "reports", "main", "kms"],
    ]);
  });
});
