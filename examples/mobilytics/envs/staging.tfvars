# Staging: account 444455556666. Mirrors prod at a smaller size; single-AZ
# data stores to save cost (findings accepted until launch, see README).
environment = "staging"
owner       = "platform-team"
aws_region  = "eu-west-1"

vpc_cidr = "10.20.0.0/16"
az_count = 2

image_repository = "444455556666.dkr.ecr.eu-west-1.amazonaws.com"
image_tag        = "1.5.0-rc.2"

services = {
  api = {
    cpu                = 512
    memory             = 1024
    desired_count      = 2
    port               = 8080
    log_retention_days = 90
  }
  worker = {
    cpu                = 256
    memory             = 512
    desired_count      = 1
    command            = ["bin/worker", "--queues", "orders,fulfillment"]
    log_retention_days = 90
    owner              = "fulfillment-team"
  }
}

db_instance_class        = "db.t4g.medium"
db_allocated_storage     = 50
db_backup_retention_days = 7
db_deletion_protection   = true
db_multi_az              = false
db_use_cmk               = true

redis_node_type               = "cache.t4g.small"
redis_failover                = false
redis_snapshot_retention_days = 3
redis_auth_token              = "dummy-redis-auth-token-staging-not-real-01"

secret_values = {
  stripe-api-key   = "dummy-stripe-test-key-not-real"
  usps-credentials = "{\"user\":\"dummy-usps-user\",\"password\":\"dummy-usps-password-not-real\"}"
}
secret_rotation = {
  stripe-api-key   = true
  usps-credentials = true
}
rotation_lambda_arn = "arn:aws:lambda:eu-west-1:444455556666:function:mobilytics-staging-secrets-rotation"

parameter_types = {
  feature-flags     = "String"
  support-api-token = "SecureString"
}
parameter_values = {
  feature-flags     = "{\"new_checkout\":true}"
  support-api-token = "dummy-support-token-not-real"
}

support_ui_hostname       = "support.staging.mobilytics.example"
support_ui_versioning     = true
support_ui_access_logging = true
waf_allowed_cidrs         = ["203.0.113.0/24"]

deploy_principal_arns        = ["arn:aws:iam::444455556666:role/github-actions-runner"]
enforce_permissions_boundary = true
