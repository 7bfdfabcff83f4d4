import { z } from "zod";
import { list, raw } from "../hcl/writer.js";
import type { Value } from "../hcl/writer.js";
import { identSchema } from "../common.js";
import type { Statement } from "../common.js";

export const accessSchema = z.object({
  kind: z.enum([
    "sqs_consume",
    "sqs_send",
    "dynamodb_read",
    "dynamodb_write",
    "s3_read",
    "s3_write",
    "sns_publish",
    "secret_read",
    "kms_use",
  ]),
  target: identSchema.describe("identifier of the resource the function may use"),
});
export type Access = z.infer<typeof accessSchema>;

const GRANTS: Record<Access["kind"], { type: string; actions: string[]; objects?: boolean }> = {
  sqs_consume: {
    type: "aws_sqs_queue",
    actions: [
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:ChangeMessageVisibility",
    ],
  },
  sqs_send: { type: "aws_sqs_queue", actions: ["sqs:SendMessage", "sqs:GetQueueUrl"] },
  dynamodb_read: {
    type: "aws_dynamodb_table",
    actions: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:DescribeTable"],
  },
  dynamodb_write: {
    type: "aws_dynamodb_table",
    actions: [
      "dynamodb:GetItem",
      "dynamodb:Query",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:BatchWriteItem",
    ],
  },
  s3_read: { type: "aws_s3_bucket", actions: ["s3:GetObject", "s3:ListBucket"], objects: true },
  s3_write: {
    type: "aws_s3_bucket",
    actions: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
    objects: true,
  },
  sns_publish: { type: "aws_sns_topic", actions: ["sns:Publish"] },
  kms_use: { type: "aws_kms_key", actions: ["kms:Decrypt", "kms:GenerateDataKey"] },
  secret_read: {
    type: "aws_secretsmanager_secret",
    actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
  },
};

const pascal = (text: string): string =>
  text.replace(/(?:^|_)([a-z0-9])/g, (_match, c: string) => c.toUpperCase());

/** One least-privilege statement per grant, scoped to the exact resource ARN. */
export function accessStatements(access: readonly Access[]): Statement[] {
  return access.map((grant) => {
    const spec = GRANTS[grant.kind];
    const arn = `${spec.type}.${grant.target}.arn`;
    const resources: Value = spec.objects === true ? list(raw(arn), raw(`"\${${arn}}/*"`)) : list(raw(arn));
    return {
      sid: `${pascal(grant.kind)}${pascal(grant.target)}`,
      effect: "Allow",
      actions: spec.actions,
      resources,
    };
  });
}

export const describeAccess = (grant: Access): string =>
  `${grant.kind.replace("_", " ")} on ${GRANTS[grant.kind].type}.${grant.target}`;
