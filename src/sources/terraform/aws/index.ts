import type { Resource } from "../../../model/resource.js";
import type { TfEvidence } from "../instance.js";
import { CLOUDFRONT_DISTRIBUTION_MAPPING } from "./cloudfront-distribution.js";
import { CLOUDTRAIL_MAPPING } from "./cloudtrail-trail.js";
import { CONFIG_CHILD_MAPPINGS, CONFIG_DELIVERY_CHANNEL_MAPPING, CONFIG_RECORDER_MAPPING } from "./config-recorder.js";
import { DYNAMODB_TABLE_MAPPING } from "./dynamodb-table.js";
import { SECURITY_GROUP_CHILD_MAPPINGS, SECURITY_GROUP_MAPPING } from "./ec2-security-group.js";
import { VPC_CHILD_MAPPINGS, VPC_MAPPING } from "./ec2-vpc.js";
import { ECS_SERVICE_MAPPING, ECS_TASK_DEFINITION_MAPPING } from "./ecs.js";
import { ELASTICACHE_RG_MAPPING } from "./elasticache-replication-group.js";
import { GUARDDUTY_CHILD_MAPPINGS, GUARDDUTY_DETECTOR_MAPPING } from "./guardduty-detector.js";
import { IAM_POLICY_MAPPING } from "./iam-policy.js";
import { IAM_ROLE_CHILD_MAPPINGS, IAM_ROLE_MAPPING } from "./iam-role.js";
import { IAM_USER_CHILD_MAPPINGS, IAM_USER_MAPPING } from "./iam-user.js";
import { KMS_CHILD_MAPPINGS, KMS_KEY_MAPPING } from "./kms-key.js";
import { LOG_GROUP_MAPPING } from "./logs-log-group.js";
import { ParentIndex, finishParent, type ChildMapping, type MappedParent, type ResourceMapping } from "./mapping.js";
import { MaybeValue, Unknown } from "../../../model/values.js";
import type { TfInstance } from "../instance.js";
import { RDS_DB_CLUSTER_MAPPING } from "./rds-db-cluster.js";
import { RDS_DB_INSTANCE_MAPPING } from "./rds-db-instance.js";
import { S3_BUCKET_MAPPING, S3_CHILD_MAPPINGS } from "./s3-bucket.js";
import { SECRET_CHILD_MAPPINGS, SECRET_MAPPING } from "./secretsmanager-secret.js";
import { SSM_PARAMETER_MAPPING } from "./ssm-parameter.js";
import type { TfTypeSpec } from "./tf-reader.js";
import { WAFV2_CHILD_MAPPINGS, WAFV2_WEB_ACL_MAPPING } from "./wafv2-web-acl.js";
import { ACCOUNT_CHILD_MAPPINGS, PASSWORD_POLICY_MAPPING, S3_ACCOUNT_PAB_MAPPING } from "./account-settings.js";
import { BACKUP_CHILD_MAPPINGS, BACKUP_PLAN_MAPPING, BACKUP_VAULT_MAPPING } from "./backup.js";
import { EBS_ENCRYPTION_BY_DEFAULT_MAPPING, EBS_VOLUME_MAPPING } from "./ec2-volume.js";
import { ECR_CHILD_MAPPINGS, ECR_REPOSITORY_MAPPING } from "./ecr-repository.js";
import { LB_MAPPINGS } from "./elbv2.js";
import { RDS_EXTRA_MAPPINGS } from "./rds-extras.js";
import { SHIELD_PROTECTION_MAPPING } from "./shield-protection.js";
import { SNS_TOPIC_MAPPING, SQS_QUEUE_MAPPING, SQS_SNS_CHILD_MAPPINGS } from "./sqs-sns.js";

/** Every Terraform type that becomes a canonical resource. */
export const RESOURCE_MAPPINGS: readonly ResourceMapping[] = [
  S3_BUCKET_MAPPING, KMS_KEY_MAPPING, RDS_DB_INSTANCE_MAPPING, RDS_DB_CLUSTER_MAPPING, ELASTICACHE_RG_MAPPING, SECRET_MAPPING,
  SSM_PARAMETER_MAPPING, IAM_ROLE_MAPPING, IAM_POLICY_MAPPING, IAM_USER_MAPPING, WAFV2_WEB_ACL_MAPPING,
  CLOUDFRONT_DISTRIBUTION_MAPPING, CLOUDTRAIL_MAPPING, GUARDDUTY_DETECTOR_MAPPING, CONFIG_RECORDER_MAPPING,
  CONFIG_DELIVERY_CHANNEL_MAPPING, SECURITY_GROUP_MAPPING, VPC_MAPPING, DYNAMODB_TABLE_MAPPING, LOG_GROUP_MAPPING,
  ECS_TASK_DEFINITION_MAPPING, ECS_SERVICE_MAPPING, EBS_VOLUME_MAPPING, EBS_ENCRYPTION_BY_DEFAULT_MAPPING, SQS_QUEUE_MAPPING,
  SNS_TOPIC_MAPPING, ECR_REPOSITORY_MAPPING, BACKUP_VAULT_MAPPING, BACKUP_PLAN_MAPPING, ...LB_MAPPINGS, SHIELD_PROTECTION_MAPPING,
  ...RDS_EXTRA_MAPPINGS, PASSWORD_POLICY_MAPPING, S3_ACCOUNT_PAB_MAPPING,
];

/** Every Terraform "split" type merged into a parent's canonical resource. */
export const CHILD_MAPPINGS: readonly ChildMapping[] = [
  ...S3_CHILD_MAPPINGS, ...KMS_CHILD_MAPPINGS, ...SECRET_CHILD_MAPPINGS, ...IAM_ROLE_CHILD_MAPPINGS, ...IAM_USER_CHILD_MAPPINGS,
  ...WAFV2_CHILD_MAPPINGS, ...GUARDDUTY_CHILD_MAPPINGS, ...CONFIG_CHILD_MAPPINGS, ...SECURITY_GROUP_CHILD_MAPPINGS,
  ...VPC_CHILD_MAPPINGS, ...SQS_SNS_CHILD_MAPPINGS, ...ECR_CHILD_MAPPINGS, ...BACKUP_CHILD_MAPPINGS, ...ACCOUNT_CHILD_MAPPINGS,
];

/** Every Terraform type and attribute path the mappers read (checked against the provider schema by tests). */
export const TF_SPECS: readonly TfTypeSpec[] = [...RESOURCE_MAPPINGS.map((m) => m.spec), ...CHILD_MAPPINGS.map((m) => m.spec)];

const byType = <T extends { spec: TfTypeSpec }>(list: readonly T[]) => {
  const m = new Map<string, T[]>();
  for (const x of list) m.set(x.spec.type, [...(m.get(x.spec.type) ?? []), x]);
  return m;
};
const RESOURCE_BY_TYPE = byType(RESOURCE_MAPPINGS);
const CHILD_BY_TYPE = byType(CHILD_MAPPINGS);

/**
 * Merge a split resource that may not exist (HCL `count = var.x ? 1 : 0` with x unknown): whatever it
 * would set on its parent becomes an Unknown saying so, and what it would append to a list becomes
 * Unknown elements. The parent then reads "may be set", never "is set" (a false PASS) nor "is not set".
 */
function applyUncertain(m: ChildMapping, inst: TfInstance, parent: MappedParent): void {
  const props = parent.props.props;
  const before = { ...props };
  m.apply(inst, parent);
  const why = `${inst.address} may not exist: its ${inst.mayNotExist}`;
  for (const k of Object.keys(props)) {
    const was = before[k];
    const now = props[k];
    if (now === was) continue;
    if (Array.isArray(now) && (was === undefined || Array.isArray(was))) {
      const kept = Array.isArray(was) ? was.length : 0;
      props[k] = [...now.slice(0, kept), ...now.slice(kept).map((v) => new MaybeValue(why, inst.address, v))];
    } else props[k] = new Unknown(why, inst.address);
  }
}

/**
 * Terraform evidence → canonical resources. Pure. Managed resources of mapped types become Resources,
 * split resources are merged into their parent (or noted when the parent is not in this evidence),
 * data sources are skipped, and unmapped types are counted in a note.
 */
export function tfToResources(evidence: TfEvidence): { resources: Resource[]; notes: string[] } {
  const notes: string[] = [];
  const parents = new ParentIndex();
  const children: typeof evidence.instances = [];
  const unmapped = new Map<string, number>();

  const instances = evidence.instances;
  for (let i = 0; i < instances.length; i++) {
    const inst = instances[i];
    if (inst.mode !== "managed") continue;
    const mappings = RESOURCE_BY_TYPE.get(inst.type);
    if (mappings) for (const m of mappings) parents.add(m.map(inst));
    else if (CHILD_BY_TYPE.has(inst.type)) children.push(inst);
    else unmapped.set(inst.type, (unmapped.get(inst.type) ?? 0) + 1);
  }

  // Children after all parents: a child listed before its parent still finds it, and a split resource
  // overrides the parent's inline form.
  for (const inst of children) {
    for (const m of CHILD_BY_TYPE.get(inst.type) ?? []) {
      for (const attr of m.parentAttrs) {
        const v = inst.attributes[attr];
        // A list-valued link (aws_iam_policy_attachment.roles) names several parents; an empty or
        // absent one (a policy attached only to users) names none of this type, which is fine.
        const values = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
        if (values.length === 0) {
          // aws_iam_policy_attachment names roles, users or both: an empty list of one kind is normal.
          if ((CHILD_BY_TYPE.get(inst.type)?.length ?? 0) < 2) notes.push(`${inst.address}: ${attr} is not set, so it is not merged anywhere`);
          continue;
        }
        for (const value of values) {
          const parent = parents.find(m.parentType, value, inst);
          if (typeof parent === "string") notes.push(`${inst.address}: ${attr} ${parent}`);
          else if (inst.mayNotExist !== undefined) applyUncertain(m, inst, parent);
          else m.apply(inst, parent);
        }
      }
    }
  }

  if (unmapped.size) {
    const count = [...unmapped.values()].reduce((a, b) => a + b, 0);
    notes.push(`${count} resource${count === 1 ? "" : "s"} of ${unmapped.size} type${unmapped.size === 1 ? "" : "s"} not mapped: ${[...unmapped.keys()].sort().join(", ")}`);
  }
  const all = parents.all();
  const resources = new Array<Resource>(all.length);
  for (let i = 0; i < all.length; i++) resources[i] = finishParent(all[i]);
  return { resources, notes };
}
