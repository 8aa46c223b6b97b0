data "aws_region" "current" {}

locals {
  # Per-service tags: the Owner default tag is overridden when a service has its own owner.
  service_tags = {
    for name, svc in var.services : name => merge(
      var.tags,
      { Service = name },
      svc.owner == null ? {} : { Owner = svc.owner },
    )
  }

  parameter_env = {
    for name, arn in var.container_parameters : upper(replace(name, "-", "_")) => arn
  }
}

resource "aws_ecs_cluster" "this" {
  name = var.name_prefix

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  tags = var.tags
}

resource "aws_security_group" "service" {
  name        = "${var.name_prefix}-ecs-services"
  description = "ECS tasks of ${var.name_prefix}"
  vpc_id      = var.vpc_id

  ingress {
    description = "API from inside the VPC (internal load balancer)"
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }

  egress {
    description = "HTTPS to AWS APIs, Stripe and USPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description = "Postgres and Redis inside the VPC"
    from_port   = 5432
    to_port     = 6379
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }

  tags = merge(var.tags, { Name = "${var.name_prefix}-ecs-services" })
}

# --- roles -----------------------------------------------------------------------

data "aws_iam_policy_document" "tasks_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "execution" {
  name                 = "${var.name_prefix}-ecs-execution"
  assume_role_policy   = data.aws_iam_policy_document.tasks_trust.json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

resource "aws_iam_role_policy_attachment" "execution_managed" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "execution_secrets" {
  statement {
    sid       = "ReadOwnSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = values(var.container_secrets)
  }

  statement {
    sid       = "ReadOwnParameters"
    actions   = ["ssm:GetParameters"]
    resources = values(var.container_parameters)
  }

  statement {
    sid       = "DecryptWithProjectKeys"
    actions   = ["kms:Decrypt"]
    resources = var.secrets_kms_key_arns
  }
}

resource "aws_iam_role_policy" "execution_secrets" {
  name   = "read-secrets"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution_secrets.json
}

resource "aws_iam_role" "task" {
  for_each = var.services

  name                 = "${var.name_prefix}-${each.key}-task"
  assume_role_policy   = data.aws_iam_policy_document.tasks_trust.json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = local.service_tags[each.key]
}

data "aws_iam_policy_document" "task" {
  statement {
    sid       = "PublishMetrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = ["Mobilytics/${var.environment}"]
    }
  }
}

resource "aws_iam_role_policy" "task" {
  for_each = var.services

  name   = "app"
  role   = aws_iam_role.task[each.key].id
  policy = data.aws_iam_policy_document.task.json
}

# --- logs, task definitions, services ----------------------------------------------

resource "aws_cloudwatch_log_group" "service" {
  for_each = var.services

  name              = "/ecs/${var.name_prefix}/${each.key}"
  retention_in_days = each.value.log_retention_days
  kms_key_id        = each.value.log_kms_encrypted ? var.logs_kms_key_arn : null

  tags = local.service_tags[each.key]
}

resource "aws_ecs_task_definition" "service" {
  for_each = var.services

  family                   = "${var.name_prefix}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = each.value.cpu
  memory                   = each.value.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task[each.key].arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "ARM64"
  }

  container_definitions = jsonencode([
    {
      name                   = each.key
      image                  = "${var.image_repository}/mobilytics-${each.key}:${var.image_tag}"
      essential              = true
      command                = each.value.command
      readonlyRootFilesystem = true
      portMappings = each.value.port == null ? [] : [
        { containerPort = each.value.port, protocol = "tcp" }
      ]
      environment = [
        { name = "APP_ENV", value = var.environment },
        { name = "REDIS_HOST", value = var.redis_endpoint },
      ]
      secrets = concat(
        [for name, arn in var.container_secrets : { name = name, valueFrom = arn }],
        [for name, arn in local.parameter_env : { name = name, valueFrom = arn }],
      )
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.service[each.key].name
          awslogs-region        = data.aws_region.current.name
          awslogs-stream-prefix = each.key
        }
      }
    }
  ])

  tags = local.service_tags[each.key]
}

resource "aws_ecs_service" "service" {
  for_each = var.services

  name            = each.key
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.service[each.key].arn
  desired_count   = each.value.desired_count
  launch_type     = "FARGATE"
  propagate_tags  = "SERVICE"

  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.service.id]
    assign_public_ip = false
  }

  tags = local.service_tags[each.key]
}
