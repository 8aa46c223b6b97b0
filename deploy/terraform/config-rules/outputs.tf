output "function_arn" {
  description = "The Config rule Lambda."
  value       = aws_lambda_function.this.arn
}

output "role_arn" {
  description = "The Lambda's execution role."
  value       = aws_iam_role.this.arn
}

output "config_rule_names" {
  description = "The Config rules created (account or organization rules)."
  value       = var.organization ? [for r in aws_config_organization_custom_rule.this : r.name] : [for r in aws_config_config_rule.this : r.name]
}
