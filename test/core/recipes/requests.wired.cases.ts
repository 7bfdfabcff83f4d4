// Requests that wire several blocks together, or ask for non-default settings.
import { DEMO, MERGE_TAGS, SINGLE_MAIN } from "./support.js";
import { R, type RequestCase } from "./requests.case.js";

export const WIRED_CASES: RequestCase[] = [
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
    extraFiles: ["src/scheduled-job/handler.py", "src/scheduled-job/test_handler.py"],
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
    extraFiles: ["src/image-resizer/handler.py", "src/image-resizer/test_handler.py"],
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
    extraFiles: ["src/billing-sync/handler.py", "src/billing-sync/test_handler.py"],
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
