variable "region" {
  type        = string
  description = "Region the task, its schedule and the reports bucket live in."
  default     = "eu-west-1"
}

variable "name" {
  type        = string
  description = "Name prefix for every resource of the nightly audit."
  default     = "plumbline-nightly"
}

variable "image" {
  type        = string
  description = "The plumbline container image (built from the repository's Dockerfile), e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/plumbline:0.1.0."
}

variable "schedule_expression" {
  type        = string
  description = "EventBridge Scheduler expression: when the audit runs."
  default     = "cron(30 5 * * ? *)"
}

variable "schedule_timezone" {
  type    = string
  default = "UTC"
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets for the Fargate task (it needs a route to the AWS APIs: NAT or VPC endpoints)."
}

variable "security_group_ids" {
  type        = list(string)
  description = "Security groups for the task: egress 443 only; it accepts no connections."
}

variable "state_bucket" {
  type        = string
  description = "The Terraform state bucket the audit reads (read-only)."
}

variable "state_key" {
  type        = string
  description = "Key of the state object, as the S3 backend writes it (env:/WORKSPACE/KEY for non-default workspaces)."
  default     = "env:/prod/platform.tfstate"
}

variable "workspace" {
  type    = string
  default = "prod"
}

variable "policy" {
  type        = string
  description = "Policy pack inside the image (relative to /app)."
  default     = "policies/prod.yaml"
}

variable "audit_regions" {
  type        = list(string)
  description = "Regions the live audit covers."
  default     = ["eu-west-1", "us-east-1"]
}

variable "report_retention_days" {
  type    = number
  default = 400
}

variable "readonly_policy_file" {
  type        = string
  description = "The read-only audit policy (JSON). Default: the one shipped in deploy/iam of the plumbline repository."
  default     = ""
}

variable "permissions_boundary_arn" {
  type        = string
  description = "Permissions boundary for the roles this module creates (the prod policy requires one on every role)."
  default     = null
}

variable "access_log_bucket" {
  type        = string
  description = "Bucket that receives S3 server access logs of the reports bucket (none: no access logging)."
  default     = ""
}

variable "send_to_security_hub" {
  type        = bool
  description = "Also send the findings to Security Hub (--to-security-hub): grants securityhub:BatchImportFindings."
  default     = false
}

variable "tags" {
  type = map(string)
  default = {
    Project     = "plumbline"
    Environment = "prod"
    Owner       = "platform-team"
  }
}
