# Dev: account 111122223333. Long-lived sandbox; cheap and loose. The loose
# settings below are the findings listed in README.md ("Deliberate violations").
environment = "dev"
owner       = "platform-team"
aws_region  = "eu-west-1"

vpc_cidr = "10.10.0.0/16"
az_count = 2

# Bastion SSH while the SSM-only access is being set up.
admin_ingress_cidrs     = ["0.0.0.0/0"]
flow_log_retention_days = 30

image_repository = "111122223333.dkr.ecr.eu-west-1.amazonaws.com"
image_tag        = "1.5.0-dev.41"

services = {
  api = {
    cpu                = 256
    memory             = 512
    desired_count      = 1
    port               = 8080
    log_retention_days = 14
  }
  worker = {
    cpu                = 256
    memory             = 512
    desired_count      = 1
    command            = ["bin/worker", "--queues", "orders,fulfillment"]
    log_retention_days = 1
    log_kms_encrypted  = false
    owner              = "" # TODO: owner after the team split
  }
}

db_instance_class        = "db.t4g.micro"
db_allocated_storage     = 20
db_backup_retention_days = 1
db_deletion_protection   = false
db_multi_az              = false
db_use_cmk               = false

redis_node_type               = "cache.t4g.micro"
redis_failover                = false
redis_snapshot_retention_days = 1
redis_auth_token              = "dummy-redis-auth-token-dev-not-real-000001"

secret_values = {
  stripe-api-key   = "dummy-stripe-test-key-not-real"
  usps-credentials = "{\"user\":\"dummy-usps-user\",\"password\":\"dummy-usps-password-not-real\"}"
}
# USPS sandbox credentials are rotated by hand (runbook), not by the function.
secret_rotation = {
  stripe-api-key   = true
  usps-credentials = false
}
rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:mobilytics-dev-secrets-rotation"

parameter_types = {
  feature-flags     = "String"
  support-api-token = "String"
}
parameter_values = {
  feature-flags     = "{\"new_checkout\":true,\"debug_toolbar\":true}"
  support-api-token = "dummy-support-token-not-real"
}

support_ui_hostname       = "support.dev.mobilytics.example"
support_ui_versioning     = false
support_ui_access_logging = true
waf_rate_limit            = 5000

deploy_principal_arns        = ["arn:aws:iam::111122223333:role/github-actions-runner"]
enforce_permissions_boundary = false
