import { z } from "zod";
import { attr, list, num, obj, str } from "../hcl/writer.js";
import type { Item, Value } from "../hcl/writer.js";
import { awsName, callerIdentityShared, identOf, identSchema, nameSchema, ref, resource } from "../common.js";
import { kmsKeyBlocks } from "./kms.js";
import type { RecipeDefinition, RenderedRecipe } from "../types.js";

export interface Preset {
  namespace: string;
  metric: string;
  statistic: string;
  dimension: [string, string, string];
  threshold: number;
  what: string;
}

/** Metrics a reviewer expects an alarm on, keyed by what they watch. Dimension: [name, resource type, attribute]. */
export const PRESETS: Readonly<Record<string, Preset>> = {
  sqs_queue_depth: {
    namespace: "AWS/SQS",
    metric: "ApproximateNumberOfMessagesVisible",
    statistic: "Maximum",
    dimension: ["QueueName", "aws_sqs_queue", "name"],
    threshold: 100,
    what: "messages waiting",
  },
  sqs_oldest_message_age: {
    namespace: "AWS/SQS",
    metric: "ApproximateAgeOfOldestMessage",
    statistic: "Maximum",
    dimension: ["QueueName", "aws_sqs_queue", "name"],
    threshold: 900,
    what: "age of the oldest message (s)",
  },
  sqs_dlq_messages: {
    namespace: "AWS/SQS",
    metric: "ApproximateNumberOfMessagesVisible",
    statistic: "Maximum",
    dimension: ["QueueName", "aws_sqs_queue", "name"],
    threshold: 1,
    what: "messages in the dead-letter queue",
  },
  lambda_errors: {
    namespace: "AWS/Lambda",
    metric: "Errors",
    statistic: "Sum",
    dimension: ["FunctionName", "aws_lambda_function", "function_name"],
    threshold: 1,
    what: "function errors",
  },
  lambda_throttles: {
    namespace: "AWS/Lambda",
    metric: "Throttles",
    statistic: "Sum",
    dimension: ["FunctionName", "aws_lambda_function", "function_name"],
    threshold: 1,
    what: "throttled invocations",
  },
  dynamodb_throttles: {
    namespace: "AWS/DynamoDB",
    metric: "ThrottledRequests",
    statistic: "Sum",
    dimension: ["TableName", "aws_dynamodb_table", "name"],
    threshold: 1,
    what: "throttled requests",
  },
};

const SYMBOL: Record<string, string> = {
  GreaterThanOrEqualToThreshold: ">=",
  GreaterThanThreshold: ">",
  LessThanThreshold: "<",
  LessThanOrEqualToThreshold: "<=",
};

const token = z.string().regex(/^[A-Za-z0-9_./:-]{1,255}$/, "letters, digits, _ . / : -");
const params = z
  .object({
    name: nameSchema,
    metric: z.enum([...(Object.keys(PRESETS) as [string, ...string[]]), "custom"]),
    target: identSchema.optional().describe("identifier of the watched resource (preset metrics)"),
    namespace: token.optional(),
    metric_name: token.optional(),
    statistic: z.enum(["Average", "Sum", "Minimum", "Maximum", "SampleCount"]).optional(),
    dimensions: z.record(token, token).default({}),
    threshold: z.number().min(0).optional(),
    comparison: z
      .enum([
        "GreaterThanOrEqualToThreshold",
        "GreaterThanThreshold",
        "LessThanThreshold",
        "LessThanOrEqualToThreshold",
      ])
      .default("GreaterThanOrEqualToThreshold"),
    period_seconds: z
      .number()
      .int()
      .refine(
        (s) => s === 10 || s === 30 || (s >= 60 && s % 60 === 0 && s <= 86400),
        "10, 30 or a multiple of 60",
      )
      .default(300),
    evaluation_periods: z.number().int().min(1).max(100).default(1),
    sns_topic: identSchema
      .optional()
      .describe("identifier of the aws_sns_topic to notify; otherwise one is created"),
  })
  .superRefine((p, issue) => {
    if (p.metric !== "custom" && p.target === undefined)
      issue.addIssue({
        code: "custom",
        path: ["target"],
        message: `metric ${p.metric} needs the target resource identifier`,
      });
    if (p.metric === "custom" && (p.namespace === undefined || p.metric_name === undefined)) {
      issue.addIssue({
        code: "custom",
        path: [p.namespace === undefined ? "namespace" : "metric_name"],
        message: "a custom metric needs namespace and metric_name",
      });
    }
  });

export const metricAlarm: RecipeDefinition<typeof params> = {
  id: "cloudwatch-alarm",
  title: "CloudWatch metric alarm",
  description:
    "CloudWatch metric alarm on a queue, function, table or custom metric, notifying an (encrypted) SNS topic on alarm and recovery.",
  file: "cloudwatch.tf",
  service: "cloudwatch",
  params,
  render(p, env) {
    const id = identOf(p.name);
    const name = awsName(env, p.name);
    const preset = PRESETS[p.metric];
    const dimensions: Record<string, Value> =
      preset !== undefined && p.target !== undefined
        ? { [preset.dimension[0]]: ref(preset.dimension[1], p.target, preset.dimension[2]) }
        : Object.fromEntries(Object.entries(p.dimensions).map(([k, v]) => [k, str(v)]));
    const threshold = p.threshold ?? preset?.threshold ?? 0;
    const blocks: Item[] = [];
    const topic = p.sns_topic ?? `${id}_alarm`;
    const shared: RenderedRecipe["shared"] = [];
    if (p.sns_topic === undefined) {
      // CloudWatch cannot publish to a topic under the AWS managed key, so the topic gets its own key.
      const topicName = awsName(env, p.name, "-alarm");
      blocks.push(
        ...kmsKeyBlocks(env, `${p.name}-alarm`, {
          description: `${p.name} alarm notifications`,
          deletionWindowDays: 30,
          servicePrincipals: ["cloudwatch.amazonaws.com"],
        }),
        resource(
          env,
          "aws_sns_topic",
          topic,
          [attr("name", topicName), attr("kms_master_key_id", ref("aws_kms_key", topic, "arn"))],
          topicName,
        ),
      );
      shared.push(callerIdentityShared(env));
    }
    const actions = list(ref("aws_sns_topic", topic, "arn"));
    blocks.push(
      resource(
        env,
        "aws_cloudwatch_metric_alarm",
        id,
        [
          attr("alarm_name", name),
          attr(
            "alarm_description",
            str(
              `${preset?.what ?? p.metric_name ?? "metric"} ${SYMBOL[p.comparison] ?? p.comparison} ${threshold}`,
            ),
          ),
          attr("namespace", str(preset?.namespace ?? p.namespace ?? "")),
          attr("metric_name", str(preset?.metric ?? p.metric_name ?? "")),
          attr("statistic", str(p.statistic ?? preset?.statistic ?? "Average")),
          attr("period", num(p.period_seconds)),
          attr("evaluation_periods", num(p.evaluation_periods)),
          attr("threshold", num(threshold)),
          attr("comparison_operator", str(p.comparison)),
          attr("treat_missing_data", str("notBreaching")),
          ...(Object.keys(dimensions).length === 0 ? [] : [attr("dimensions", obj(dimensions))]),
          attr("alarm_actions", actions),
          attr("ok_actions", actions),
        ],
        name,
      ),
    );
    return {
      blocks,
      shared,
      extraFiles: [],
      notes: [
        `alarms when ${preset?.what ?? `${p.namespace}/${p.metric_name}`} is ${SYMBOL[p.comparison] ?? p.comparison} ${threshold} over ${p.evaluation_periods} × ${p.period_seconds} s`,
        p.sns_topic === undefined
          ? "notifies a new SNS topic, encrypted with its own KMS key that CloudWatch may use, on alarm and on recovery: subscribe your on-call to it"
          : `notifies aws_sns_topic.${p.sns_topic} on alarm and on recovery`,
        "missing data is treated as not breaching",
      ],
    };
  },
};
