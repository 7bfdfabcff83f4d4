import { z } from "zod";
import { attr, block, bool, str } from "../hcl/writer.js";
import type { Item } from "../hcl/writer.js";
import { awsName, identOf, identSchema, nameSchema, ref, resource } from "../common.js";
import type { RecipeDefinition } from "../types.js";

const attributeName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,254}$/, "letters, digits, _ . -");
const keySchema = z.object({ name: attributeName, type: z.enum(["S", "N", "B"]).default("S") });

const params = z.object({
  name: nameSchema,
  hash_key: keySchema.default({ name: "id", type: "S" }),
  range_key: keySchema.optional(),
  ttl_attribute: attributeName.optional().describe("attribute holding an epoch-seconds expiry time"),
  kms_key: identSchema.optional().describe("identifier of an aws_kms_key; otherwise the AWS owned key"),
  deletion_protection: z.boolean().default(true),
  stream: z.boolean().default(false),
});

export const dynamodbTable: RecipeDefinition<typeof params> = {
  id: "dynamodb-table",
  title: "DynamoDB table",
  description:
    "On-demand DynamoDB table with point-in-time recovery, encryption at rest (optionally a customer managed KMS key), deletion protection, partition/sort keys and optional TTL.",
  file: "dynamodb.tf",
  service: "dynamodb",
  params,
  render(p, env) {
    const id = identOf(p.name);
    const name = awsName(env, p.name);
    const keys = [p.hash_key, ...(p.range_key === undefined ? [] : [p.range_key])];
    const body: Item[] = [
      attr("name", name),
      attr("billing_mode", str("PAY_PER_REQUEST")),
      attr("hash_key", str(p.hash_key.name)),
      ...(p.range_key === undefined ? [] : [attr("range_key", str(p.range_key.name))]),
      attr("deletion_protection_enabled", bool(p.deletion_protection)),
      ...(p.stream
        ? [attr("stream_enabled", bool(true)), attr("stream_view_type", str("NEW_AND_OLD_IMAGES"))]
        : []),
      ...keys.map((key) =>
        block("attribute", [], [attr("name", str(key.name)), attr("type", str(key.type))]),
      ),
      block("point_in_time_recovery", [], [attr("enabled", bool(true))]),
      block(
        "server_side_encryption",
        [],
        [
          attr("enabled", bool(true)),
          ...(p.kms_key === undefined ? [] : [attr("kms_key_arn", ref("aws_kms_key", p.kms_key, "arn"))]),
        ],
      ),
      ...(p.ttl_attribute === undefined
        ? []
        : [block("ttl", [], [attr("attribute_name", str(p.ttl_attribute)), attr("enabled", bool(true))])]),
    ];
    const keyText = keys.map((key) => `\`${key.name}\` (${key.type})`).join(" + ");
    return {
      blocks: [resource(env, "aws_dynamodb_table", id, body, name)],
      shared: [],
      extraFiles: [],
      notes: [
        `on-demand billing (PAY_PER_REQUEST); key ${keyText}`,
        "point-in-time recovery on",
        p.kms_key === undefined
          ? "encrypted at rest with a KMS key"
          : "encrypted at rest with a customer managed KMS key",
        ...(p.deletion_protection ? ["deletion protection on"] : []),
        ...(p.ttl_attribute === undefined ? [] : [`items expire by TTL on \`${p.ttl_attribute}\``]),
      ],
    };
  },
};
