locals {
  account_root = "arn:aws:iam::${var.account_id}:root"
}

# --- permissions boundary: the most any platform role (CI, support, workloads, service
# roles) may ever do. Roles keep their own narrower policies; the boundary caps them, and
# a role created by CI cannot escape it or dismantle the audit baseline.

locals {
  boundary_read_actions = [
    "cloudfront:Get*", "cloudfront:List*",
    "cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:List*", "cloudtrail:LookupEvents",
    "cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*",
    "config:Describe*", "config:Get*", "config:List*",
    "dynamodb:Describe*", "dynamodb:List*",
    "ec2:Describe*",
    "ecr:Describe*", "ecr:List*",
    "ecs:Describe*", "ecs:List*",
    "elasticache:Describe*", "elasticache:List*",
    "guardduty:Get*", "guardduty:List*",
    "iam:Get*", "iam:List*",
    "kms:Describe*", "kms:List*",
    "logs:Describe*", "logs:FilterLogEvents", "logs:Get*", "logs:StartQuery",
    "rds:Describe*", "rds:List*",
    "s3:GetBucket*", "s3:GetEncryptionConfiguration", "s3:GetLifecycleConfiguration", "s3:List*",
    "secretsmanager:DescribeSecret", "secretsmanager:ListSecrets",
    "ssm:DescribeParameters",
    "tag:GetResources",
    "wafv2:Get*", "wafv2:List*",
  ]

  boundary_write_actions = [
    # workloads: logs, metrics, secrets at task start, image pulls
    "logs:CreateLogStream", "logs:PutLogEvents",
    "cloudwatch:PutMetricData",
    "secretsmanager:GetSecretValue", "ssm:GetParameters", "kms:Decrypt", "kms:GenerateDataKey",
    "ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage",
    # CI: service roll-outs and support UI publishing
    "ecs:RegisterTaskDefinition", "ecs:UpdateService", "iam:PassRole",
    "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "cloudfront:CreateInvalidation",
  ]
}

data "aws_iam_policy_document" "boundary" {
  statement {
    sid       = "ReadPlatform"
    actions   = local.boundary_read_actions
    resources = ["*"]
  }

  statement {
    sid       = "OperatePlatform"
    actions   = local.boundary_write_actions
    resources = ["*"]
  }

  statement {
    sid    = "ProtectAuditBaseline"
    effect = "Deny"
    actions = [
      "cloudtrail:DeleteTrail",
      "cloudtrail:StopLogging",
      "cloudtrail:UpdateTrail",
      "config:DeleteConfigurationRecorder",
      "config:DeleteDeliveryChannel",
      "config:StopConfigurationRecorder",
      "guardduty:DeleteDetector",
      "guardduty:UpdateDetector",
      "kms:DisableKey",
      "kms:ScheduleKeyDeletion",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "NoBoundaryEscape"
    effect    = "Deny"
    actions   = ["iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary", "iam:CreateUser", "iam:CreateAccessKey"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "boundary" {
  name        = "${var.name_prefix}-permissions-boundary"
  description = "Permissions boundary for every ${var.name_prefix} role except break-glass"
  policy      = data.aws_iam_policy_document.boundary.json
  tags        = var.tags
}

# --- deploy role: what CI needs to roll out services and the support UI, nothing more

data "aws_iam_policy_document" "deploy_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = var.deploy_principal_arns
    }
  }
}

resource "aws_iam_role" "deploy" {
  name                 = "${var.name_prefix}-deploy"
  description          = "CI deployments: ECS service updates and support UI uploads"
  assume_role_policy   = data.aws_iam_policy_document.deploy_trust.json
  max_session_duration = 3600
  permissions_boundary = var.enforce_permissions_boundary ? aws_iam_policy.boundary.arn : null

  tags = var.tags
}

data "aws_iam_policy_document" "deploy" {
  statement {
    sid       = "RollOutServices"
    actions   = ["ecs:UpdateService", "ecs:DescribeServices"]
    resources = ["arn:aws:ecs:*:${var.account_id}:service/${split("/", var.ecs_cluster_arn)[1]}/*"]
  }

  statement {
    sid       = "TaskDefinitions"
    actions   = ["ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition"]
    resources = ["*"]
  }

  statement {
    sid       = "PassServiceRoles"
    actions   = ["iam:PassRole"]
    resources = var.ecs_task_role_arns

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }

  statement {
    sid       = "PublishSupportUi"
    actions   = ["s3:ListBucket", "s3:PutObject", "s3:DeleteObject"]
    resources = [var.support_ui_bucket_arn, "${var.support_ui_bucket_arn}/*"]
  }

  statement {
    sid       = "InvalidateCdn"
    actions   = ["cloudfront:CreateInvalidation"]
    resources = ["arn:aws:cloudfront::${var.account_id}:distribution/*"]
  }
}

resource "aws_iam_role_policy" "deploy" {
  name   = "deploy"
  role   = aws_iam_role.deploy.id
  policy = data.aws_iam_policy_document.deploy.json
}

# --- break-glass operations role: administrator, MFA required, short sessions.
# No boundary on purpose: it is the way out when the boundary itself is wrong.

data "aws_iam_policy_document" "break_glass_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root]
    }

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }

    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = ["900"]
    }
  }
}

resource "aws_iam_role" "break_glass" {
  name                 = "${var.name_prefix}-break-glass"
  description          = "Emergency operations; every use is reviewed"
  assume_role_policy   = data.aws_iam_policy_document.break_glass_trust.json
  max_session_duration = var.break_glass_session_seconds

  tags = merge(var.tags, { Purpose = "break-glass" })
}

resource "aws_iam_role_policy_attachment" "break_glass_admin" {
  role       = aws_iam_role.break_glass.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# --- support: read-only dashboards and consoles

data "aws_iam_policy_document" "support_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root]
    }
  }
}

resource "aws_iam_role" "support_read_only" {
  name                 = "${var.name_prefix}-support-read-only"
  description          = "Support team: read-only access to dashboards and resources"
  assume_role_policy   = data.aws_iam_policy_document.support_trust.json
  max_session_duration = 14400
  permissions_boundary = aws_iam_policy.boundary.arn

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "support_read_only" {
  role       = aws_iam_role.support_read_only.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
