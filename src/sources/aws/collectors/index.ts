/** Every live collector. The framework runs the global ones once per account, the others per region. */
import type { Collector } from "../contract.js";
import { ACCOUNT_COLLECTOR } from "./account.js";
import { CLOUDTRAIL_COLLECTOR } from "./cloudtrail.js";
import { CONFIG_COLLECTOR } from "./config.js";
import { GUARDDUTY_COLLECTOR } from "./guardduty.js";
import { IAM_COLLECTOR } from "./iam.js";
import { KMS_COLLECTOR } from "./kms.js";
import { LOGS_COLLECTOR } from "./logs.js";
import { S3_COLLECTOR } from "./s3.js";
import { SECRETSMANAGER_COLLECTOR } from "./secretsmanager.js";
import { SSM_COLLECTOR } from "./ssm.js";
// collectors-B
import { CLOUDFRONT_COLLECTOR } from "./cloudfront.js";
import { DYNAMODB_COLLECTOR } from "./dynamodb.js";
import { EC2_COLLECTOR } from "./ec2.js";
import { ECS_COLLECTOR } from "./ecs.js";
import { ELASTICACHE_COLLECTOR } from "./elasticache.js";
import { RDS_COLLECTOR } from "./rds.js";
import { WAFV2_CLOUDFRONT_COLLECTOR, WAFV2_COLLECTOR } from "./wafv2.js";
import { ECR_COLLECTOR } from "./ecr.js";
import { SNS_COLLECTOR } from "./sns.js";
import { SQS_COLLECTOR } from "./sqs.js";
import { BACKUP_COLLECTOR } from "./backup.js";
import { ELBV2_COLLECTOR } from "./elbv2.js";
import { SHIELD_COLLECTOR } from "./shield.js";

export const COLLECTORS: Collector[] = [
  IAM_COLLECTOR,
  ACCOUNT_COLLECTOR,
  S3_COLLECTOR,
  KMS_COLLECTOR,
  SECRETSMANAGER_COLLECTOR,
  SSM_COLLECTOR,
  LOGS_COLLECTOR,
  CLOUDTRAIL_COLLECTOR,
  GUARDDUTY_COLLECTOR,
  CONFIG_COLLECTOR,
  // collectors-B
  RDS_COLLECTOR,
  ELASTICACHE_COLLECTOR,
  DYNAMODB_COLLECTOR,
  EC2_COLLECTOR,
  ECS_COLLECTOR,
  CLOUDFRONT_COLLECTOR,
  WAFV2_COLLECTOR,
  WAFV2_CLOUDFRONT_COLLECTOR,
  SQS_COLLECTOR,
  SNS_COLLECTOR,
  ECR_COLLECTOR,
  ELBV2_COLLECTOR,
  BACKUP_COLLECTOR,
  SHIELD_COLLECTOR,
];
