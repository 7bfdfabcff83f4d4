# The app's secrets live in Secrets Manager and reach the containers as environment variables at start.
resource "aws_secretsmanager_secret" "private_key" {
  name_prefix = "${var.name}-private-key-"
}

resource "aws_secretsmanager_secret_version" "private_key" {
  secret_id     = aws_secretsmanager_secret.private_key.id
  secret_string = var.private_key_pem
}

resource "aws_secretsmanager_secret" "webhook_secret" {
  name_prefix = "${var.name}-webhook-secret-"
}

resource "aws_secretsmanager_secret_version" "webhook_secret" {
  secret_id     = aws_secretsmanager_secret.webhook_secret.id
  secret_string = var.webhook_secret
}

# The Redis URL carries the auth token, so it is a secret too (rediss: TLS in transit).
resource "aws_secretsmanager_secret" "redis_url" {
  name_prefix = "${var.name}-redis-url-"
}

resource "aws_secretsmanager_secret_version" "redis_url" {
  secret_id     = aws_secretsmanager_secret.redis_url.id
  secret_string = "rediss://:${var.redis_auth_token}@${aws_elasticache_replication_group.queue.primary_endpoint_address}:6379"
}
