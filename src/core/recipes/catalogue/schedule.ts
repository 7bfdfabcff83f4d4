import { z } from "zod";
import { attr, str } from "../hcl/writer.js";
import { awsName, identOf, identSchema, nameSchema, ref, resource } from "../common.js";
import type { RecipeDefinition } from "../types.js";

const RATE = /^rate\((?:1 (?:minute|hour|day)|(?:[2-9]|[1-9]\d{1,3}) (?:minutes|hours|days))\)$/;
const CRON_FIELD = /^[0-9A-Z*?,/#L-]+$/;

/** `rate(5 minutes)` or a six-field EventBridge `cron(...)`; anything else is refused. */
export const scheduleExpression = z.string().refine((text) => {
  if (RATE.test(text)) return true;
  const cron = /^cron\((.*)\)$/.exec(text);
  const fields = cron?.[1]?.split(" ") ?? [];
  return (
    fields.length === 6 && fields.every((f) => CRON_FIELD.test(f)) && (fields[2] === "?" || fields[4] === "?")
  );
}, "rate(N minutes|hours|days) or cron(min hour day-of-month month day-of-week year) with ? in one day field");

const params = z.object({
  name: nameSchema,
  schedule_expression: scheduleExpression,
  target_lambda: identSchema.describe("identifier of the aws_lambda_function to invoke"),
  description: z
    .string()
    .regex(/^[A-Za-z0-9 .,()_:/-]{0,200}$/, "plain words")
    .optional(),
});

export const eventSchedule: RecipeDefinition<typeof params> = {
  id: "eventbridge-schedule",
  title: "EventBridge schedule",
  description:
    "EventBridge rule on a rate or cron schedule (UTC) invoking a Lambda function, with the invoke permission scoped to that rule.",
  file: "eventbridge.tf",
  service: "cloudwatch",
  params,
  render(p, env) {
    const id = identOf(p.name);
    const name = awsName(env, p.name);
    return {
      blocks: [
        resource(
          env,
          "aws_cloudwatch_event_rule",
          id,
          [
            attr("name", name),
            attr("description", str(p.description ?? `Runs ${p.target_lambda} on ${p.schedule_expression}`)),
            attr("schedule_expression", str(p.schedule_expression)),
            attr("state", str("ENABLED")),
          ],
          name,
        ),
        resource(env, "aws_cloudwatch_event_target", id, [
          attr("rule", ref("aws_cloudwatch_event_rule", id, "name")),
          attr("target_id", str("lambda")),
          attr("arn", ref("aws_lambda_function", p.target_lambda, "arn")),
        ]),
        resource(env, "aws_lambda_permission", `${id}_eventbridge`, [
          attr("statement_id", str("AllowEventBridgeInvoke")),
          attr("action", str("lambda:InvokeFunction")),
          attr("function_name", ref("aws_lambda_function", p.target_lambda, "function_name")),
          attr("principal", str("events.amazonaws.com")),
          attr("source_arn", ref("aws_cloudwatch_event_rule", id, "arn")),
        ]),
      ],
      shared: [],
      extraFiles: [],
      notes: [
        `runs on \`${p.schedule_expression}\` (UTC)`,
        "invoke permission limited to this rule (source_arn)",
      ],
    };
  },
};
