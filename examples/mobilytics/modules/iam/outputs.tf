output "deploy_role_arn" {
  value = aws_iam_role.deploy.arn
}

output "break_glass_role_arn" {
  value = aws_iam_role.break_glass.arn
}

output "support_role_arn" {
  value = aws_iam_role.support_read_only.arn
}

output "permissions_boundary_arn" {
  value = aws_iam_policy.boundary.arn
}
