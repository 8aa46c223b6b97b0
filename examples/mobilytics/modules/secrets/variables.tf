variable "name_prefix" {
  type = string
}

variable "parameter_path" {
  description = "SSM path prefix, e.g. /mobilytics/prod."
  type        = string
}

variable "secrets_kms_key_arn" {
  type = string
}

variable "ssm_kms_key_arn" {
  type = string
}

variable "secret_values" {
  type      = map(string)
  sensitive = true
}

variable "secret_rotation" {
  description = "Secret name => rotate automatically."
  type        = map(bool)
}

variable "rotation_lambda_arn" {
  type = string
}

variable "rotation_days" {
  type    = number
  default = 30
}

variable "parameter_types" {
  type = map(string)

  validation {
    condition     = alltrue([for t in values(var.parameter_types) : contains(["String", "SecureString"], t)])
    error_message = "Parameter types are String or SecureString (StringList is not used here)."
  }
}

variable "parameter_values" {
  type      = map(string)
  sensitive = true
}

variable "tags" {
  type    = map(string)
  default = {}
}
