variable "aws_region" {
  description = "Home region of the environment."
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "dev, staging or prod. Must match the workspace (see the check in main.tf)."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be one of dev, staging, prod."
  }
}

variable "project" {
  type    = string
  default = "mobilytics"
}

variable "owner" {
  description = "Team that owns the environment (default Owner tag)."
  type        = string
}

# --- network ---------------------------------------------------------------

variable "vpc_cidr" {
  type = string
}

variable "az_count" {
  type    = number
  default = 2
}

variable "admin_ingress_cidrs" {
  description = "CIDRs allowed to SSH into the admin security group. Empty: no admin security group."
  type        = list(string)
  default     = []
}

variable "flow_log_retention_days" {
  type    = number
  default = 365
}

# --- ECS ---------------------------------------------------------------------

variable "image_repository" {
  description = "ECR registry the service images come from."
  type        = string
}

variable "image_tag" {
  type = string
}

variable "services" {
  description = "ECS services: the API and the background worker."
  type = map(object({
    cpu                = number
    memory             = number
    desired_count      = number
    port               = optional(number)
    command            = optional(list(string))
    log_retention_days = optional(number, 90)
    log_kms_encrypted  = optional(bool, true)
    owner              = optional(string)
  }))
}

# --- RDS ---------------------------------------------------------------------

variable "db_instance_class" {
  type = string
}

variable "db_allocated_storage" {
  type    = number
  default = 50
}

variable "db_backup_retention_days" {
  type    = number
  default = 14
}

variable "db_deletion_protection" {
  type    = bool
  default = true
}

variable "db_multi_az" {
  type    = bool
  default = true
}

variable "db_use_cmk" {
  description = "Encrypt the database with the project CMK (false: the AWS-managed aws/rds key)."
  type        = bool
  default     = true
}

# --- ElastiCache -------------------------------------------------------------

variable "redis_node_type" {
  type = string
}

variable "redis_failover" {
  description = "Two nodes with automatic failover and Multi-AZ."
  type        = bool
  default     = true
}

variable "redis_snapshot_retention_days" {
  type    = number
  default = 7
}

variable "redis_auth_token" {
  type      = string
  sensitive = true
}

# --- secrets and parameters --------------------------------------------------

variable "secret_values" {
  description = "Initial values of the application secrets (rotated afterwards)."
  type        = map(string)
  sensitive   = true
}

variable "secret_rotation" {
  description = "Which secrets rotate automatically (keys of secret_values)."
  type        = map(bool)
}

variable "rotation_lambda_arn" {
  description = "Secrets Manager rotation function, deployed from the platform tooling account."
  type        = string
}

variable "parameter_types" {
  description = "SSM parameters under /<project>/<env>/ and their types (String or SecureString)."
  type        = map(string)
}

variable "parameter_values" {
  type      = map(string)
  sensitive = true
}

# --- support UI --------------------------------------------------------------

variable "support_ui_hostname" {
  type = string
}

variable "support_ui_versioning" {
  type    = bool
  default = true
}

variable "support_ui_access_logging" {
  description = "CloudFront standard logging for the support UI distribution."
  type        = bool
  default     = true
}

variable "waf_rate_limit" {
  description = "Requests per 5 minutes per IP before the WAF blocks."
  type        = number
  default     = 2000
}

variable "waf_allowed_cidrs" {
  description = "Office and VPN egress ranges that bypass the managed rules."
  type        = list(string)
  default     = []
}

variable "waf_blocked_cidrs" {
  type    = list(string)
  default = []
}

# --- IAM ---------------------------------------------------------------------

variable "deploy_principal_arns" {
  description = "Principals (the CI runner role) allowed to assume the deploy role."
  type        = list(string)
}

variable "enforce_permissions_boundary" {
  type    = bool
  default = true
}
