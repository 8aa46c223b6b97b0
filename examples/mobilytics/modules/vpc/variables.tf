variable "name_prefix" {
  type = string
}

variable "cidr_block" {
  type = string
}

variable "az_count" {
  type    = number
  default = 2
}

variable "admin_ingress_cidrs" {
  type    = list(string)
  default = []
}

variable "flow_log_retention_days" {
  type    = number
  default = 365
}

variable "logs_kms_key_arn" {
  type = string
}

variable "permissions_boundary_arn" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}
