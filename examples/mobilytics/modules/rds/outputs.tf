output "endpoint" {
  value = aws_db_instance.this.address
}

output "master_user_secret_arn" {
  description = "The RDS-managed secret holding the master credentials."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "security_group_id" {
  value = aws_security_group.this.id
}
