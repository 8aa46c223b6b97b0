/**
 * Generators for large synthetic Terraform evidence: an HCL tree of N files and a state v4 file of about
 * N megabytes, with the resource types and split styles the rules care about, so the benchmarks measure
 * realistic work (merging, policy documents, nested blocks), not just parsing.
 */
import { mkdirSync, writeFileSync, createWriteStream } from "node:fs";
import { join } from "node:path";

const KINDS = ["bucket", "db", "role", "sg", "key", "table", "logs"];

function hclFor(kind, i) {
  switch (kind) {
    case "bucket":
      return `resource "aws_s3_bucket" "b${i}" {
  bucket = "bench-bucket-\${var.env}-${i}"
  tags   = merge(local.common_tags, { Name = "bucket-${i}" })
}

resource "aws_s3_bucket_server_side_encryption_configuration" "b${i}" {
  bucket = aws_s3_bucket.b${i}.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "b${i}" {
  bucket = aws_s3_bucket.b${i}.id
  versioning_configuration {
    status = ${i % 3 === 0 ? '"Suspended"' : '"Enabled"'}
  }
}

resource "aws_s3_bucket_public_access_block" "b${i}" {
  bucket                  = aws_s3_bucket.b${i}.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`;
    case "db":
      return `resource "aws_db_instance" "db${i}" {
  identifier              = "bench-db-${i}"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  username                = "app"
  password                = var.db_password
  storage_encrypted       = ${i % 4 !== 0}
  kms_key_id              = var.kms_key_arn
  backup_retention_period = ${i % 5 === 0 ? 1 : 14}
  deletion_protection     = var.env == "prod"
  multi_az                = var.env == "prod"
  skip_final_snapshot     = true
  tags                    = local.common_tags
}
`;
    case "role":
      return `data "aws_iam_policy_document" "assume${i}" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "r${i}" {
  name                 = "bench-role-${i}"
  assume_role_policy   = data.aws_iam_policy_document.assume${i}.json
  permissions_boundary = ${i % 2 === 0 ? "var.boundary_arn" : "null"}
  tags                 = local.common_tags
}

resource "aws_iam_role_policy" "r${i}" {
  name = "inline"
  role = aws_iam_role.r${i}.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ${i % 7 === 0 ? '["*"]' : '["s3:GetObject", "s3:PutObject"]'}
      Resource = ${i % 7 === 0 ? '"*"' : `"arn:aws:s3:::bench-bucket-${i}/*"`}
    }]
  })
}
`;
    case "sg":
      return `resource "aws_security_group" "sg${i}" {
  name   = "bench-sg-${i}"
  vpc_id = var.vpc_id

  dynamic "ingress" {
    for_each = local.ingress_ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = [${i % 6 === 0 ? '"0.0.0.0/0"' : '"10.0.0.0/8"'}]
    }
  }
  tags = local.common_tags
}
`;
    case "key":
      return `resource "aws_kms_key" "k${i}" {
  description         = "bench key ${i}"
  enable_key_rotation = ${i % 3 !== 0}
  tags                = local.common_tags
}
`;
    case "table":
      return `resource "aws_dynamodb_table" "t${i}" {
  name         = "bench-table-${i}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  attribute {
    name = "pk"
    type = "S"
  }
  point_in_time_recovery {
    enabled = ${i % 2 === 0}
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }
  tags = local.common_tags
}
`;
    default:
      return `resource "aws_cloudwatch_log_group" "lg${i}" {
  name              = "/bench/service-${i}"
  retention_in_days = ${i % 4 === 0 ? 1 : 90}
  kms_key_id        = var.kms_key_arn
  tags              = local.common_tags
}
`;
  }
}

const COMMON = `variable "env" {
  type    = string
  default = "dev"
}
variable "kms_key_arn" {
  type    = string
  default = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
}
variable "boundary_arn" {
  type    = string
  default = "arn:aws:iam::123456789012:policy/boundary"
}
variable "vpc_id" {
  type    = string
  default = "vpc-0123456789abcdef0"
}
variable "db_password" {
  type      = string
  sensitive = true
  default   = "bench-not-a-real-password"
}
locals {
  common_tags   = { Environment = var.env, Project = "bench", Owner = "platform" }
  ingress_ports = [443, 5432]
}
`;

/** Writes `files` .tf files (plus variables.tf) into dir; returns the list of file paths written. */
export function generateHclTree(dir, files) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "variables.tf"), COMMON);
  const written = [join(dir, "variables.tf")];
  for (let f = 1; f < files; f++) {
    const parts = [];
    for (let j = 0; j < 3; j++) {
      const i = f * 3 + j;
      parts.push(hclFor(KINDS[i % KINDS.length], i));
    }
    const file = join(dir, `r${String(f).padStart(4, "0")}.tf`);
    writeFileSync(file, parts.join("\n"));
    written.push(file);
  }
  return written;
}

function stateInstance(kind, i) {
  const arnBase = `arn:aws:${kind}:us-east-1:123456789012`;
  switch (kind) {
    case "bucket":
      return {
        mode: "managed", type: "aws_s3_bucket", name: `b${i}`, provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [{ schema_version: 0, attributes: {
          id: `bench-bucket-${i}`, bucket: `bench-bucket-${i}`, arn: `arn:aws:s3:::bench-bucket-${i}`, acl: null, force_destroy: false,
          versioning: [{ enabled: i % 3 !== 0, mfa_delete: false }],
          server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: "aws:kms", kms_master_key_id: `${arnBase}:key/k${i}` }], bucket_key_enabled: true }] }],
          logging: [], policy: "", tags: { Environment: "dev", Owner: "platform", Name: `bucket-${i}` }, tags_all: { Environment: "dev", Owner: "platform", Name: `bucket-${i}` },
          lifecycle_rule: [], replication_configuration: [], website: [], cors_rule: [], grant: [], object_lock_configuration: [],
          hosted_zone_id: "Z3AQBSTGFYJSTF", region: "us-east-1", bucket_domain_name: `bench-bucket-${i}.s3.amazonaws.com`,
        }, sensitive_attributes: [], private: "eyJzY2hlbWFfdmVyc2lvbiI6IjAifQ==" }],
      };
    case "db":
      return {
        mode: "managed", type: "aws_db_instance", name: `db${i}`, provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [{ schema_version: 2, attributes: {
          id: `db-${i}`, identifier: `bench-db-${i}`, arn: `arn:aws:rds:us-east-1:123456789012:db:bench-db-${i}`, engine: "postgres", engine_version: "16.3",
          instance_class: "db.t3.micro", allocated_storage: 20, username: "app", password: `bench-secret-${i}`, storage_encrypted: i % 4 !== 0,
          kms_key_id: `arn:aws:kms:us-east-1:123456789012:key/k${i}`, backup_retention_period: i % 5 === 0 ? 1 : 14, deletion_protection: false,
          multi_az: false, publicly_accessible: false, skip_final_snapshot: true, tags: { Environment: "dev" }, tags_all: { Environment: "dev" },
          enabled_cloudwatch_logs_exports: ["postgresql"], vpc_security_group_ids: ["sg-1"], parameter_group_name: "default.postgres16",
        }, sensitive_attributes: [[{ type: "get_attr", value: "password" }]] }],
      };
    case "role":
      return {
        mode: "managed", type: "aws_iam_role", name: `r${i}`, provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [{ schema_version: 0, attributes: {
          id: `bench-role-${i}`, name: `bench-role-${i}`, arn: `arn:aws:iam::123456789012:role/bench-role-${i}`, unique_id: `AROA${i}`,
          assume_role_policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
          permissions_boundary: i % 2 === 0 ? "arn:aws:iam::123456789012:policy/boundary" : null, managed_policy_arns: [], inline_policy: [],
          max_session_duration: 3600, path: "/", tags: { Environment: "dev" }, tags_all: { Environment: "dev" },
        }, sensitive_attributes: [] }],
      };
    case "sg":
      return {
        mode: "managed", type: "aws_security_group", name: `sg${i}`, provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [{ schema_version: 1, attributes: {
          id: `sg-${i}`, name: `bench-sg-${i}`, arn: `arn:aws:ec2:us-east-1:123456789012:security-group/sg-${i}`, vpc_id: "vpc-1",
          ingress: [443, 22].map((p) => ({ from_port: p, to_port: p, protocol: "tcp", cidr_blocks: [i % 6 === 0 ? "0.0.0.0/0" : "10.0.0.0/8"], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, description: "" })),
          egress: [{ from_port: 0, to_port: 0, protocol: "-1", cidr_blocks: ["0.0.0.0/0"], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, description: "" }],
          tags: { Environment: "dev" }, tags_all: { Environment: "dev" },
        }, sensitive_attributes: [] }],
      };
    case "key":
      return {
        mode: "managed", type: "aws_kms_key", name: `k${i}`, provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [{ schema_version: 0, attributes: {
          id: `k${i}`, key_id: `k${i}`, arn: `arn:aws:kms:us-east-1:123456789012:key/k${i}`, enable_key_rotation: i % 3 !== 0, is_enabled: true,
          key_usage: "ENCRYPT_DECRYPT", customer_master_key_spec: "SYMMETRIC_DEFAULT", deletion_window_in_days: 30, multi_region: false,
          policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" }] }),
          tags: { Environment: "dev" }, tags_all: { Environment: "dev" },
        }, sensitive_attributes: [] }],
      };
    case "table":
      return {
        mode: "managed", type: "aws_dynamodb_table", name: `t${i}`, provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [{ schema_version: 1, attributes: {
          id: `bench-table-${i}`, name: `bench-table-${i}`, arn: `arn:aws:dynamodb:us-east-1:123456789012:table/bench-table-${i}`, billing_mode: "PAY_PER_REQUEST",
          hash_key: "pk", attribute: [{ name: "pk", type: "S" }], point_in_time_recovery: [{ enabled: i % 2 === 0 }],
          server_side_encryption: [{ enabled: true, kms_key_arn: `arn:aws:kms:us-east-1:123456789012:key/k${i}` }], deletion_protection_enabled: false,
          tags: { Environment: "dev" }, tags_all: { Environment: "dev" },
        }, sensitive_attributes: [] }],
      };
    default:
      return {
        mode: "managed", type: "aws_cloudwatch_log_group", name: `lg${i}`, provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [{ schema_version: 0, attributes: {
          id: `/bench/service-${i}`, name: `/bench/service-${i}`, arn: `arn:aws:logs:us-east-1:123456789012:log-group:/bench/service-${i}`,
          retention_in_days: i % 4 === 0 ? 1 : 90, kms_key_id: "", log_group_class: "STANDARD", skip_destroy: false,
          tags: { Environment: "dev" }, tags_all: { Environment: "dev" },
        }, sensitive_attributes: [] }],
      };
  }
}

/**
 * Streams a state v4 file of roughly `megabytes` MB to `file`, indented as Terraform writes it (two
 * spaces), so that a megabyte holds as many objects as a real state's; returns the number of resources.
 */
export async function generateStateFile(file, megabytes) {
  const target = megabytes * 1024 * 1024;
  const out = createWriteStream(file);
  const write = (s) => new Promise((resolve) => (out.write(s) ? resolve() : out.once("drain", resolve)));
  let size = 0;
  const head = `{\n  "version": 4,\n  "terraform_version": "1.11.4",\n  "serial": 1,\n  "lineage": "00000000-0000-0000-0000-000000000000",\n  "outputs": {},\n  "resources": [\n`;
  await write(head);
  size += head.length;
  let i = 0;
  while (size < target) {
    const mod = i % 10 === 0 ? {} : { module: `module.m${i % 50}` };
    const body = JSON.stringify({ ...mod, ...stateInstance(KINDS[i % KINDS.length], i) }, null, 2).replace(/\n/g, "\n    ");
    const text = `${i ? ",\n" : ""}    ${body}`;
    await write(text);
    size += text.length;
    i++;
  }
  await write(`\n  ],\n  "check_results": null\n}\n`);
  await new Promise((resolve) => out.end(resolve));
  return i;
}
