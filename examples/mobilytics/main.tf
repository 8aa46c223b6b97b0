data "aws_caller_identity" "current" {}

locals {
  name_prefix = "${var.project}-${var.environment}"
  account_id  = data.aws_caller_identity.current.account_id

  default_tags = {
    Environment = var.environment
    Project     = var.project
    Owner       = var.owner
  }

  # Container env var name => secret ARN, read by the ECS agent at task start.
  container_secrets = merge(
    { for name, arn in module.secrets.secret_arns : upper(replace(name, "-", "_")) => arn },
    { DATABASE_CREDENTIALS = module.rds.master_user_secret_arn },
  )
}

# Workspaces are named after the environment (dev, staging, prod; ephemeral
# copies use a suffix such as dev-pr123).
check "workspace_matches_environment" {
  assert {
    condition     = terraform.workspace == "default" || startswith(terraform.workspace, var.environment)
    error_message = "Workspace ${terraform.workspace} does not belong to environment ${var.environment}: wrong -var-file?"
  }
}

module "kms" {
  source      = "./modules/kms"
  name_prefix = local.name_prefix
  # Keys of a deleted environment stay recoverable for 30 days in prod.
  deletion_window_days = var.environment == "prod" ? 30 : 7
}

module "vpc" {
  source                   = "./modules/vpc"
  name_prefix              = local.name_prefix
  cidr_block               = var.vpc_cidr
  az_count                 = var.az_count
  admin_ingress_cidrs      = var.admin_ingress_cidrs
  flow_log_retention_days  = var.flow_log_retention_days
  logs_kms_key_arn         = module.kms.key_arns["logs"]
  permissions_boundary_arn = module.iam.permissions_boundary_arn
}

module "secrets" {
  source              = "./modules/secrets"
  name_prefix         = local.name_prefix
  parameter_path      = "/${var.project}/${var.environment}"
  secrets_kms_key_arn = module.kms.key_arns["secrets"]
  ssm_kms_key_arn     = module.kms.key_arns["ssm"]
  secret_values       = var.secret_values
  secret_rotation     = var.secret_rotation
  rotation_lambda_arn = var.rotation_lambda_arn
  parameter_types     = var.parameter_types
  parameter_values    = var.parameter_values
}

module "ecs" {
  source               = "./modules/ecs"
  name_prefix          = local.name_prefix
  environment          = var.environment
  vpc_id               = module.vpc.vpc_id
  vpc_cidr             = module.vpc.cidr_block
  subnet_ids           = module.vpc.private_subnet_ids
  image_repository     = var.image_repository
  image_tag            = var.image_tag
  services             = var.services
  container_secrets    = local.container_secrets
  container_parameters = module.secrets.parameter_arns
  secrets_kms_key_arns = [module.kms.key_arns["secrets"], module.kms.key_arns["ssm"], module.kms.key_arns["rds"]]
  logs_kms_key_arn     = module.kms.key_arns["logs"]
  redis_endpoint       = module.elasticache.primary_endpoint

  permissions_boundary_arn = module.iam.permissions_boundary_arn
}

module "rds" {
  source                     = "./modules/rds"
  name_prefix                = local.name_prefix
  vpc_id                     = module.vpc.vpc_id
  subnet_ids                 = module.vpc.private_subnet_ids
  client_security_group_ids  = [module.ecs.security_group_id]
  instance_class             = var.db_instance_class
  allocated_storage          = var.db_allocated_storage
  backup_retention_days      = var.db_backup_retention_days
  deletion_protection        = var.db_deletion_protection
  multi_az                   = var.db_multi_az
  kms_key_arn                = var.db_use_cmk ? module.kms.key_arns["rds"] : null
  master_secret_kms_key_arn  = module.kms.key_arns["secrets"]
  final_snapshot_on_deletion = var.environment == "prod"
}

module "elasticache" {
  source                    = "./modules/elasticache"
  name_prefix               = local.name_prefix
  vpc_id                    = module.vpc.vpc_id
  subnet_ids                = module.vpc.private_subnet_ids
  client_security_group_ids = [module.ecs.security_group_id]
  node_type                 = var.redis_node_type
  failover                  = var.redis_failover
  snapshot_retention_days   = var.redis_snapshot_retention_days
  auth_token                = var.redis_auth_token
  kms_key_arn               = module.kms.key_arns["rds"]
}

module "support_ui" {
  source = "./modules/support_ui"
  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  name_prefix       = local.name_prefix
  account_id        = local.account_id
  hostname          = var.support_ui_hostname
  s3_kms_key_arn    = module.kms.key_arns["s3"]
  versioning        = var.support_ui_versioning
  access_logging    = var.support_ui_access_logging
  waf_rate_limit    = var.waf_rate_limit
  waf_allowed_cidrs = var.waf_allowed_cidrs
  waf_blocked_cidrs = var.waf_blocked_cidrs
}

module "iam" {
  source                       = "./modules/iam"
  name_prefix                  = local.name_prefix
  account_id                   = local.account_id
  deploy_principal_arns        = var.deploy_principal_arns
  enforce_permissions_boundary = var.enforce_permissions_boundary
  support_ui_bucket_arn        = module.support_ui.bucket_arn
  ecs_cluster_arn              = module.ecs.cluster_arn
  ecs_task_role_arns           = module.ecs.role_arns
}

module "baseline" {
  source = "./modules/baseline"
  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  name_prefix              = local.name_prefix
  account_id               = local.account_id
  logs_kms_key_arn         = module.kms.key_arns["logs"]
  s3_kms_key_arn           = module.kms.key_arns["s3"]
  permissions_boundary_arn = module.iam.permissions_boundary_arn
}

module "state_backend" {
  source      = "./modules/state_backend"
  name_prefix = local.name_prefix
  account_id  = local.account_id
  kms_key_arn = module.kms.key_arns["s3"]
}
