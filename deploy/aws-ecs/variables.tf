variable "name" {
  description = "Prefix for every resource name."
  type        = string
  default     = "devops-agent"
}

variable "image" {
  description = "Container image of the app (the repository's Dockerfile)."
  type        = string
}

variable "vpc_id" {
  description = "VPC for the services, the load balancer and Redis."
  type        = string
}

variable "public_subnet_ids" {
  description = "Subnets for the internet-facing load balancer (GitHub must reach the webhook path)."
  type        = list(string)
}

variable "private_subnet_ids" {
  description = "Subnets for the tasks and Redis (outbound internet through NAT for GitHub and the model)."
  type        = list(string)
}

variable "certificate_arn" {
  description = "ACM certificate for the load balancer's HTTPS listener."
  type        = string
}

variable "app_id" {
  description = "The GitHub App ID."
  type        = string
}

variable "private_key_pem" {
  description = "The GitHub App's private key (PEM). Stored in Secrets Manager."
  type        = string
  sensitive   = true
}

variable "webhook_secret" {
  description = "The GitHub App's webhook secret. Stored in Secrets Manager."
  type        = string
  sensitive   = true
}

variable "redis_auth_token" {
  description = "ElastiCache AUTH token (16–128 printable characters, no @, \" or /). Stored in Secrets Manager inside the Redis URL."
  type        = string
  sensitive   = true
  validation {
    condition     = length(var.redis_auth_token) >= 16 && length(var.redis_auth_token) <= 128 && can(regex("^[^@\"/ ]+$", var.redis_auth_token))
    error_message = "redis_auth_token must be 16 to 128 characters without @, \", / or spaces."
  }
}

variable "webhook_path" {
  description = "The only path (besides /healthz) the load balancer forwards."
  type        = string
  default     = "/api/github/webhooks"
}

variable "server_count" {
  description = "Webhook server tasks."
  type        = number
  default     = 2
}

variable "worker_min" {
  description = "Fewest worker tasks."
  type        = number
  default     = 1
}

variable "worker_max" {
  description = "Most worker tasks."
  type        = number
  default     = 10
}

variable "jobs_per_worker" {
  description = "Queue depth per worker task that triggers adding another one."
  type        = number
  default     = 20
}

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.t4g.small"
}

variable "log_retention_days" {
  description = "CloudWatch Logs retention."
  type        = number
  default     = 30
}
