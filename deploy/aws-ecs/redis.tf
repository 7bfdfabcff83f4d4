resource "aws_elasticache_subnet_group" "queue" {
  name       = "${var.name}-queue"
  subnet_ids = var.private_subnet_ids
}

resource "aws_elasticache_parameter_group" "queue" {
  name   = "${var.name}-queue"
  family = "redis7"
  # BullMQ requires that Redis never evicts its keys.
  parameter {
    name  = "maxmemory-policy"
    value = "noeviction"
  }
}

resource "aws_elasticache_replication_group" "queue" {
  replication_group_id       = "${var.name}-queue"
  description                = "devops-agent job queue"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = var.redis_node_type
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
  port                       = 6379
  parameter_group_name       = aws_elasticache_parameter_group.queue.name
  subnet_group_name          = aws_elasticache_subnet_group.queue.name
  security_group_ids         = [aws_security_group.redis.id]
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  auth_token                 = var.redis_auth_token
  snapshot_retention_limit   = 1
  apply_immediately          = false
}
