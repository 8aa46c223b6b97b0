variable "name_prefix" {
  type = string
}

variable "account_id" {
  type = string
}

variable "logs_kms_key_arn" {
  description = "CMK for CloudTrail log files and the CloudTrail log group."
  type        = string
}

variable "s3_kms_key_arn" {
  type = string
}

variable "trail_log_retention_days" {
  type    = number
  default = 365
}

variable "permissions_boundary_arn" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}
