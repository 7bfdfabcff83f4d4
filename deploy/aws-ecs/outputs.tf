output "webhook_url" {
  description = "Set this as the GitHub App's webhook URL (with your DNS name in front of the load balancer)."
  value       = "https://${aws_lb.webhooks.dns_name}${var.webhook_path}"
}

output "redis_endpoint" {
  description = "Primary endpoint of the queue's Redis (TLS, AUTH token in Secrets Manager)."
  value       = aws_elasticache_replication_group.queue.primary_endpoint_address
}
