module "app_logs" {
  source = "./modules/log-group"

  name           = "/${var.project}/${var.environment}/app"
  retention_days = var.log_retention_days
}
