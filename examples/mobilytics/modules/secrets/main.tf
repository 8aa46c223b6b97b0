# Secrets are keyed by the non-sensitive rotation map: for_each may not iterate
# over a sensitive value.
resource "aws_secretsmanager_secret" "this" {
  for_each = var.secret_rotation

  name                    = "${var.name_prefix}/${each.key}"
  description             = "${each.key} for ${var.name_prefix}"
  kms_key_id              = var.secrets_kms_key_arn
  recovery_window_in_days = 7

  tags = merge(var.tags, { Name = each.key })
}

resource "aws_secretsmanager_secret_version" "initial" {
  for_each = var.secret_rotation

  secret_id     = aws_secretsmanager_secret.this[each.key].id
  secret_string = var.secret_values[each.key]

  # The rotation function owns the value after the first write.
  lifecycle {
    ignore_changes = [secret_string]
  }
}

resource "aws_secretsmanager_secret_rotation" "this" {
  for_each = { for name, rotate in var.secret_rotation : name => rotate if rotate }

  secret_id           = aws_secretsmanager_secret.this[each.key].id
  rotation_lambda_arn = var.rotation_lambda_arn

  rotation_rules {
    automatically_after_days = var.rotation_days
  }

  depends_on = [aws_secretsmanager_secret_version.initial]
}

resource "aws_ssm_parameter" "this" {
  for_each = var.parameter_types

  name   = "${var.parameter_path}/${each.key}"
  type   = each.value
  value  = var.parameter_values[each.key]
  key_id = each.value == "SecureString" ? var.ssm_kms_key_arn : null

  tags = var.tags
}
