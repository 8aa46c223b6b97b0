# Production: account 777788889999. Clean except the one waived exception
# (support_ui_access_logging, see README).
environment = "prod"
owner       = "platform-team"
aws_region  = "eu-west-1"

vpc_cidr = "10.30.0.0/16"
az_count = 3

image_repository = "777788889999.dkr.ecr.eu-west-1.amazonaws.com"
image_tag        = "1.4.2"

services = {
  api = {
    cpu                = 1024
    memory             = 2048
    desired_count      = 3
    port               = 8080
    log_retention_days = 365
  }
  worker = {
    cpu                = 512
    memory             = 1024
    desired_count      = 2
    command            = ["bin/worker", "--queues", "orders,fulfillment"]
    log_retention_days = 365
    owner              = "fulfillment-team"
  }
}

db_instance_class        = "db.r6g.large"
db_allocated_storage     = 200
db_backup_retention_days = 35
db_deletion_protection   = true
db_multi_az              = true
db_use_cmk               = true

redis_node_type               = "cache.r6g.large"
redis_failover                = true
redis_snapshot_retention_days = 14
redis_auth_token              = "dummy-redis-auth-token-prod-not-real-0001"

secret_values = {
  stripe-api-key   = "dummy-stripe-key-not-real"
  usps-credentials = "{\"user\":\"dummy-usps-user\",\"password\":\"dummy-usps-password-not-real\"}"
}
secret_rotation = {
  stripe-api-key   = true
  usps-credentials = true
}
rotation_lambda_arn = "arn:aws:lambda:eu-west-1:777788889999:function:mobilytics-prod-secrets-rotation"

parameter_types = {
  feature-flags     = "String"
  support-api-token = "SecureString"
}
parameter_values = {
  feature-flags     = "{\"new_checkout\":true}"
  support-api-token = "dummy-support-token-not-real"
}

support_ui_hostname   = "support.mobilytics.example"
support_ui_versioning = true
# EXCEPTION PLAT-412 (waived in policies/prod.yaml until the log bucket moves
# to the central logging account): CloudFront standard logging is off.
support_ui_access_logging = false
waf_rate_limit            = 1000
waf_allowed_cidrs         = ["203.0.113.0/24"]
waf_blocked_cidrs         = ["198.51.100.23/32"]

deploy_principal_arns        = ["arn:aws:iam::777788889999:role/github-actions-runner"]
enforce_permissions_boundary = true
