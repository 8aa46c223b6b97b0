/** AWS::SecretsManager::Secret from ListSecrets (which carries KMS, rotation and tags) and GetResourcePolicy. */
import type { ReplicationStatusType, SecretListEntry } from "@aws-sdk/client-secrets-manager";
import { SECRETSMANAGER_SECRET_TYPE } from "../../../model/types/secretsmanager-secret.js";
import type { TypeMapper } from "../contract.js";
import { compact, liveResource, nonEmpty, policyFromText, tagRecord, type Read } from "./common.js";

/**
 * AWS::SecretsManager::Secret shape: the describe-API shape (SDK v3, PascalCase) assembled by the
 * collector: ListSecrets' SecretListEntry plus GetResourcePolicy's ResourcePolicy; a value the collector
 * could not read is an Unknown. Never holds the secret value: GetSecretValue is never called.
 */
export interface SecretsManagerSecretShape extends SecretListEntry {
  ResourcePolicy?: Read<string | undefined>;
  /** DescribeSecret's replicas; ListSecrets does not carry them, so the live collector leaves this out. */
  ReplicationStatus?: ReplicationStatusType[];
}

export const SECRETSMANAGER_SECRET_MAPPER: TypeMapper<SecretsManagerSecretShape> = {
  type: SECRETSMANAGER_SECRET_TYPE,
  map(s, scope) {
    const arn = s.ARN ?? "";
    const rules = s.RotationRules;
    return liveResource(scope, {
      type: SECRETSMANAGER_SECRET_TYPE,
      id: arn || (s.Name ?? ""),
      arn: arn || undefined,
      name: s.Name,
      region: scope.region,
      tags: tagRecord(s.Tags),
      props: {
        Name: s.Name,
        Description: nonEmpty(s.Description),
        // Absent: the AWS managed key aws/secretsmanager (as in Terraform, where kms_key_id is empty).
        KmsKeyId: nonEmpty(s.KmsKeyId),
        // ListSecrets leaves RotationEnabled out for a secret that never rotated; false cannot pass a rule.
        RotationEnabled: s.RotationEnabled ?? false,
        RotationLambdaARN: nonEmpty(s.RotationLambdaARN),
        RotationRules: rules
          ? compact({ AutomaticallyAfterDays: rules.AutomaticallyAfterDays, ScheduleExpression: nonEmpty(rules.ScheduleExpression), Duration: nonEmpty(rules.Duration) })
          : undefined,
        ReplicaRegions: s.ReplicationStatus?.length
          ? s.ReplicationStatus.map((r) => compact({ Region: r.Region, KmsKeyId: nonEmpty(r.KmsKeyId) }) ?? {})
          : undefined,
        ResourcePolicy: policyFromText(s.ResourcePolicy),
      },
    });
  },
};
