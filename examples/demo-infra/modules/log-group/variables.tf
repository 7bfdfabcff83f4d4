variable "name" {
  description = "Name of the CloudWatch log group."
  type        = string
}

variable "retention_days" {
  description = "Days to keep log events."
  type        = number
  default     = 30
}
