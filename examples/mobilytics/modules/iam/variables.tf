variable "name_prefix" {
  type = string
}

variable "account_id" {
  type = string
}

variable "deploy_principal_arns" {
  type = list(string)
}

variable "enforce_permissions_boundary" {
  description = "Attach the boundary to the deploy role (the human roles always carry it)."
  type        = bool
}

variable "support_ui_bucket_arn" {
  type = string
}

variable "ecs_cluster_arn" {
  type = string
}

variable "ecs_task_role_arns" {
  description = "Roles the deploy role may pass to ECS."
  type        = list(string)
}

variable "break_glass_session_seconds" {
  type    = number
  default = 3600
}

variable "tags" {
  type    = map(string)
  default = {}
}
