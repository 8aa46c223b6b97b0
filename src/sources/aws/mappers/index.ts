/**
 * Every live mapper, keyed by AWS Config resource type. The live collectors and the AWS Config source
 * (configuration items turned into the same shapes) both map through this table.
 */
import type { TypeMapper } from "../contract.js";
import { ACCOUNT_MAPPER, ACCOUNT_PASSWORD_POLICY_MAPPER, ACCOUNT_PUBLIC_ACCESS_BLOCK_MAPPER } from "./account.js";
import { CLOUDTRAIL_TRAIL_MAPPER } from "./cloudtrail-trail.js";
import { CONFIG_DELIVERY_CHANNEL_MAPPER, CONFIG_RECORDER_MAPPER } from "./config.js";
import { GUARDDUTY_DETECTOR_MAPPER } from "./guardduty-detector.js";
import { IAM_POLICY_MAPPER, IAM_ROLE_MAPPER, IAM_USER_MAPPER } from "./iam.js";
import { KMS_KEY_MAPPER } from "./kms-key.js";
import { LOGS_LOG_GROUP_MAPPER } from "./logs-log-group.js";
import { S3_BUCKET_MAPPER } from "./s3-bucket.js";
import { SECRETSMANAGER_SECRET_MAPPER } from "./secretsmanager-secret.js";
import { SSM_PARAMETER_MAPPER } from "./ssm-parameter.js";
// collectors-B's mappers
import { CLOUDFRONT_DISTRIBUTION_MAPPER } from "./cloudfront-distribution.js";
import { DYNAMODB_TABLE_MAPPER } from "./dynamodb-table.js";
import { EC2_SECURITY_GROUP_MAPPER } from "./ec2-security-group.js";
import { EC2_VPC_MAPPER } from "./ec2-vpc.js";
import { ECS_SERVICE_MAPPER } from "./ecs-service.js";
import { ECS_TASK_DEFINITION_MAPPER } from "./ecs-task-definition.js";
import { ELASTICACHE_REPLICATION_GROUP_MAPPER } from "./elasticache-replication-group.js";
import { RDS_DB_CLUSTER_MAPPER } from "./rds-db-cluster.js";
import { RDS_DB_INSTANCE_MAPPER } from "./rds-db-instance.js";
import { RDS_DB_CLUSTER_PARAMETER_GROUP_MAPPER, RDS_DB_CLUSTER_SNAPSHOT_MAPPER, RDS_DB_PARAMETER_GROUP_MAPPER, RDS_DB_SNAPSHOT_MAPPER } from "./rds-extras.js";
import { WAFV2_WEB_ACL_MAPPER } from "./wafv2-web-acl.js";
import { EC2_EBS_ENCRYPTION_BY_DEFAULT_MAPPER, EC2_VOLUME_MAPPER } from "./ec2-volume.js";
import { ECR_REPOSITORY_MAPPER } from "./ecr-repository.js";
import { SNS_TOPIC_MAPPER, SQS_QUEUE_MAPPER } from "./sqs-sns.js";
import { BACKUP_PLAN_MAPPER, BACKUP_VAULT_MAPPER } from "./backup.js";
import { ELBV2_LISTENER_MAPPER, ELBV2_LOAD_BALANCER_MAPPER } from "./elbv2.js";
import { SHIELD_PROTECTION_MAPPER } from "./shield-protection.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const LIST: ReadonlyArray<TypeMapper<any>> = [
  IAM_ROLE_MAPPER,
  IAM_USER_MAPPER,
  IAM_POLICY_MAPPER,
  S3_BUCKET_MAPPER,
  KMS_KEY_MAPPER,
  SECRETSMANAGER_SECRET_MAPPER,
  SSM_PARAMETER_MAPPER,
  LOGS_LOG_GROUP_MAPPER,
  CLOUDTRAIL_TRAIL_MAPPER,
  GUARDDUTY_DETECTOR_MAPPER,
  CONFIG_RECORDER_MAPPER,
  CONFIG_DELIVERY_CHANNEL_MAPPER,
  ACCOUNT_MAPPER,
  ACCOUNT_PASSWORD_POLICY_MAPPER,
  ACCOUNT_PUBLIC_ACCESS_BLOCK_MAPPER,
  // collectors-B
  RDS_DB_INSTANCE_MAPPER,
  RDS_DB_CLUSTER_MAPPER,
  RDS_DB_PARAMETER_GROUP_MAPPER,
  RDS_DB_CLUSTER_PARAMETER_GROUP_MAPPER,
  RDS_DB_SNAPSHOT_MAPPER,
  RDS_DB_CLUSTER_SNAPSHOT_MAPPER,
  ELASTICACHE_REPLICATION_GROUP_MAPPER,
  DYNAMODB_TABLE_MAPPER,
  EC2_SECURITY_GROUP_MAPPER,
  EC2_VPC_MAPPER,
  ECS_SERVICE_MAPPER,
  ECS_TASK_DEFINITION_MAPPER,
  CLOUDFRONT_DISTRIBUTION_MAPPER,
  WAFV2_WEB_ACL_MAPPER,
  EC2_VOLUME_MAPPER,
  EC2_EBS_ENCRYPTION_BY_DEFAULT_MAPPER,
  SQS_QUEUE_MAPPER,
  SNS_TOPIC_MAPPER,
  ECR_REPOSITORY_MAPPER,
  ELBV2_LOAD_BALANCER_MAPPER,
  ELBV2_LISTENER_MAPPER,
  BACKUP_VAULT_MAPPER,
  BACKUP_PLAN_MAPPER,
  SHIELD_PROTECTION_MAPPER,
];

/** AWS Config type → its mapper. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const MAPPERS: Readonly<Record<string, TypeMapper<any>>> = Object.fromEntries(LIST.map((m) => [m.type, m]));
