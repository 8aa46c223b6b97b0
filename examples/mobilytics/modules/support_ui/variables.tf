variable "name_prefix" {
  type = string
}

variable "account_id" {
  type = string
}

variable "hostname" {
  description = "Public hostname of the support UI, e.g. support.dev.mobilytics.example."
  type        = string
}

variable "s3_kms_key_arn" {
  type = string
}

variable "versioning" {
  type = bool
}

variable "access_logging" {
  description = "CloudFront standard logging into the log bucket."
  type        = bool
}

variable "waf_rate_limit" {
  type = number
}

variable "waf_allowed_cidrs" {
  type = list(string)
}

variable "waf_blocked_cidrs" {
  type = list(string)
}

variable "waf_managed_rule_groups" {
  type    = list(string)
  default = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"]
}

variable "tags" {
  type    = map(string)
  default = {}
}
