resource "aws_ecs_cluster" "this" {
  name = var.name
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_cloudwatch_log_group" "server" {
  name              = "/ecs/${var.name}/server"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_group" "worker" {
  name              = "/ecs/${var.name}/worker"
  retention_in_days = var.log_retention_days
}

data "aws_region" "current" {}

locals {
  secrets = [
    { name = "PRIVATE_KEY", valueFrom = aws_secretsmanager_secret.private_key.arn },
    { name = "REDIS_URL", valueFrom = aws_secretsmanager_secret.redis_url.arn },
  ]
  environment = [
    { name = "APP_ID", value = var.app_id },
    { name = "HOST", value = "0.0.0.0" },
    { name = "LOG_FORMAT", value = "json" },
  ]
  container_security = {
    readonlyRootFilesystem = true
    user                   = "1000"
    linuxParameters        = { initProcessEnabled = true }
    mountPoints            = [{ sourceVolume = "tmp", containerPath = "/tmp" }]
  }
}

resource "aws_ecs_task_definition" "server" {
  family                   = "${var.name}-server"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  volume {
    name = "tmp"
  }
  container_definitions = jsonencode([merge(local.container_security, {
    name         = "server"
    image        = var.image
    essential    = true
    command      = ["node", "dist/server.js"]
    portMappings = [{ containerPort = 3000, protocol = "tcp" }]
    environment  = concat(local.environment, [{ name = "WEBHOOK_PATH", value = var.webhook_path }])
    secrets      = concat(local.secrets, [{ name = "WEBHOOK_SECRET", valueFrom = aws_secretsmanager_secret.webhook_secret.arn }])
    stopTimeout  = 40
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.server.name
        awslogs-region        = data.aws_region.current.name
        awslogs-stream-prefix = "server"
      }
    }
  })])
}

resource "aws_ecs_task_definition" "worker" {
  family                   = "${var.name}-worker"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 1024
  memory                   = 2048
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  volume {
    name = "tmp"
  }
  container_definitions = jsonencode([merge(local.container_security, {
    name      = "worker"
    image     = var.image
    essential = true
    command   = ["node", "bin/devops-agent.js", "worker"]
    environment = concat(local.environment, [
      { name = "HEALTH_PORT", value = "3001" },
      { name = "JOB_CONCURRENCY", value = "4" },
      { name = "DRAIN_TIMEOUT_SECONDS", value = "90" },
      # Prints DevopsAgent/QueueDepth as embedded-metric log lines; CloudWatch Logs extracts the metric.
      { name = "METRICS_EMF", value = "true" },
    ])
    secrets     = local.secrets
    stopTimeout = 120
    healthCheck = {
      command     = ["CMD", "node", "-e", "fetch('http://127.0.0.1:3001/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
      interval    = 30
      timeout     = 5
      retries     = 3
      startPeriod = 30
    }
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.worker.name
        awslogs-region        = data.aws_region.current.name
        awslogs-stream-prefix = "worker"
      }
    }
  })])
}

resource "aws_ecs_service" "server" {
  name            = "${var.name}-server"
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.server.arn
  desired_count   = var.server_count
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.server.arn
    container_name   = "server"
    container_port   = 3000
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  depends_on = [aws_lb_listener_rule.webhook]
}

resource "aws_ecs_service" "worker" {
  name            = "${var.name}-worker"
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.worker.arn
  desired_count   = var.worker_min
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  # Autoscaling owns the count after creation.
  lifecycle {
    ignore_changes = [desired_count]
  }
}
