output "vpc_id" {
  value = module.vpc.vpc_id
}

output "private_subnet_ids" {
  value = module.vpc.private_subnet_ids
}

output "ecs_cluster_arn" {
  value = module.ecs.cluster_arn
}

output "database_endpoint" {
  value = module.rds.endpoint
}

output "redis_endpoint" {
  value = module.elasticache.primary_endpoint
}

output "support_ui_url" {
  value = "https://${var.support_ui_hostname}"
}

output "support_ui_distribution_id" {
  value = module.support_ui.distribution_id
}

output "kms_key_arns" {
  value = module.kms.key_arns
}

output "deploy_role_arn" {
  value = module.iam.deploy_role_arn
}

output "break_glass_role_arn" {
  value = module.iam.break_glass_role_arn
}

output "state_backend" {
  value = {
    bucket     = module.state_backend.bucket
    lock_table = module.state_backend.lock_table
  }
}
