// One plain-English request per building block of the catalogue.
import { DEMO, MERGE_TAGS } from "./support.js";
import { R, type RequestCase } from "./requests.case.js";

export const BLOCK_CASES: RequestCase[] = [
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
    extraFiles: ["src/scheduled-job/handler.py", "src/scheduled-job/test_handler.py"],
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
    extraFiles: ["src/jobs-processor/handler.py", "src/jobs-processor/test_handler.py"],
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
];
