variable "name_prefix" {
  type = string
}

variable "environment" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "vpc_cidr" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "image_repository" {
  type = string
}

variable "image_tag" {
  type = string
}

variable "services" {
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

variable "container_secrets" {
  description = "Environment variable name => Secrets Manager secret ARN."
  type        = map(string)
}

variable "container_parameters" {
  description = "SSM parameter name => ARN, exposed as environment variables."
  type        = map(string)
}

variable "secrets_kms_key_arns" {
  description = "CMKs the execution role may decrypt secrets and parameters with."
  type        = list(string)
}

variable "logs_kms_key_arn" {
  type = string
}

variable "redis_endpoint" {
  type = string
}

variable "permissions_boundary_arn" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}
