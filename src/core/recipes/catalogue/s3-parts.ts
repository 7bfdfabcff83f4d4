import { attr, block, bool, list, num, raw, str, strs } from "../hcl/writer.js";
import type { Item, Value } from "../hcl/writer.js";
import { policyDocument, policyJson, ref, resource } from "../common.js";
import type { Statement } from "../common.js";
import type { RenderEnv } from "../types.js";

const B = "aws_s3_bucket";

/** The bucket and the settings every bucket gets: no public access, no ACLs, encryption at rest. */
export function bucketBaseline(
  env: RenderEnv,
  ident: string,
  name: Value,
  kmsKeyArn: Value | "aws_managed" | undefined,
): Item[] {
  const bucket = ref(B, ident, "id");
  const sse: Item[] =
    kmsKeyArn === undefined
      ? [attr("sse_algorithm", str("AES256"))]
      : [
          attr("sse_algorithm", str("aws:kms")),
          ...(kmsKeyArn === "aws_managed" ? [] : [attr("kms_master_key_id", kmsKeyArn)]),
        ];
  return [
    resource(env, B, ident, [attr("bucket", name)], name),
    resource(env, "aws_s3_bucket_public_access_block", ident, [
      attr("bucket", bucket),
      attr("block_public_acls", bool(true)),
      attr("block_public_policy", bool(true)),
      attr("ignore_public_acls", bool(true)),
      attr("restrict_public_buckets", bool(true)),
    ]),
    resource(env, "aws_s3_bucket_ownership_controls", ident, [
      attr("bucket", bucket),
      block("rule", [], [attr("object_ownership", str("BucketOwnerEnforced"))]),
    ]),
    resource(env, "aws_s3_bucket_server_side_encryption_configuration", ident, [
      attr("bucket", bucket),
      block(
        "rule",
        [],
        [
          block("apply_server_side_encryption_by_default", [], sse),
          ...(kmsKeyArn === undefined ? [] : [attr("bucket_key_enabled", bool(true))]),
        ],
      ),
    ]),
  ];
}

export interface LifecycleRule {
  expirationDays?: number | undefined;
  noncurrentDays?: number | undefined;
  abortMultipartDays: number;
}

export function lifecycle(
  env: RenderEnv,
  ident: string,
  rule: LifecycleRule,
  dependsOnVersioning: boolean,
): Item {
  return resource(env, "aws_s3_bucket_lifecycle_configuration", ident, [
    attr("bucket", ref(B, ident, "id")),
    block(
      "rule",
      [],
      [
        attr("id", str("retention")),
        attr("status", str("Enabled")),
        block("filter", [], []),
        ...(rule.expirationDays === undefined
          ? []
          : [block("expiration", [], [attr("days", num(rule.expirationDays))])]),
        ...(rule.noncurrentDays === undefined
          ? []
          : [
              block("noncurrent_version_expiration", [], [attr("noncurrent_days", num(rule.noncurrentDays))]),
            ]),
        block(
          "abort_incomplete_multipart_upload",
          [],
          [attr("days_after_initiation", num(rule.abortMultipartDays))],
        ),
      ],
    ),
    // Lifecycle rules on noncurrent versions only make sense once versioning is on.
    ...(dependsOnVersioning ? [attr("depends_on", list(raw(`aws_s3_bucket_versioning.${ident}`)))] : []),
  ]);
}

/** A bucket policy that refuses plain HTTP, plus any extra statements (log delivery). */
export function bucketPolicy(env: RenderEnv, ident: string, extra: Statement[]): Item[] {
  const arn = ref(B, ident, "arn");
  const doc = `${ident}_bucket_policy`;
  return [
    policyDocument(doc, [
      {
        sid: "DenyInsecureTransport",
        effect: "Deny",
        actions: ["s3:*"],
        resources: list(arn, raw(`"\${${B}.${ident}.arn}/*"`)),
        principals: [{ type: "*", identifiers: strs(["*"]) }],
        conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: strs(["false"]) }],
      },
      ...extra,
    ]),
    resource(env, "aws_s3_bucket_policy", ident, [
      attr("bucket", ref(B, ident, "id")),
      attr("policy", policyJson(doc)),
      // S3 rejects a bucket policy while the public access block is still being applied.
      attr("depends_on", list(raw(`aws_s3_bucket_public_access_block.${ident}`))),
    ]),
  ];
}

/** Lets S3 server access logging write into a log bucket, only from our account and source bucket. */
export function logDeliveryStatement(logIdent: string, sourceIdent: string, accountId: Value): Statement {
  return {
    sid: "S3ServerAccessLogsPolicy",
    effect: "Allow",
    actions: ["s3:PutObject"],
    resources: list(raw(`"\${${B}.${logIdent}.arn}/*"`)),
    principals: [{ type: "Service", identifiers: strs(["logging.s3.amazonaws.com"]) }],
    conditions: [
      { test: "ArnLike", variable: "aws:SourceArn", values: list(ref(B, sourceIdent, "arn")) },
      { test: "StringEquals", variable: "aws:SourceAccount", values: list(accountId) },
    ],
  };
}
