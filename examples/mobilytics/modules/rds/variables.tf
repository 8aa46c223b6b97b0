variable "name_prefix" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "client_security_group_ids" {
  description = "Security groups allowed to connect on 5432."
  type        = list(string)
}

variable "instance_class" {
  type = string
}

variable "allocated_storage" {
  type = number
}

variable "backup_retention_days" {
  type = number
}

variable "deletion_protection" {
  type = bool
}

variable "multi_az" {
  type = bool
}

variable "kms_key_arn" {
  description = "CMK for storage encryption; null falls back to the AWS-managed aws/rds key."
  type        = string
  default     = null
}

variable "master_secret_kms_key_arn" {
  type = string
}

variable "final_snapshot_on_deletion" {
  type    = bool
  default = true
}

variable "engine_version" {
  type    = string
  default = "16.4"
}

variable "tags" {
  type    = map(string)
  default = {}
}
