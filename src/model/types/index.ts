import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { REDACTED, isUnknown } from "../values.js";
import type { ResourceTypeInfo } from "./common.js";
import { CLOUDFRONT_DISTRIBUTION } from "./cloudfront-distribution.js";
import { CLOUDTRAIL_TRAIL } from "./cloudtrail-trail.js";
import { CONFIG_CONFIGURATION_RECORDER } from "./config-configuration-recorder.js";
import { CONFIG_DELIVERY_CHANNEL } from "./config-delivery-channel.js";
import { DYNAMODB_TABLE } from "./dynamodb-table.js";
import { EC2_SECURITY_GROUP } from "./ec2-security-group.js";
import { EC2_VPC } from "./ec2-vpc.js";
import { ECS_SERVICE } from "./ecs-service.js";
import { ECS_TASK_DEFINITION } from "./ecs-task-definition.js";
import { ELASTICACHE_REPLICATION_GROUP } from "./elasticache-replication-group.js";
import { GUARDDUTY_DETECTOR } from "./guardduty-detector.js";
import { IAM_POLICY } from "./iam-policy.js";
import { IAM_ROLE } from "./iam-role.js";
import { IAM_USER } from "./iam-user.js";
import { KMS_KEY } from "./kms-key.js";
import { LOGS_LOG_GROUP } from "./logs-log-group.js";
import { RDS_DB_CLUSTER } from "./rds-db-cluster.js";
import { RDS_DB_INSTANCE } from "./rds-db-instance.js";
import { S3_BUCKET } from "./s3-bucket.js";
import { SECRETSMANAGER_SECRET } from "./secretsmanager-secret.js";
import { SSM_PARAMETER } from "./ssm-parameter.js";
import { WAFV2_WEB_ACL } from "./wafv2-web-acl.js";
import { ACCOUNT } from "./account.js";
import { BACKUP_PLAN } from "./backup-plan.js";
import { BACKUP_VAULT } from "./backup-vault.js";
import { EC2_EBS_ENCRYPTION_BY_DEFAULT } from "./ec2-ebs-encryption-by-default.js";
import { EC2_VOLUME } from "./ec2-volume.js";
import { ECR_REPOSITORY } from "./ecr-repository.js";
import { ELBV2_LISTENER } from "./elbv2-listener.js";
import { ELBV2_LOAD_BALANCER } from "./elbv2-load-balancer.js";
import { IAM_ACCOUNT_PASSWORD_POLICY } from "./iam-account-password-policy.js";
import { RDS_DB_CLUSTER_PARAMETER_GROUP, RDS_DB_PARAMETER_GROUP } from "./rds-db-parameter-group.js";
import { RDS_DB_CLUSTER_SNAPSHOT, RDS_DB_SNAPSHOT } from "./rds-db-snapshot.js";
import { S3_ACCOUNT_PUBLIC_ACCESS_BLOCK } from "./s3-account-public-access-block.js";
import { SHIELD_PROTECTION } from "./shield-protection.js";
import { SNS_TOPIC } from "./sns-topic.js";
import { SQS_QUEUE } from "./sqs-queue.js";

export type { ResourceTypeInfo, Val } from "./common.js";

const ALL: ResourceTypeInfo[] = [
  S3_BUCKET,
  KMS_KEY,
  RDS_DB_INSTANCE,
  RDS_DB_CLUSTER,
  ELASTICACHE_REPLICATION_GROUP,
  SECRETSMANAGER_SECRET,
  SSM_PARAMETER,
  IAM_ROLE,
  IAM_POLICY,
  IAM_USER,
  WAFV2_WEB_ACL,
  CLOUDFRONT_DISTRIBUTION,
  CLOUDTRAIL_TRAIL,
  GUARDDUTY_DETECTOR,
  CONFIG_CONFIGURATION_RECORDER,
  CONFIG_DELIVERY_CHANNEL,
  EC2_SECURITY_GROUP,
  EC2_VPC,
  DYNAMODB_TABLE,
  LOGS_LOG_GROUP,
  ECS_TASK_DEFINITION,
  ECS_SERVICE,
  EC2_VOLUME,
  EC2_EBS_ENCRYPTION_BY_DEFAULT,
  SQS_QUEUE,
  SNS_TOPIC,
  ECR_REPOSITORY,
  BACKUP_VAULT,
  BACKUP_PLAN,
  ELBV2_LOAD_BALANCER,
  ELBV2_LISTENER,
  SHIELD_PROTECTION,
  RDS_DB_PARAMETER_GROUP,
  RDS_DB_CLUSTER_PARAMETER_GROUP,
  RDS_DB_SNAPSHOT,
  RDS_DB_CLUSTER_SNAPSHOT,
  IAM_ACCOUNT_PASSWORD_POLICY,
  S3_ACCOUNT_PUBLIC_ACCESS_BLOCK,
  ACCOUNT,
];

/** Every canonical resource type plumbline models, by AWS Config type name. */
export const RESOURCE_TYPES: Record<string, { schema: object; description: string; taggable: boolean; singleton?: "account" | "region" }> = Object.fromEntries(
  ALL.map((t) => [t.type, { schema: t.schema, description: t.description, taggable: t.taggable, ...(t.singleton ? { singleton: t.singleton } : {}) }]),
);

export interface PropsValidation {
  valid: boolean;
  /** "/BucketEncryption/ServerSideEncryptionConfiguration/0/BucketKeyEnabled must be boolean" */
  errors: string[];
}

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

function validatorFor(type: string): ValidateFunction | undefined {
  const info = RESOURCE_TYPES[type];
  if (!info) return undefined;
  let v = validators.get(type);
  if (!v) {
    ajv ??= new Ajv2020({ allErrors: true, strict: true });
    v = ajv.compile(info.schema);
    validators.set(type, v);
  }
  return v;
}

/**
 * Check props against the type's schema. Unknown values (Ref included) and REDACTED markers are
 * dropped from a copy first: they stand for a value of the right type that this evidence cannot show.
 */
export function validateProps(type: string, props: Record<string, unknown>): PropsValidation {
  const validate = validatorFor(type);
  if (!validate) return { valid: false, errors: [`unknown resource type ${type}`] };
  const valid = validate(stripUnknowns(props));
  return {
    valid: Boolean(valid),
    errors: (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`),
  };
}

/** A deep copy without Unknown / REDACTED values (object keys removed, array elements dropped). */
export function stripUnknowns(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => !isOpaque(x)).map(stripUnknowns);
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!isOpaque(x)) out[k] = stripUnknowns(x);
    return out;
  }
  return v;
}

function isOpaque(v: unknown): boolean {
  return isUnknown(v) || v === REDACTED;
}
