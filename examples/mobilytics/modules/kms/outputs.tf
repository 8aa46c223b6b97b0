output "key_arns" {
  description = "CMK ARN per purpose: secrets, ssm, s3, rds, logs."
  value       = { for purpose, key in aws_kms_key.this : purpose => key.arn }
}

output "alias_names" {
  value = { for purpose, alias in aws_kms_alias.this : purpose => alias.name }
}
