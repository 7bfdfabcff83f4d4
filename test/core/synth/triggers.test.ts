import { describe, expect, it } from "@jest/globals";

import { planChange, planIsComplete } from "../../../src/core/synth/index.js";

import { ctx, hcl, types } from "../../helpers/synth.js";

const INVOKED = ["aws_cloudwatch_event_rule", "aws_cloudwatch_event_target", "aws_lambda_permission"];

describe("planChange: schedules and events that run a function", () => {
  it("runs the function on the schedule the request states, with EventBridge's permission to invoke it", () => {
    const plan = planChange("Deploy a Lambda function and run it every 6 hours", ctx);
    expect(types(plan)).toEqual(expect.arrayContaining(INVOKED));
    expect(hcl(plan, "aws_cloudwatch_event_rule")).toContain('schedule_expression = "rate(6 hours)"');
    expect(hcl(plan, "aws_cloudwatch_event_target")).toContain("arn  = aws_lambda_function.main.arn");
    const permission = hcl(plan, "aws_lambda_permission");
    expect(permission).toContain('principal     = "events.amazonaws.com"');
    expect(permission).toContain("source_arn    = aws_cloudwatch_event_rule.main.arn");
    // The rule needs no role of its own to invoke a function in the same account.
    expect(plan.create.filter((r) => r.type === "aws_iam_role")).toHaveLength(1);
    expect(planIsComplete(plan)).toBe(true);
  });

  it("reads a time of day as a cron expression, and code that runs on a schedule as a function", () => {
    const plan = planChange("Something that runs our code each day at 6 pm", ctx);
    expect(types(plan)).toEqual(expect.arrayContaining(["aws_lambda_function", ...INVOKED]));
    expect(hcl(plan, "aws_cloudwatch_event_rule")).toContain('schedule_expression = "cron(0 18 * * ? *)"');
  });

  it("matches an EC2 event it can name soundly, and builds no instance for it", () => {
    const plan = planChange("Trigger a Lambda function each time an EC2 instance is stopped", ctx);
    const rule = hcl(plan, "aws_cloudwatch_event_rule");
    expect(rule).toMatch(/detail-type = \["EC2 Instance State-change Notification"\]/);
    expect(rule).toContain('state = ["stopped"]');
    expect(types(plan)).not.toContain("aws_instance");
    const image = planChange('Invoke "aws_lambda_function" called scan whenever an AMI is created', ctx);
    expect(hcl(image, "aws_cloudwatch_event_rule")).toContain('eventName   = ["CreateImage"]');
    expect(hcl(image, "aws_cloudwatch_event_target")).toContain("aws_lambda_function.scan.arn");
  });

  it("asks for the pattern of an event it cannot name soundly instead of inventing one", () => {
    const plan = planChange("Invoke a Lambda function whenever a CodeCommit repository is deleted", ctx);
    expect(hcl(plan, "aws_cloudwatch_event_rule")).toContain("event_pattern = var.event_rule_event_pattern");
    expect(plan.variables.find((v) => v.name === "event_rule_event_pattern")?.description).toMatch(
      /did not say which events/,
    );
    expect(types(plan)).not.toContain("aws_codecommit_repository");
  });

  it("runs the function when a file lands in the bucket: the bucket's notification and S3's permission", () => {
    const plan = planChange(
      "A Lambda function that runs whenever a file is uploaded to a new S3 bucket",
      ctx,
    );
    const notification = hcl(plan, "aws_s3_bucket_notification");
    expect(notification).toContain("bucket     = aws_s3_bucket.main.id");
    expect(notification).toContain('events              = ["s3:ObjectCreated:*"]');
    expect(hcl(plan, "aws_lambda_permission")).toContain('principal     = "s3.amazonaws.com"');
    expect(types(plan)).not.toContain("aws_cloudwatch_event_rule");
  });

  it("starts a state machine with a role EventBridge assumes that may start only it", () => {
    const plan = planChange("A Step Functions state machine that starts every day at 2 am", ctx);
    expect(hcl(plan, "aws_cloudwatch_event_rule")).toContain('schedule_expression = "cron(0 2 * * ? *)"');
    const target = hcl(plan, "aws_cloudwatch_event_target");
    expect(target).toContain("arn      = aws_sfn_state_machine.main.arn");
    expect(target).toContain("role_arn = aws_iam_role.main_events.arn");
    expect(hcl(plan, "aws_iam_role_policy")).toMatch(
      /states:StartExecution[\s\S]*aws_sfn_state_machine\.main\.arn/,
    );
    // The state machine keeps a role of its own: EventBridge's role is not shared with it.
    expect(hcl(plan, "aws_sfn_state_machine")).not.toContain("aws_iam_role.main_events");
  });

  it("sends to a queue or a topic that only this rule may send to", () => {
    const queue = planChange("An SQS queue that gets a message every hour from a scheduled rule", ctx);
    expect(hcl(queue, "aws_cloudwatch_event_target")).toContain("arn  = aws_sqs_queue.main.arn");
    expect(hcl(queue, "aws_sqs_queue_policy")).toMatch(
      /sqs:SendMessage[\s\S]*aws_cloudwatch_event_rule\.main\.arn/,
    );
    expect(types(queue)).not.toContain("aws_lambda_function");
    const topic = planChange("Send a message to an SNS topic every day at 9 am", ctx);
    expect(hcl(topic, "aws_sns_topic_policy")).toContain('"sns:Publish"');
    expect(hcl(topic, "aws_kms_key")).toContain('Service = ["events.amazonaws.com"]');
  });

  it("leaves a schedule to the resource that takes one, and adds no rule without a schedule", () => {
    expect(types(planChange("A Lambda function and a backup plan that runs daily", ctx))).not.toContain(
      "aws_cloudwatch_event_rule",
    );
    expect(
      types(planChange("A Lambda function with 30 days log retention, run behind an API gateway", ctx)),
    ).not.toContain("aws_cloudwatch_event_rule");
  });
});
