import { z } from "zod";
import { attr, block, raw, str } from "../hcl/writer.js";
import { awsName, callerIdentityShared, identOf, identSchema, nameSchema, ref, resource } from "../common.js";
import type { RecipeDefinition, RenderedRecipe } from "../types.js";
import { bucketBaseline, bucketPolicy, lifecycle, logDeliveryStatement } from "./s3-parts.js";

const params = z.object({
  name: nameSchema,
  encryption: z.enum(["aes256", "kms"]).default("aes256"),
  kms_key: identSchema.optional().describe("identifier of an aws_kms_key to encrypt with (implies kms)"),
  versioning: z.boolean().default(true),
  expiration_days: z
    .number()
    .int()
    .min(1)
    .max(36500)
    .optional()
    .describe("delete current objects after N days"),
  noncurrent_expiration_days: z.number().int().min(1).max(36500).default(90),
  abort_multipart_days: z.number().int().min(1).max(365).default(7),
  access_logging: z.boolean().default(false),
  access_log_bucket: identSchema.optional().describe("identifier of an existing aws_s3_bucket to log into"),
});

export const s3Bucket: RecipeDefinition<typeof params> = {
  id: "s3-bucket",
  title: "S3 bucket",
  description:
    "Private S3 bucket: versioning, server-side encryption (SSE-S3 or SSE-KMS), public access blocked, ACLs disabled, lifecycle rules, TLS-only bucket policy, optional access logging.",
  file: "s3.tf",
  service: "s3",
  params,
  render(p, env): RenderedRecipe {
    const id = identOf(p.name);
    const name = awsName(env, p.name);
    const kms =
      p.kms_key !== undefined
        ? ref("aws_kms_key", p.kms_key, "arn")
        : p.encryption === "kms"
          ? "aws_managed"
          : undefined;
    const notes = [
      "public access blocked on all four settings and ACLs disabled (BucketOwnerEnforced)",
      kms === undefined
        ? "encrypted at rest with SSE-S3 (AES256)"
        : `encrypted at rest with SSE-KMS (${kms === "aws_managed" ? "AWS managed key" : "customer managed key"}), S3 bucket keys on`,
      "bucket policy denies any request not sent over TLS",
    ];
    const blocks = [...bucketBaseline(env, id, name, kms)];
    if (p.versioning) {
      blocks.push(
        resource(env, "aws_s3_bucket_versioning", id, [
          attr("bucket", ref("aws_s3_bucket", id, "id")),
          block("versioning_configuration", [], [attr("status", str("Enabled"))]),
        ]),
      );
      notes.push("versioning enabled");
    }
    const noncurrent = p.versioning ? p.noncurrent_expiration_days : undefined;
    blocks.push(
      lifecycle(
        env,
        id,
        {
          expirationDays: p.expiration_days,
          noncurrentDays: noncurrent,
          abortMultipartDays: p.abort_multipart_days,
        },
        p.versioning,
      ),
    );
    notes.push(
      [
        p.expiration_days === undefined
          ? "objects kept until deleted"
          : `objects expire after ${p.expiration_days} days`,
        noncurrent === undefined ? undefined : `old versions after ${noncurrent} days`,
        `incomplete uploads aborted after ${p.abort_multipart_days} days`,
      ]
        .filter((part) => part !== undefined)
        .join(", "),
    );
    blocks.push(...bucketPolicy(env, id, []));

    const shared: RenderedRecipe["shared"] = [];
    if (p.access_logging) {
      const logId = p.access_log_bucket ?? `${id}_access_logs`;
      if (p.access_log_bucket === undefined) {
        blocks.push(...bucketBaseline(env, logId, awsName(env, p.name, "-access-logs"), undefined));
        blocks.push(lifecycle(env, logId, { expirationDays: 365, abortMultipartDays: 1 }, false));
        const accountId = raw(`${env.callerIdentity}.account_id`);
        blocks.push(...bucketPolicy(env, logId, [logDeliveryStatement(logId, id, accountId)]));
        shared.push(callerIdentityShared(env));
        notes.push(
          "access logs go to a dedicated private bucket (SSE-S3, as S3 log delivery requires), kept 365 days",
        );
      } else {
        notes.push(`access logs go to the existing bucket aws_s3_bucket.${logId}`);
      }
      blocks.push(
        resource(env, "aws_s3_bucket_logging", id, [
          attr("bucket", ref("aws_s3_bucket", id, "id")),
          attr("target_bucket", ref("aws_s3_bucket", logId, "id")),
          attr("target_prefix", str(`${p.name}/`)),
        ]),
      );
    }
    return {
      blocks,
      shared,
      extraFiles: [],
      notes,
    };
  },
};
