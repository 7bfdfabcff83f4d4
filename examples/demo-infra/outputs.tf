output "artifacts_bucket" {
  description = "Name of the artifacts bucket."
  value       = aws_s3_bucket.artifacts.bucket
}

output "app_role_arn" {
  description = "ARN of the application role."
  value       = aws_iam_role.app.arn
}

output "app_log_group" {
  description = "Name of the application log group."
  value       = module.app_logs.name
}

output "account_id" {
  description = "AWS account the stack is deployed into."
  value       = data.aws_caller_identity.current.account_id
}
