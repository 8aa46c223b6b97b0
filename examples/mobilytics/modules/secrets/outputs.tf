output "secret_arns" {
  value = { for name, secret in aws_secretsmanager_secret.this : name => secret.arn }
}

output "parameter_arns" {
  value = { for name, param in aws_ssm_parameter.this : name => param.arn }
}
