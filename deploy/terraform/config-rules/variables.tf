variable "name_prefix" {
  description = "Prefix of every name this module creates (Lambda function, role, log group, Config rules)."
  type        = string
  default     = "plumbline-"
}

variable "lambda_zip_path" {
  description = "The Lambda package built by `npm run build:lambda` (dist-lambda/plumbline-config-rule.zip: index.mjs with the rules embedded)."
  type        = string
}

variable "config_rules" {
  description = <<-EOT
    The Config rules to create, as `plumbline config-rules --format json` prints them (its `config_rules`
    list can be written straight to a .tfvars.json file). Per rule: name, trigger ("change": on configuration
    changes of resource_types; "periodic": every maximum_execution_frequency, for rules that count or
    reference other resources and account-level rules), and input_parameters (the Lambda's ruleParameters:
    which plumbline rules or pack to run, and their parameters).
  EOT
  type = list(object({
    name                        = string
    trigger                     = string
    resource_types              = optional(list(string), [])
    input_parameters            = map(string)
    maximum_execution_frequency = optional(string, "TwentyFour_Hours")
    plumbline_rules             = optional(list(string), [])
    managed_rules               = optional(list(string), [])
  }))

  validation {
    condition     = alltrue([for r in var.config_rules : contains(["change", "periodic"], r.trigger)])
    error_message = "Each config_rules[*].trigger must be \"change\" or \"periodic\"."
  }
  validation {
    condition     = alltrue([for r in var.config_rules : r.trigger == "periodic" || length(r.resource_types) > 0])
    error_message = "A change-triggered rule needs resource_types (the Config rule's scope)."
  }
}

variable "organization" {
  description = "Create organization Config rules (aws_config_organization_custom_rule, from the management or delegated administrator account) instead of account rules."
  type        = bool
  default     = false
}

variable "organization_member_account_ids" {
  description = "Organization mode: the member accounts whose AWS Config may invoke the function (one Lambda permission each, restricted by source account)."
  type        = list(string)
  default     = []
}

variable "member_role_name" {
  description = "Organization mode: a role in each member account that the function assumes to call config:PutEvaluations and the Config read APIs there (PLUMBLINE_ASSUME_ROLE_NAME). Empty: the function's own role is used (account rules)."
  type        = string
  default     = ""
}

variable "excluded_accounts" {
  description = "Organization mode: member accounts the organization rules leave out."
  type        = list(string)
  default     = []
}

variable "timeout" {
  description = "Lambda timeout in seconds. Periodic runs enumerate the whole inventory of the rules' types."
  type        = number
  default     = 300
}

variable "memory_size" {
  description = "Lambda memory in MB."
  type        = number
  default     = 512
}

variable "log_retention_days" {
  description = "Retention of the function's log group."
  type        = number
  default     = 365
}

variable "log_kms_key_arn" {
  description = "KMS key for the function's log group (none: CloudWatch Logs' own encryption)."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for every resource this module creates."
  type        = map(string)
  default     = {}
}
