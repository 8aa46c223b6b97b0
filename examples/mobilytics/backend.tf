# Partial configuration: bucket, key, region and dynamodb_table come from
# `terraform init -backend-config=backends/<account>.hcl` in CI, so the same
# root serves every account. Workspaces (dev, staging, prod) share the bucket
# under the env:/ prefix.
terraform {
  backend "s3" {}
}
