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
  type = list(string)
}

variable "node_type" {
  type = string
}

variable "failover" {
  description = "Two nodes, automatic failover, Multi-AZ."
  type        = bool
}

variable "snapshot_retention_days" {
  type = number
}

variable "auth_token" {
  type      = string
  sensitive = true
}

variable "kms_key_arn" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}
