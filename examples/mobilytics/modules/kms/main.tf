data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.name
  partition  = data.aws_partition.current.partition

  # One CMK per kind of data, so a key policy grants one service family only.
  keys = {
    secrets = { description = "Secrets Manager secrets", via_services = ["secretsmanager"] }
    ssm     = { description = "SSM SecureString parameters", via_services = ["ssm"] }
    s3      = { description = "S3 buckets (support UI, CloudTrail, state)", via_services = ["s3"] }
    rds     = { description = "RDS and ElastiCache storage", via_services = ["rds", "elasticache"] }
    logs    = { description = "CloudWatch Logs and CloudTrail", via_services = ["logs"] }
  }
}

data "aws_iam_policy_document" "key" {
  for_each = local.keys

  statement {
    sid       = "AccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "UseThroughOwningServiceOnly"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey", "kms:CreateGrant"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:CallerAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = [for svc in each.value.via_services : "${svc}.${local.region}.amazonaws.com"]
    }
  }

  # CloudWatch Logs and CloudTrail call KMS as service principals, not via a caller.
  dynamic "statement" {
    for_each = each.key == "logs" ? ["logs"] : []

    content {
      sid       = "CloudWatchLogs"
      actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["logs.${local.region}.amazonaws.com"]
      }

      condition {
        test     = "ArnLike"
        variable = "kms:EncryptionContext:aws:logs:arn"
        values   = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"]
      }
    }
  }

  dynamic "statement" {
    for_each = each.key == "logs" ? ["cloudtrail"] : []

    content {
      sid       = "CloudTrailEncrypt"
      actions   = ["kms:GenerateDataKey*", "kms:DescribeKey"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }

      condition {
        test     = "StringLike"
        variable = "kms:EncryptionContext:aws:cloudtrail:arn"
        values   = ["arn:${local.partition}:cloudtrail:*:${local.account_id}:trail/*"]
      }
    }
  }
  # S3 server access logs and CloudFront standard logs land in the SSE-KMS log bucket.
  dynamic "statement" {
    for_each = each.key == "s3" ? ["log-delivery"] : []

    content {
      sid       = "LogDeliveryToEncryptedBuckets"
      actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["logging.s3.amazonaws.com", "delivery.logs.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [local.account_id]
      }
    }
  }
}

resource "aws_kms_key" "this" {
  for_each = local.keys

  description             = "${var.name_prefix}: ${each.value.description}"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_days
  policy                  = data.aws_iam_policy_document.key[each.key].json

  tags = merge(var.tags, { Name = "${var.name_prefix}-${each.key}" })
}

resource "aws_kms_alias" "this" {
  for_each = local.keys

  name          = "alias/${var.name_prefix}-${each.key}"
  target_key_id = aws_kms_key.this[each.key].key_id
}
