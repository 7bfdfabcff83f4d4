import { z } from "zod";
import { attr, bool, call, list, num, obj, str } from "../hcl/writer.js";
import type { Item, Value } from "../hcl/writer.js";
import { awsName, identOf, identSchema, nameSchema, ref, resource } from "../common.js";
import type { RecipeDefinition, RenderEnv } from "../types.js";

const DAY = 86400;
const params = z.object({
  name: nameSchema,
  fifo: z.boolean().default(false),
  dlq: z.boolean().default(true),
  max_receive_count: z.number().int().min(1).max(1000).default(5),
  retention_days: z.number().int().min(1).max(14).default(4),
  dlq_retention_days: z.number().int().min(1).max(14).default(14),
  visibility_timeout_seconds: z.number().int().min(0).max(43200).default(30),
  kms_key: identSchema.optional().describe("identifier of an aws_kms_key; otherwise SQS-managed SSE"),
});

function encryption(kmsKey: string | undefined): Item[] {
  return kmsKey === undefined
    ? [attr("sqs_managed_sse_enabled", bool(true))]
    : [
        attr("kms_master_key_id", ref("aws_kms_key", kmsKey, "arn")),
        attr("kms_data_key_reuse_period_seconds", num(300)),
      ];
}

function queue(env: RenderEnv, ident: string, name: Value, body: Item[], fifo: boolean): Item {
  return resource(
    env,
    "aws_sqs_queue",
    ident,
    [
      attr("name", name),
      ...(fifo ? [attr("fifo_queue", bool(true)), attr("content_based_deduplication", bool(true))] : []),
      ...body,
    ],
    name,
  );
}

export const sqsQueue: RecipeDefinition<typeof params> = {
  id: "sqs-queue",
  fromArguments: {
    message_retention_seconds: (v) =>
      typeof v === "number" && v % DAY === 0 ? { retention_days: v / DAY } : null,
  },
  title: "SQS queue with dead-letter queue",
  description:
    "Encrypted SQS queue (standard or FIFO) with a dead-letter queue, redrive policy, redrive-allow policy and explicit retention.",
  file: "sqs.tf",
  service: "sqs",
  params,
  render(p, env) {
    const id = identOf(p.name);
    const suffix = p.fifo ? ".fifo" : "";
    const blocks: Item[] = [];
    const dlqId = `${id}_dlq`;
    const main: Item[] = [
      attr("message_retention_seconds", num(p.retention_days * DAY)),
      attr("visibility_timeout_seconds", num(p.visibility_timeout_seconds)),
      ...encryption(p.kms_key),
    ];
    if (p.dlq) {
      blocks.push(
        queue(
          env,
          dlqId,
          awsName(env, p.name, `-dlq${suffix}`),
          [attr("message_retention_seconds", num(p.dlq_retention_days * DAY)), ...encryption(p.kms_key)],
          p.fifo,
        ),
      );
      main.push(
        attr(
          "redrive_policy",
          call(
            "jsonencode",
            obj({
              deadLetterTargetArn: ref("aws_sqs_queue", dlqId, "arn"),
              maxReceiveCount: num(p.max_receive_count),
            }),
          ),
        ),
      );
    }
    blocks.unshift(queue(env, id, awsName(env, p.name, suffix), main, p.fifo));
    if (p.dlq) {
      blocks.push(
        resource(env, "aws_sqs_queue_redrive_allow_policy", dlqId, [
          attr("queue_url", ref("aws_sqs_queue", dlqId, "id")),
          attr(
            "redrive_allow_policy",
            call(
              "jsonencode",
              obj({
                redrivePermission: str("byQueue"),
                sourceQueueArns: list(ref("aws_sqs_queue", id, "arn")),
              }),
            ),
          ),
        ]),
      );
    }
    return {
      blocks,
      shared: [],
      extraFiles: [],
      notes: [
        p.kms_key === undefined
          ? "server-side encryption with SQS-managed keys"
          : "server-side encryption with a customer managed KMS key",
        `messages retained ${p.retention_days} days, visibility timeout ${p.visibility_timeout_seconds} s`,
        ...(p.dlq
          ? [
              `dead-letter queue after ${p.max_receive_count} failed receives (kept ${p.dlq_retention_days} days); only this queue may redrive into it`,
            ]
          : ["no dead-letter queue (explicitly turned off)"]),
        ...(p.fifo ? ["FIFO with content-based deduplication"] : []),
      ],
    };
  },
};
