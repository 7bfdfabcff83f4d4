import { describe, expect, it } from "@jest/globals";

import { renderLines } from "../../../src/core/recipes/hcl/writer.js";
import { planChange } from "../../../src/core/synth/index.js";

import { ctx } from "../../helpers/synth.js";

const alarmOf = (request: string): string => {
  const alarm = planChange(request, ctx).create.find((r) => r.type === "aws_cloudwatch_metric_alarm");
  return renderLines([{ k: "block", type: "resource", labels: ["a", "b"], body: alarm?.body ?? [] }], 0);
};

describe("an alarm watches the thing the request names, with the recipes' metrics", () => {
  it("'more than 100 messages' on a queue: its visible messages above 100, by queue name", () => {
    const hcl = alarmOf(
      "a CloudWatch alarm when the orders queue has more than 100 messages, notifying the ops topic",
    );
    expect(hcl).toMatch(/namespace\s+=\s+"AWS\/SQS"/);
    expect(hcl).toMatch(/metric_name\s+=\s+"ApproximateNumberOfMessagesVisible"/);
    expect(hcl).toMatch(/QueueName = aws_sqs_queue\.main\.name/);
    expect(hcl).toMatch(/comparison_operator\s+=\s+"GreaterThanThreshold"/);
    expect(hcl).toMatch(/threshold\s+=\s+100/);
  });

  it("a function's throttles, and its errors when the request says nothing more", () => {
    expect(alarmOf("an alarm when the Lambda function is throttled")).toMatch(
      /metric_name\s+=\s+"Throttles"/,
    );
    const errors = alarmOf("a Lambda function with an alarm on it");
    expect(errors).toMatch(/metric_name\s+=\s+"Errors"/);
    expect(errors).toMatch(/FunctionName = aws_lambda_function\.main\.function_name/);
  });

  it("an alarm with nothing in the plan to watch measures nothing it was not told", () => {
    expect(alarmOf("a CloudWatch alarm for the monthly bill")).not.toMatch(/metric_name/);
  });
});
