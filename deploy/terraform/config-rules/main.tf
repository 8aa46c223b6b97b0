# The plumbline AWS Config custom-rule Lambda and its Config rules. See README.md.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  function_name = "${var.name_prefix}config-rule"
  rules         = { for r in var.config_rules : r.name => r }
  # A change-triggered rule listens for both notifications: Config sends the oversized one when the item
  # does not fit in the event (the function then fetches it with GetResourceConfigHistory).
  change_messages = ["ConfigurationItemChangeNotification", "OversizedConfigurationItemChangeNotification"]
  assume_members  = var.organization && var.member_role_name != ""
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${local.function_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.log_kms_key_arn
  tags              = var.tags
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = local.function_name
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = var.tags
}

# Least privilege: report evaluations, read recorded configuration items, list what was evaluated before
# (stale cleanup), write its own logs. Resources are judged from AWS Config's items; the only other reads
# are the account facts Config does not record (AccountFacts below).
data "aws_iam_policy_document" "permissions" {
  statement {
    sid = "ConfigRuleRuntime"
    actions = [
      "config:PutEvaluations",
      "config:GetResourceConfigHistory",
      "config:ListDiscoveredResources",
      "config:BatchGetResourceConfig",
      "config:GetComplianceDetailsByConfigRule",
    ]
    resources = ["*"]
  }
  # Periodic runs of account-level rules read, live, what AWS Config has no configuration items for: the
  # IAM account summary (root MFA / access keys) and password policy, the S3 account public access block,
  # the recorder's status and the delivery channels (src/configrule/live-facts.ts). Read-only; these
  # actions take no resource ARN.
  statement {
    sid = "AccountFacts"
    actions = [
      "config:DescribeConfigurationRecorderStatus",
      "config:DescribeConfigurationRecorders",
      "config:DescribeDeliveryChannels",
      "iam:GetAccountPasswordPolicy",
      "iam:GetAccountSummary",
      "s3:GetAccountPublicAccessBlock",
    ]
    resources = ["*"]
  }
  statement {
    sid       = "OwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }
  dynamic "statement" {
    for_each = local.assume_members ? [1] : []
    content {
      sid       = "MemberAccounts"
      actions   = ["sts:AssumeRole"]
      resources = ["arn:${data.aws_partition.current.partition}:iam::*:role/${var.member_role_name}"]
    }
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "config-rule-runtime"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.permissions.json
}

resource "aws_lambda_function" "this" {
  function_name    = local.function_name
  description      = "plumbline rules evaluated by AWS Config"
  role             = aws_iam_role.this.arn
  runtime          = "nodejs22.x"
  handler          = "index.handler"
  filename         = var.lambda_zip_path
  source_code_hash = filebase64sha256(var.lambda_zip_path)
  architectures    = ["arm64"]
  timeout          = var.timeout
  memory_size      = var.memory_size
  tags             = var.tags

  environment {
    variables = local.assume_members ? { PLUMBLINE_ASSUME_ROLE_NAME = var.member_role_name } : {}
  }

  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy.this]
}

# Only AWS Config of this account (or of the listed member accounts) may invoke the function.
resource "aws_lambda_permission" "config" {
  count          = var.organization ? 0 : 1
  statement_id   = "AllowConfig"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.this.function_name
  principal      = "config.amazonaws.com"
  source_account = data.aws_caller_identity.current.account_id
}

resource "aws_lambda_permission" "member" {
  for_each       = var.organization ? toset(var.organization_member_account_ids) : toset([])
  statement_id   = "AllowConfig${each.value}"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.this.function_name
  principal      = "config.amazonaws.com"
  source_account = each.value
}

resource "aws_config_config_rule" "this" {
  for_each         = var.organization ? {} : local.rules
  name             = "${var.name_prefix}${each.key}"
  description      = "plumbline: ${join(", ", each.value.plumbline_rules)}"
  input_parameters = jsonencode(each.value.input_parameters)

  source {
    owner             = "CUSTOM_LAMBDA"
    source_identifier = aws_lambda_function.this.arn

    dynamic "source_detail" {
      for_each = each.value.trigger == "change" ? local.change_messages : ["ScheduledNotification"]
      content {
        event_source                = "aws.config"
        message_type                = source_detail.value
        maximum_execution_frequency = source_detail.value == "ScheduledNotification" ? each.value.maximum_execution_frequency : null
      }
    }
  }

  dynamic "scope" {
    for_each = each.value.trigger == "change" ? [1] : []
    content {
      compliance_resource_types = each.value.resource_types
    }
  }

  tags       = var.tags
  depends_on = [aws_lambda_permission.config]
}

resource "aws_config_organization_custom_rule" "this" {
  for_each            = var.organization ? local.rules : {}
  name                = "${var.name_prefix}${each.key}"
  description         = "plumbline: ${join(", ", each.value.plumbline_rules)}"
  lambda_function_arn = aws_lambda_function.this.arn
  input_parameters    = jsonencode(each.value.input_parameters)
  trigger_types       = each.value.trigger == "change" ? local.change_messages : ["ScheduledNotification"]

  resource_types_scope        = each.value.trigger == "change" ? each.value.resource_types : null
  maximum_execution_frequency = each.value.trigger == "periodic" ? each.value.maximum_execution_frequency : null
  excluded_accounts           = var.excluded_accounts

  depends_on = [aws_lambda_permission.member]
}
