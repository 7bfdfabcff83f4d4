import { z } from "zod";
import { attr, raw, str } from "../hcl/writer.js";
import type { Item } from "../hcl/writer.js";
import { awsName, identOf, identSchema, nameSchema, ref, resource } from "../common.js";
import type { RecipeDefinition } from "../types.js";

const subscription = z.discriminatedUnion("protocol", [
  z.object({ protocol: z.literal("email"), endpoint: z.email() }),
  z.object({ protocol: z.literal("https"), endpoint: z.url({ protocol: /^https$/ }) }),
]);

const params = z.object({
  name: nameSchema,
  kms_key: identSchema
    .optional()
    .describe("identifier of an aws_kms_key; otherwise the AWS managed alias/aws/sns"),
  subscriptions: z.array(subscription).max(20).default([]),
});

export const snsTopic: RecipeDefinition<typeof params> = {
  id: "sns-topic",
  title: "SNS topic",
  description: "KMS-encrypted SNS topic with optional email or HTTPS subscriptions.",
  file: "sns.tf",
  service: "sns",
  params,
  render(p, env) {
    const id = identOf(p.name);
    const name = awsName(env, p.name);
    const key = p.kms_key === undefined ? str("alias/aws/sns") : ref("aws_kms_key", p.kms_key, "arn");
    const blocks: Item[] = [
      resource(env, "aws_sns_topic", id, [attr("name", name), attr("kms_master_key_id", key)], name),
    ];
    p.subscriptions.forEach((sub, index) => {
      blocks.push(
        resource(env, "aws_sns_topic_subscription", `${id}_${sub.protocol}_${index + 1}`, [
          attr("topic_arn", raw(`aws_sns_topic.${id}.arn`)),
          attr("protocol", str(sub.protocol)),
          attr("endpoint", str(sub.endpoint)),
        ]),
      );
    });
    return {
      blocks,
      shared: [],
      extraFiles: [],
      notes: [
        p.kms_key === undefined
          ? "encrypted with the AWS managed key alias/aws/sns"
          : "encrypted with a customer managed KMS key",
        ...p.subscriptions.map(
          (sub) =>
            `${sub.protocol} subscription to ${sub.endpoint}${sub.protocol === "email" ? " (the recipient must confirm it)" : ""}`,
        ),
      ],
    };
  },
};
