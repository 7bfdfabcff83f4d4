import { bool, num, raw, str, type Value } from "../recipes/hcl/writer.js";

/** What a resource is, for the purpose of its defaults. */
export type Category = "datastore" | "storage" | "messaging" | "logs" | "compute" | "network" | "key" | "any";

const CATEGORY: [RegExp, Category][] = [
  [
    /^aws_(?:db_instance|rds_cluster|redshift_cluster|docdb_cluster|neptune_cluster|dynamodb_table|elasticache_replication_group|memorydb_cluster|opensearch_domain|msk_cluster|qldb_ledger|lightsail_database|timestreamwrite_database|documentdb_.*)$/,
    "datastore",
  ],
  [
    /^aws_(?:s3_bucket|efs_file_system|ebs_volume|glacier_vault|backup_vault|ecr_repository|fsx_.*)$/,
    "storage",
  ],
  [/^aws_(?:sqs_queue|sns_topic|kinesis_stream|kinesis_firehose_delivery_stream|mq_broker)$/, "messaging"],
  [/^aws_(?:cloudwatch_log_group|cloudtrail|flow_log)$/, "logs"],
  [
    /^aws_(?:instance|launch_template|lambda_function|eks_cluster|ecs_cluster|sagemaker_notebook_instance)$/,
    "compute",
  ],
  [/^aws_(?:lb|lb_listener|cloudfront_distribution|api_gateway_stage|security_group)$/, "network"],
  [/^aws_kms_key$/, "key"],
];

export function categoryOf(type: string): Category {
  return CATEGORY.find(([pattern]) => pattern.test(type))?.[1] ?? "any";
}

/** What the table needs to know about the repo and the resource. */
export interface DefaultsEnv {
  /** The repo's customer-managed key (`aws_kms_key.main`), when it has one. */
  kmsKey: string | undefined;
  /** The resource's own name, for snapshot identifiers. */
  finalSnapshot: Value;
}

export interface DefaultRule {
  /** An argument path: `storage_encrypted`, or `point_in_time_recovery.enabled` for a nested block. */
  path: string;
  categories: Category[];
  value: (env: DefaultsEnv) => Value | undefined;
  /** Said in the plan and the PR body. */
  note: string;
  /** Applied only to types that also have one of these arguments (what makes the note true). */
  onlyWith?: readonly string[];
}

/** Arguments that let AWS generate and keep a data store's admin password. */
const MANAGED_PASSWORD = ["manage_master_user_password", "manage_master_password"];

const key = (attribute: "arn" | "id") => (env: DefaultsEnv) =>
  env.kmsKey === undefined ? undefined : raw(`${env.kmsKey}.${attribute}`);

/**
 * Secure defaults by category, applied to any resource type whose schema has the argument and whose
 * request did not set it. One table: a new service gets the same treatment as the ones we know.
 */
export const DEFAULTS: readonly DefaultRule[] = [
  {
    path: "storage_encrypted",
    categories: ["datastore"],
    value: () => bool(true),
    note: "encrypted at rest",
  },
  {
    path: "encrypted",
    categories: ["datastore", "storage"],
    value: () => bool(true),
    note: "encrypted at rest",
  },
  {
    path: "kms_key_id",
    categories: ["datastore", "storage", "logs"],
    value: key("arn"),
    note: "encrypted with the repository's KMS key",
  },
  {
    path: "kms_master_key_id",
    categories: ["messaging"],
    value: key("id"),
    note: "encrypted with the repository's KMS key",
  },
  {
    path: "sqs_managed_sse_enabled",
    categories: ["messaging"],
    value: (env) => (env.kmsKey === undefined ? bool(true) : undefined),
    note: "encrypted at rest (SQS-managed keys)",
  },
  {
    path: "publicly_accessible",
    categories: ["datastore"],
    value: () => bool(false),
    note: "not reachable from the internet",
  },
  {
    path: "deletion_protection",
    categories: ["datastore"],
    value: () => bool(true),
    note: "deletion protection on",
  },
  {
    path: "deletion_protection_enabled",
    categories: ["datastore"],
    value: () => bool(true),
    note: "deletion protection on",
  },
  {
    path: "backup_retention_period",
    categories: ["datastore"],
    value: () => num(7),
    note: "7 days of automated backups",
  },
  {
    path: "automated_snapshot_retention_period",
    categories: ["datastore"],
    value: () => num(7),
    note: "7 days of automated snapshots",
  },
  {
    path: "snapshot_retention_limit",
    categories: ["datastore"],
    value: () => num(7),
    note: "7 days of snapshots",
  },
  {
    path: "skip_final_snapshot",
    categories: ["datastore"],
    value: () => bool(false),
    note: "a final snapshot before deletion",
  },
  {
    path: "final_snapshot_identifier",
    categories: ["datastore"],
    value: (env) => env.finalSnapshot,
    note: "a final snapshot before deletion",
  },
  {
    path: "copy_tags_to_snapshot",
    categories: ["datastore"],
    value: () => bool(true),
    note: "snapshots keep the tags",
  },
  {
    path: "manage_master_user_password",
    categories: ["datastore"],
    value: () => bool(true),
    note: "master password generated and kept in Secrets Manager, never in code",
  },
  {
    // Redshift's name for the same setting.
    path: "manage_master_password",
    categories: ["datastore"],
    value: () => bool(true),
    note: "master password generated and kept in Secrets Manager, never in code",
  },
  {
    path: "username",
    categories: ["datastore"],
    value: () => str("dbadmin"),
    note: "admin user dbadmin; its password is managed by AWS",
    onlyWith: MANAGED_PASSWORD,
  },
  {
    path: "master_username",
    categories: ["datastore"],
    value: () => str("dbadmin"),
    note: "admin user dbadmin; its password is managed by AWS",
    onlyWith: MANAGED_PASSWORD,
  },
  {
    path: "auto_minor_version_upgrade",
    categories: ["datastore"],
    value: () => bool(true),
    note: "minor version upgrades applied",
  },
  {
    path: "point_in_time_recovery.enabled",
    categories: ["datastore"],
    value: () => bool(true),
    note: "point-in-time recovery on",
  },
  {
    path: "server_side_encryption.enabled",
    categories: ["datastore"],
    value: () => bool(true),
    note: "encrypted at rest",
  },
  {
    path: "at_rest_encryption_enabled",
    categories: ["datastore"],
    value: () => bool(true),
    note: "encrypted at rest",
  },
  {
    path: "transit_encryption_enabled",
    categories: ["datastore"],
    value: () => bool(true),
    note: "TLS in transit",
  },
  {
    path: "encrypt_at_rest.enabled",
    categories: ["datastore"],
    value: () => bool(true),
    note: "encrypted at rest",
  },
  {
    path: "node_to_node_encryption.enabled",
    categories: ["datastore"],
    value: () => bool(true),
    note: "TLS between nodes",
  },
  {
    path: "domain_endpoint_options.enforce_https",
    categories: ["datastore"],
    value: () => bool(true),
    note: "HTTPS only",
  },
  {
    path: "image_tag_mutability",
    categories: ["storage"],
    value: () => str("IMMUTABLE"),
    note: "image tags cannot be overwritten",
  },
  {
    path: "image_scanning_configuration.scan_on_push",
    categories: ["storage"],
    value: () => bool(true),
    note: "images scanned on push",
  },
  { path: "retention_in_days", categories: ["logs"], value: () => num(365), note: "logs kept 365 days" },
  {
    path: "enable_log_file_validation",
    categories: ["logs"],
    value: () => bool(true),
    note: "log file integrity validation",
  },
  {
    path: "metadata_options.http_tokens",
    categories: ["compute"],
    value: () => str("required"),
    note: "IMDSv2 only",
  },
  {
    path: "root_block_device.encrypted",
    categories: ["compute"],
    value: () => bool(true),
    note: "root volume encrypted",
  },
  { path: "monitoring", categories: ["compute"], value: () => bool(true), note: "detailed monitoring" },
  {
    path: "drop_invalid_header_fields",
    categories: ["network"],
    value: () => bool(true),
    note: "invalid HTTP headers dropped",
  },
  { path: "enable_key_rotation", categories: ["key"], value: () => bool(true), note: "yearly key rotation" },
  {
    path: "deletion_window_in_days",
    categories: ["key"],
    value: () => num(30),
    note: "30-day deletion window",
  },
];
