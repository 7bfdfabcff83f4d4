import type { Literal } from "./types.js";

/**
 * What a lesson may never do, whoever taught it: lessons set plain values inside what the validator and
 * policy already allow. They cannot switch off encryption or public-access blocks, open IAM to wildcards,
 * make things public, write expressions (references, templates, functions) or point at paths outside the
 * repository's own modules.
 */
const PROTECTED: Record<string, Record<string, (value: Literal) => boolean>> = {
  aws_s3_bucket_public_access_block: {
    block_public_acls: (v) => v === true,
    block_public_policy: (v) => v === true,
    ignore_public_acls: (v) => v === true,
    restrict_public_buckets: (v) => v === true,
  },
  aws_s3_bucket: { acl: (v) => v === "private", force_destroy: (v) => v === false },
  aws_s3_bucket_acl: { acl: (v) => v === "private" },
  aws_sqs_queue: { sqs_managed_sse_enabled: (v) => v === true },
  aws_sns_topic: { kms_master_key_id: () => false },
  aws_db_instance: { publicly_accessible: (v) => v === false, storage_encrypted: (v) => v === true },
  aws_rds_cluster: { storage_encrypted: (v) => v === true },
  aws_ebs_volume: { encrypted: (v) => v === true },
  aws_kms_key: { enable_key_rotation: (v) => v === true, policy: () => false },
  aws_instance: { associate_public_ip_address: (v) => v === false, user_data: () => false },
  aws_lambda_function: { role: () => false, handler: () => false, runtime: () => false },
  aws_ecr_repository: { image_tag_mutability: (v) => v === "IMMUTABLE" },
  aws_dynamodb_table: { deletion_protection_enabled: (v) => v === true },
};

/** Arguments no lesson sets on any type: they carry policies, code, network exposure or credentials. */
const NEVER = new Set([
  "policy",
  "assume_role_policy",
  "inline_policy",
  "user_data",
  "user_data_base64",
  "source",
  "provider",
  "provisioner",
  "count",
  "for_each",
  "depends_on",
  "lifecycle",
  "password",
  "master_password",
  "secret_string",
  "cidr_blocks",
  "ipv6_cidr_blocks",
  "principals",
  "actions",
  "kms_key_id",
  "kms_master_key_id",
  "sse_algorithm",
  "encrypted",
  "storage_encrypted",
]);

const TYPE = /^aws_[a-z0-9_]+$/;
const SAFE_STRING = /^[A-Za-z0-9 _.,:/@+=-]{0,256}$/;

export type Verdict = { ok: true } | { ok: false; reason: string };

/** May a lesson set `attribute = value` on new blocks of `type`? */
export function lessonValueAllowed(type: string, attribute: string, value: Literal): Verdict {
  if (!TYPE.test(type)) return { ok: false, reason: `\`${type}\` is not an AWS resource type` };
  if (NEVER.has(attribute)) return { ok: false, reason: `\`${attribute}\` is never set from feedback` };
  const rule = PROTECTED[type]?.[attribute];
  if (rule && !rule(value)) {
    return { ok: false, reason: `\`${type}.${attribute}\` keeps its secure setting` };
  }
  if (typeof value === "string") {
    if (!SAFE_STRING.test(value)) return { ok: false, reason: "only plain text values, no expressions" };
    if (value.includes("*")) return { ok: false, reason: "no wildcards" };
  }
  if (typeof value === "number" && !Number.isFinite(value)) return { ok: false, reason: "not a number" };
  return { ok: true };
}

/** A local module path inside the repository, never in a protected folder, never climbing out. */
export function moduleSourceAllowed(source: string, isProtected: (path: string) => boolean): Verdict {
  if (!/^\.\/[A-Za-z0-9_./-]{1,200}$/.test(source)) {
    return { ok: false, reason: "a module must be a `./relative/path` inside the repository" };
  }
  const path = source.slice(2).replace(/\/+$/, "");
  if (path.split("/").some((part) => part === ".." || part === "." || part === "")) {
    return { ok: false, reason: "a module path may not climb out of the repository" };
  }
  if (path.startsWith(".") || path.split("/").some((p) => p.startsWith("."))) {
    return { ok: false, reason: "hidden folders (like `.github`) never hold modules the agent uses" };
  }
  if (isProtected(`${path}/main.tf`)) return { ok: false, reason: `\`${path}\` is a protected path` };
  return { ok: true };
}
