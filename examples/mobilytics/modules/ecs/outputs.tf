output "cluster_arn" {
  value = aws_ecs_cluster.this.arn
}

output "security_group_id" {
  value = aws_security_group.service.id
}

output "role_arns" {
  description = "Execution role and the task roles, which the deploy role may pass."
  value       = concat([aws_iam_role.execution.arn], [for role in aws_iam_role.task : role.arn])
}

output "log_group_names" {
  value = { for name, lg in aws_cloudwatch_log_group.service : name => lg.name }
}
