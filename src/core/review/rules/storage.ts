import { blocks, isExpression, isLiteralFalse, isLiteralTrue, offForSure } from "../values.js";
import type { Subject } from "../values.js";
import type { Hit, RepoView, TableRule } from "./types.js";

/**
 * Stores whose encryption at rest is off unless the configuration turns it on. S3 and DynamoDB are left out
 * on purpose: AWS encrypts every new S3 object (SSE-S3, since January 2023) and every DynamoDB table
 * (AWS-owned key) whatever the configuration says.
 */
const ENCRYPTION: Readonly<Record<string, { attribute: string; fix: string }>> = {
  aws_ebs_volume: { attribute: "encrypted", fix: "encrypted = true" },
  aws_db_instance: { attribute: "storage_encrypted", fix: "storage_encrypted = true" },
  aws_rds_cluster: { attribute: "storage_encrypted", fix: "storage_encrypted = true" },
  aws_docdb_cluster: { attribute: "storage_encrypted", fix: "storage_encrypted = true" },
  aws_neptune_cluster: { attribute: "storage_encrypted", fix: "storage_encrypted = true" },
  aws_efs_file_system: { attribute: "encrypted", fix: "encrypted = true" },
  aws_elasticache_replication_group: {
    attribute: "at_rest_encryption_enabled",
    fix: "at_rest_encryption_enabled = true",
  },
};

const ebsDefault = (repo: RepoView) =>
  repo.ofType("aws_ebs_encryption_by_default").some((s) => !isLiteralFalse(s.body.enabled));

export const unencryptedStore: TableRule = {
  id: "security/unencrypted-store",
  source: "security",
  level: "warning",
  title: "Data store not encrypted at rest",
  help: "Turn on encryption at rest (a KMS key of your own where you need to control access); it cannot be added to most existing stores without replacing them, so set it at creation.",
  check(s, repo) {
    const rule = ENCRYPTION[s.type];
    if (rule) {
      if ((s.type === "aws_ebs_volume" && ebsDefault(repo)) || !offForSure(s.body[rule.attribute])) return [];
      return [
        { message: `${s.address} is not encrypted at rest`, path: [rule.attribute], suggestion: rule.fix },
      ];
    }
    if (s.type === "aws_instance") return ebsDefault(repo) ? [] : instanceVolumes(s);
    if (s.type === "aws_sns_topic" && s.body.kms_master_key_id === undefined)
      return [
        {
          message: `${s.address} has no kms_master_key_id: messages are stored unencrypted`,
          suggestion: 'kms_master_key_id = "alias/aws/sns"',
        },
      ];
    if (
      s.type === "aws_sqs_queue" &&
      isLiteralFalse(s.body.sqs_managed_sse_enabled) &&
      s.body.kms_master_key_id === undefined
    )
      return [
        {
          message: `${s.address} turns SQS-managed encryption off without a KMS key`,
          path: ["sqs_managed_sse_enabled"],
          suggestion: "sqs_managed_sse_enabled = true",
        },
      ];
    if (
      s.type === "aws_kinesis_stream" &&
      s.body.encryption_type !== "KMS" &&
      !isExpression(s.body.encryption_type)
    )
      return [
        {
          message: `${s.address} is not encrypted (encryption_type is not KMS)`,
          suggestion: 'encryption_type = "KMS"',
        },
      ];
    return [];
  },
};

function instanceVolumes(s: Subject): Hit[] {
  return (["root_block_device", "ebs_block_device"] as const).flatMap((name) =>
    blocks(s.body[name])
      .filter((device) => offForSure(device.encrypted))
      .map((): Hit => ({
        message: `${s.address} has an unencrypted ${name}`,
        path: [name],
        suggestion: "encrypted = true",
      })),
  );
}

const PROTECTION: Readonly<Record<string, string>> = {
  aws_db_instance: "deletion_protection",
  aws_rds_cluster: "deletion_protection",
  aws_docdb_cluster: "deletion_protection",
  aws_neptune_cluster: "deletion_protection",
  aws_dynamodb_table: "deletion_protection_enabled",
};

export const noDeletionProtection: TableRule = {
  id: "security/missing-deletion-protection",
  source: "security",
  level: "warning",
  title: "Stateful resource without deletion protection",
  help: "Deletion protection makes AWS refuse to delete the database or table, so a mistaken destroy or replacement in a plan cannot lose its data.",
  check(s) {
    const attribute = PROTECTION[s.type];
    if (!attribute || !offForSure(s.body[attribute])) return [];
    return [
      {
        message: `${s.address} has no deletion protection`,
        path: [attribute],
        suggestion: `${attribute} = true`,
      },
    ];
  },
};

export const noBackups: TableRule = {
  id: "security/missing-backups",
  source: "security",
  level: "warning",
  title: "Stateful resource without backups",
  help: "Keep automated backups (and a final snapshot) for databases, and point-in-time recovery for DynamoDB tables, so data can be restored after a mistake.",
  check(s) {
    const hits: Hit[] = [];
    if (s.type === "aws_db_instance" || s.type === "aws_rds_cluster" || s.type === "aws_docdb_cluster") {
      const retention = s.body.backup_retention_period;
      if (retention === 0 || retention === "0")
        hits.push({
          message: `${s.address} keeps no automated backups (backup_retention_period = 0)`,
          path: ["backup_retention_period"],
          suggestion: "backup_retention_period = 7",
        });
      if (isLiteralTrue(s.body.skip_final_snapshot))
        hits.push({
          message: `${s.address} is destroyed without a final snapshot (skip_final_snapshot = true)`,
          path: ["skip_final_snapshot"],
          level: "note",
          suggestion: "skip_final_snapshot = false with a final_snapshot_identifier",
        });
    }
    if (s.type === "aws_dynamodb_table") {
      const pitr = blocks(s.body.point_in_time_recovery)[0];
      if (!pitr || offForSure(pitr.enabled))
        hits.push({
          message: `${s.address} has no point-in-time recovery`,
          ...(pitr ? { path: ["point_in_time_recovery"] } : {}),
          suggestion: "point_in_time_recovery { enabled = true }",
        });
    }
    return hits;
  },
};

export const STORAGE_RULES: readonly TableRule[] = [unencryptedStore, noDeletionProtection, noBackups];
