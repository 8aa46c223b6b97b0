# plumbline's nightly audit inside AWS: an EventBridge Scheduler schedule starts a Fargate task that runs
# the plumbline image. The task reads the previous night's report from the reports bucket (the baseline),
# audits live AWS and the Terraform state read-only, and writes the new reports back. See docs/nightly.md.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account         = data.aws_caller_identity.current.account_id
  partition       = data.aws_partition.current.partition
  readonly_policy = var.readonly_policy_file != "" ? file(var.readonly_policy_file) : file("${path.module}/../../../deploy/iam/plumbline-readonly-policy.json")
  report_prefix   = "nightly/${var.workspace}"
}

# ---- Reports bucket ----------------------------------------------------------------------------------

# One customer-managed key for the reports and the task's logs; CloudWatch Logs may use it for this log group only.
data "aws_iam_policy_document" "reports_key" {
  statement {
    sid       = "AccountAdministersKey"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account}:root"]
    }
  }
  statement {
    sid       = "LogsEncryptTaskLogs"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${var.region}.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${local.partition}:logs:${var.region}:${local.account}:log-group:/ecs/${var.name}"]
    }
  }
}

resource "aws_kms_key" "reports" {
  description         = "${var.name} reports and logs"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.reports_key.json
  tags                = var.tags
}

resource "aws_s3_bucket" "reports" {
  bucket_prefix = "${var.name}-reports-"
  tags          = var.tags
}

resource "aws_s3_bucket_versioning" "reports" {
  bucket = aws_s3_bucket.reports.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "reports" {
  bucket = aws_s3_bucket.reports.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.reports.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "reports" {
  bucket                  = aws_s3_bucket.reports.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_logging" "reports" {
  count         = var.access_log_bucket != "" ? 1 : 0
  bucket        = aws_s3_bucket.reports.id
  target_bucket = var.access_log_bucket
  target_prefix = "s3/${var.name}-reports/"
}

resource "aws_s3_bucket_lifecycle_configuration" "reports" {
  bucket = aws_s3_bucket.reports.id
  rule {
    id     = "expire-old-reports"
    status = "Enabled"
    filter {
      prefix = "nightly/"
    }
    expiration {
      days = var.report_retention_days
    }
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }
}

data "aws_iam_policy_document" "reports_tls_only" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.reports.arn,
      "${aws_s3_bucket.reports.arn}/*",
    ]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "reports" {
  bucket = aws_s3_bucket.reports.id
  policy = data.aws_iam_policy_document.reports_tls_only.json
}

# ---- Logs --------------------------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "nightly" {
  name              = "/ecs/${var.name}"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.reports.arn
  tags              = var.tags
}

# ---- IAM: execution role (pull the image, write logs) and task role (read-only audit) --------------

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

resource "aws_iam_role" "execution" {
  name                 = "${var.name}-execution"
  permissions_boundary = var.permissions_boundary_arn
  assume_role_policy   = data.aws_iam_policy_document.ecs_tasks_assume.json
  tags                 = var.tags
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role" "task" {
  name                 = "${var.name}-task"
  permissions_boundary = var.permissions_boundary_arn
  assume_role_policy   = data.aws_iam_policy_document.ecs_tasks_assume.json
  tags                 = var.tags
}

# The read-only audit permissions plumbline's live collection needs (deploy/iam).
resource "aws_iam_role_policy" "task_readonly_audit" {
  name   = "plumbline-readonly-audit"
  role   = aws_iam_role.task.id
  policy = local.readonly_policy
}

data "aws_iam_policy_document" "task_reports" {
  statement {
    sid       = "ReadTerraformState"
    actions   = ["s3:GetObject"]
    resources = ["arn:${local.partition}:s3:::${var.state_bucket}/${var.state_key}"]
  }
  statement {
    sid       = "ReadWriteReports"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.reports.arn}/${local.report_prefix}/*"]
  }
  statement {
    sid       = "ListReports"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.reports.arn]
  }
  statement {
    sid       = "ReportsKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.reports.arn]
  }
  dynamic "statement" {
    for_each = var.send_to_security_hub ? [1] : []
    content {
      sid       = "SendFindings"
      actions   = ["securityhub:BatchImportFindings"]
      resources = ["arn:${local.partition}:securityhub:${var.region}:${local.account}:product/${local.account}/default"]
    }
  }
}

resource "aws_iam_role_policy" "task_reports" {
  name   = "plumbline-reports"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task_reports.json
}

# ---- The task --------------------------------------------------------------------------------------

resource "aws_ecs_cluster" "nightly" {
  name = var.name
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
  tags = var.tags
}

resource "aws_ecs_task_definition" "nightly" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "1024"
  memory                   = "4096"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }
  container_definitions = jsonencode([
    {
      name                   = "plumbline"
      image                  = var.image
      essential              = true
      readonlyRootFilesystem = true
      privileged             = false
      user                   = "1000:1000"
      # The nightly runner: baseline from S3, `plumbline audit ... --baseline`, reports back to S3.
      command = ["node", "/app/examples/nightly/run-nightly.mjs"]
      environment = [
        { name = "REPORT_BUCKET", value = aws_s3_bucket.reports.bucket },
        { name = "REPORT_PREFIX", value = local.report_prefix },
        { name = "FAIL_ON_NEW", value = "critical" },
        { name = "AWS_REGION", value = var.region },
        {
          name = "PLUMBLINE_ARGS"
          value = jsonencode(concat(
            ["audit", "--aws", "--regions", join(",", var.audit_regions),
              "--state", "s3://${var.state_bucket}/${var.state_key}", "--workspace", var.workspace,
            "--policy", var.policy, "--quiet"],
            var.send_to_security_hub ? ["--to-security-hub"] : []
          ))
        },
      ]
      mountPoints = [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.nightly.name
          awslogs-region        = var.region
          awslogs-stream-prefix = "nightly"
        }
      }
    }
  ])
  volume {
    name = "tmp"
  }
  tags = var.tags
}

# ---- The schedule ----------------------------------------------------------------------------------

data "aws_iam_policy_document" "scheduler_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name                 = "${var.name}-scheduler"
  permissions_boundary = var.permissions_boundary_arn
  assume_role_policy   = data.aws_iam_policy_document.scheduler_assume.json
  tags                 = var.tags
}

data "aws_iam_policy_document" "scheduler_run_task" {
  statement {
    actions   = ["ecs:RunTask"]
    resources = [aws_ecs_task_definition.nightly.arn_without_revision, "${aws_ecs_task_definition.nightly.arn_without_revision}:*"]
    condition {
      test     = "ArnEquals"
      variable = "ecs:cluster"
      values   = [aws_ecs_cluster.nightly.arn]
    }
  }
  statement {
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.execution.arn, aws_iam_role.task.arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "run-nightly-task"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler_run_task.json
}

resource "aws_scheduler_schedule" "nightly" {
  name                         = var.name
  schedule_expression          = var.schedule_expression
  schedule_expression_timezone = var.schedule_timezone
  flexible_time_window {
    mode = "OFF"
  }
  target {
    arn      = aws_ecs_cluster.nightly.arn
    role_arn = aws_iam_role.scheduler.arn
    ecs_parameters {
      task_definition_arn = aws_ecs_task_definition.nightly.arn
      launch_type         = "FARGATE"
      task_count          = 1
      network_configuration {
        subnets          = var.subnet_ids
        security_groups  = var.security_group_ids
        assign_public_ip = false
      }
    }
    retry_policy {
      maximum_retry_attempts = 1
    }
  }
}
