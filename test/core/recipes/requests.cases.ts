import type { RecipeContext } from "../../../src/core/recipes/index.js";
import { DEMO, MERGE_TAGS, SINGLE_MAIN } from "./support.js";

export interface RequestCase {
  request: string;
  ctx: RecipeContext;
  recipes: string[];
  /** Resource addresses that must be declared. */
  addresses: string[];
  /** Values read from the parsed HCL: [path, expected]. */
  values?: [(string | number)[], unknown][];
  /** Extra files besides Terraform (Python handlers). */
  extraFiles?: string[];
}

const R = (...path: (string | number)[]): (string | number)[] => ["resource", ...path];

export const CASES: RequestCase[] = [
  {
    request: "We need an encrypted S3 bucket for audit logs with 90-day retention",
    ctx: DEMO,
    recipes: ["s3-bucket"],
    addresses: [
      "aws_s3_bucket.audit_logs",
      "aws_s3_bucket_public_access_block.audit_logs",
      "aws_s3_bucket_ownership_controls.audit_logs",
      "aws_s3_bucket_policy.audit_logs",
      "aws_s3_bucket_versioning.audit_logs",
    ],
    values: [
      [R("aws_s3_bucket", "audit_logs", 0, "bucket"), "${local.name_prefix}-audit-logs"],
      [R("aws_s3_bucket_lifecycle_configuration", "audit_logs", 0, "rule", 0, "expiration", 0, "days"), 90],
      [R("aws_s3_bucket_public_access_block", "audit_logs", 0, "restrict_public_buckets"), true],
      [
        R("aws_s3_bucket_ownership_controls", "audit_logs", 0, "rule", 0, "object_ownership"),
        "BucketOwnerEnforced",
      ],
      [
        [
          "data",
          "aws_iam_policy_document",
          "audit_logs_bucket_policy",
          0,
          "statement",
          0,
          "condition",
          0,
          "variable",
        ],
        "aws:SecureTransport",
      ],
    ],
  },
  {
    request: "a DynamoDB table for sessions with partition key session_id and TTL",
    ctx: DEMO,
    recipes: ["dynamodb-table"],
    addresses: ["aws_dynamodb_table.sessions"],
    values: [
      [R("aws_dynamodb_table", "sessions", 0, "hash_key"), "session_id"],
      [R("aws_dynamodb_table", "sessions", 0, "billing_mode"), "PAY_PER_REQUEST"],
      [R("aws_dynamodb_table", "sessions", 0, "point_in_time_recovery", 0, "enabled"), true],
      [R("aws_dynamodb_table", "sessions", 0, "server_side_encryption", 0, "enabled"), true],
      [R("aws_dynamodb_table", "sessions", 0, "ttl", 0, "attribute_name"), "expires_at"],
    ],
  },
  {
    request: "an SQS queue for orders with a dead-letter queue after 5 failed receives",
    ctx: MERGE_TAGS,
    recipes: ["sqs-queue"],
    addresses: [
      "aws_sqs_queue.orders",
      "aws_sqs_queue.orders_dlq",
      "aws_sqs_queue_redrive_allow_policy.orders_dlq",
    ],
    values: [
      [
        R("aws_sqs_queue", "orders", 0, "redrive_policy"),
        "${jsonencode({\n    deadLetterTargetArn = aws_sqs_queue.orders_dlq.arn\n    maxReceiveCount     = 5\n  })}",
      ],
      [R("aws_sqs_queue", "orders", 0, "sqs_managed_sse_enabled"), true],
      [R("aws_sqs_queue", "orders", 0, "name"), "${var.project}-${var.environment}-orders"],
    ],
  },
  {
    request: "a python 3.12 lambda that runs every 15 minutes",
    ctx: DEMO,
    recipes: ["python-lambda", "eventbridge-schedule"],
    addresses: [
      "aws_lambda_function.scheduled_job",
      "aws_cloudwatch_event_rule.scheduled_job_schedule",
      "aws_lambda_permission.scheduled_job_schedule_eventbridge",
      "aws_cloudwatch_log_group.scheduled_job_lambda",
    ],
    values: [
      [R("aws_lambda_function", "scheduled_job", 0, "runtime"), "python3.12"],
      [
        R("aws_cloudwatch_event_rule", "scheduled_job_schedule", 0, "schedule_expression"),
        "rate(15 minutes)",
      ],
      [R("aws_cloudwatch_log_group", "scheduled_job_lambda", 0, "retention_in_days"), 30],
    ],
    extraFiles: ["src/scheduled-job/handler.py"],
  },
  {
    request: "ECR repo for the api image keeping the last 20 images",
    ctx: DEMO,
    recipes: ["ecr-repository"],
    addresses: ["aws_ecr_repository.api", "aws_ecr_lifecycle_policy.api"],
    values: [
      [R("aws_ecr_repository", "api", 0, "image_tag_mutability"), "IMMUTABLE"],
      [R("aws_ecr_repository", "api", 0, "image_scanning_configuration", 0, "scan_on_push"), true],
    ],
  },
  {
    request: "a KMS key for the data lake",
    ctx: DEMO,
    recipes: ["kms-key"],
    addresses: ["aws_kms_key.data_lake", "aws_kms_alias.data_lake"],
    values: [
      [R("aws_kms_key", "data_lake", 0, "enable_key_rotation"), true],
      [R("aws_kms_key", "data_lake", 0, "deletion_window_in_days"), 30],
      [R("aws_kms_alias", "data_lake", 0, "name"), "alias/${local.name_prefix}-data-lake"],
    ],
  },
  {
    request: "OIDC role for GitHub repo acme/infra main branch",
    ctx: DEMO,
    recipes: ["github-oidc-role"],
    addresses: ["aws_iam_openid_connect_provider.github", "aws_iam_role.github_infra"],
    values: [
      [
        [
          "data",
          "aws_iam_policy_document",
          "github_infra_trust",
          0,
          "statement",
          0,
          "condition",
          0,
          "values",
        ],
        ["sts.amazonaws.com"],
      ],
      [
        [
          "data",
          "aws_iam_policy_document",
          "github_infra_trust",
          0,
          "statement",
          0,
          "condition",
          1,
          "values",
        ],
        ["repo:acme/infra:ref:refs/heads/main"],
      ],
    ],
  },
  {
    request: "a queue for jobs and a lambda that processes it",
    ctx: MERGE_TAGS,
    recipes: ["sqs-queue", "python-lambda"],
    addresses: [
      "aws_sqs_queue.jobs",
      "aws_lambda_function.jobs_processor",
      "aws_lambda_event_source_mapping.jobs_processor_jobs",
      "aws_iam_role_policy.jobs_processor_access",
    ],
    values: [
      [
        R("aws_lambda_event_source_mapping", "jobs_processor_jobs", 0, "function_response_types"),
        ["ReportBatchItemFailures"],
      ],
    ],
    extraFiles: ["src/jobs-processor/handler.py"],
  },
  {
    request: "an SNS topic for deploy alerts that emails ops@example.com",
    ctx: DEMO,
    recipes: ["sns-topic"],
    addresses: ["aws_sns_topic.deploy_alerts", "aws_sns_topic_subscription.deploy_alerts_email_1"],
    values: [
      [R("aws_sns_topic", "deploy_alerts", 0, "kms_master_key_id"), "alias/aws/sns"],
      [R("aws_sns_topic_subscription", "deploy_alerts_email_1", 0, "endpoint"), "ops@example.com"],
    ],
  },
  {
    request: "a Secrets Manager secret for the database password, encrypted with a customer managed key",
    ctx: DEMO,
    recipes: ["kms-key", "secretsmanager-secret"],
    addresses: ["aws_secretsmanager_secret.database_password", "aws_kms_key.database_password"],
    values: [
      [
        R("aws_secretsmanager_secret", "database_password", 0, "kms_key_id"),
        "${aws_kms_key.database_password.arn}",
      ],
      [R("aws_secretsmanager_secret", "database_password", 0, "recovery_window_in_days"), 30],
    ],
  },
  {
    request: "a security group for the web servers allowing https from 10.0.0.0/16",
    ctx: DEMO,
    recipes: ["security-group"],
    addresses: [
      "aws_security_group.web_servers",
      "aws_vpc_security_group_ingress_rule.web_servers_tcp_443_1",
      "aws_vpc_security_group_egress_rule.web_servers_tcp_443_1",
    ],
    values: [
      [R("aws_vpc_security_group_ingress_rule", "web_servers_tcp_443_1", 0, "cidr_ipv4"), "10.0.0.0/16"],
      [["variable", "vpc_id", 0, "type"], "${string}"],
    ],
  },
  {
    request:
      "an SQS queue for payments, and an alarm if the payments queue has more than 100 messages waiting",
    ctx: DEMO,
    recipes: ["sqs-queue", "cloudwatch-alarm"],
    addresses: [
      "aws_cloudwatch_metric_alarm.payments_queue_depth",
      "aws_sns_topic.payments_queue_depth_alarm",
    ],
    values: [
      [R("aws_cloudwatch_metric_alarm", "payments_queue_depth", 0, "threshold"), 100],
      [
        R("aws_cloudwatch_metric_alarm", "payments_queue_depth", 0, "comparison_operator"),
        "GreaterThanThreshold",
      ],
      [
        R("aws_cloudwatch_metric_alarm", "payments_queue_depth", 0, "dimensions", "QueueName"),
        "${aws_sqs_queue.payments.name}",
      ],
    ],
  },
  {
    request: "a fifo queue for ledger events that keeps messages 14 days, max receive count 3",
    ctx: SINGLE_MAIN,
    recipes: ["sqs-queue"],
    addresses: ["aws_sqs_queue.ledger", "aws_sqs_queue.ledger_dlq"],
    values: [
      [R("aws_sqs_queue", "ledger", 0, "fifo_queue"), true],
      [R("aws_sqs_queue", "ledger", 0, "name"), "ledger.fifo"],
      [R("aws_sqs_queue", "ledger", 0, "message_retention_seconds"), 1209600],
    ],
  },
  {
    request: "a bucket for reports with access logging and a lambda that reads from it daily at 6:30am",
    ctx: MERGE_TAGS,
    recipes: ["s3-bucket", "python-lambda", "eventbridge-schedule"],
    addresses: [
      "aws_s3_bucket_logging.reports",
      "aws_s3_bucket.reports_access_logs",
      "aws_cloudwatch_event_rule.scheduled_job_schedule",
    ],
    values: [
      [
        R("aws_cloudwatch_event_rule", "scheduled_job_schedule", 0, "schedule_expression"),
        "cron(30 6 * * ? *)",
      ],
      [
        ["data", "aws_iam_policy_document", "scheduled_job_access", 0, "statement", 0, "actions"],
        ["s3:GetObject", "s3:ListBucket"],
      ],
    ],
    extraFiles: ["src/scheduled-job/handler.py"],
  },
  {
    request:
      "a DynamoDB table for events with hash key tenant_id and sort key created_at (number), with streams",
    ctx: SINGLE_MAIN,
    recipes: ["dynamodb-table"],
    addresses: ["aws_dynamodb_table.events"],
    values: [
      [R("aws_dynamodb_table", "events", 0, "range_key"), "created_at"],
      [R("aws_dynamodb_table", "events", 0, "attribute", 1, "type"), "N"],
      [R("aws_dynamodb_table", "events", 0, "stream_view_type"), "NEW_AND_OLD_IMAGES"],
    ],
  },
  {
    request:
      "a lambda function called image-resizer with 1 GB memory and a timeout of 2 minutes, keep logs 14 days, on x86",
    ctx: DEMO,
    recipes: ["python-lambda"],
    addresses: [
      "aws_lambda_function.image_resizer",
      "aws_iam_role_policy_attachment.image_resizer_basic_execution",
    ],
    values: [
      [R("aws_lambda_function", "image_resizer", 0, "memory_size"), 1024],
      [R("aws_lambda_function", "image_resizer", 0, "timeout"), 120],
      [R("aws_lambda_function", "image_resizer", 0, "architectures"), ["x86_64"]],
      [R("aws_cloudwatch_log_group", "image_resizer_lambda", 0, "retention_in_days"), 14],
    ],
    extraFiles: ["src/image-resizer/handler.py"],
  },
  {
    request: "github actions role for repo acme/web with the production environment, read only",
    ctx: MERGE_TAGS,
    recipes: ["github-oidc-role"],
    addresses: ["aws_iam_role.github_web", "aws_iam_role_policy_attachment.github_web_1"],
    values: [
      [
        ["data", "aws_iam_policy_document", "github_web_trust", 0, "statement", 0, "condition", 1, "values"],
        ["repo:acme/web:environment:production"],
      ],
      [
        R("aws_iam_role_policy_attachment", "github_web_1", 0, "policy_arn"),
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
      ],
    ],
  },
  {
    request: "an S3 bucket for backups encrypted with a customer managed key, delete objects after 1 year",
    ctx: SINGLE_MAIN,
    recipes: ["kms-key", "s3-bucket"],
    addresses: ["aws_kms_key.backups", "aws_s3_bucket.backups"],
    values: [
      [
        R(
          "aws_s3_bucket_server_side_encryption_configuration",
          "backups",
          0,
          "rule",
          0,
          "apply_server_side_encryption_by_default",
          0,
          "kms_master_key_id",
        ),
        "${aws_kms_key.backups.arn}",
      ],
      [R("aws_s3_bucket_lifecycle_configuration", "backups", 0, "rule", 0, "expiration", 0, "days"), 365],
      [R("aws_s3_bucket", "backups", 0, "bucket"), "backups"],
    ],
  },
  {
    request:
      "a lambda for billing sync that runs every weekday at 9am and writes to a dynamodb table for invoices, plus an alarm when the lambda errors",
    ctx: DEMO,
    recipes: ["dynamodb-table", "python-lambda", "eventbridge-schedule", "cloudwatch-alarm"],
    addresses: [
      "aws_dynamodb_table.invoices",
      "aws_lambda_function.billing_sync",
      "aws_cloudwatch_metric_alarm.billing_sync_errors",
    ],
    values: [
      [
        R("aws_cloudwatch_event_rule", "billing_sync_schedule", 0, "schedule_expression"),
        "cron(0 9 ? * MON-FRI *)",
      ],
      [R("aws_cloudwatch_metric_alarm", "billing_sync_errors", 0, "metric_name"), "Errors"],
      [
        ["data", "aws_iam_policy_document", "billing_sync_access", 0, "statement", 0, "resources"],
        ["${aws_dynamodb_table.invoices.arn}"],
      ],
    ],
    extraFiles: ["src/billing-sync/handler.py"],
  },
  {
    request: "ECR repository for worker images with mutable tags, keep 50 images",
    ctx: MERGE_TAGS,
    recipes: ["ecr-repository"],
    addresses: ["aws_ecr_repository.worker"],
    values: [[R("aws_ecr_repository", "worker", 0, "image_tag_mutability"), "MUTABLE"]],
  },
  {
    request: "a KMS key for payments with a 7 day deletion window",
    ctx: MERGE_TAGS,
    recipes: ["kms-key"],
    addresses: ["aws_kms_key.payments"],
    values: [[R("aws_kms_key", "payments", 0, "deletion_window_in_days"), 7]],
  },
];
