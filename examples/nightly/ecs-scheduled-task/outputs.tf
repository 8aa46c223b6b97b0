output "reports_bucket" {
  value       = aws_s3_bucket.reports.bucket
  description = "Nightly reports: <prefix>/YYYY-MM-DD/report.{json,html,md,sarif} and <prefix>/latest/."
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.nightly.arn
}

output "schedule_arn" {
  value = aws_scheduler_schedule.nightly.arn
}

output "task_role_arn" {
  value       = aws_iam_role.task.arn
  description = "The read-only audit role the task runs as."
}
