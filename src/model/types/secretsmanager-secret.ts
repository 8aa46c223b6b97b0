import type { CommonProps, PolicyDoc, ResourceTypeInfo, Val } from "./common.js";
import { arr, bool, int, obj, policyDocument, str, typeSchema } from "./schema.js";

/** AWS::SecretsManager::Secret. Config id: the secret ARN. */
export const SECRETSMANAGER_SECRET_TYPE = "AWS::SecretsManager::Secret";

export interface SecretsManagerSecretProps extends CommonProps {
  Name?: Val<string>;
  Description?: Val<string>;
  KmsKeyId?: Val<string>;
  RotationEnabled?: Val<boolean>;
  RotationLambdaARN?: Val<string>;
  RotationRules?: Val<{ AutomaticallyAfterDays?: Val<number>; ScheduleExpression?: Val<string>; Duration?: Val<string> }>;
  RecoveryWindowInDays?: Val<number>;
  ReplicaRegions?: unknown[];
  ResourcePolicy?: PolicyDoc;
}

export const SECRETSMANAGER_SECRET_SCHEMA = typeSchema({
  type: SECRETSMANAGER_SECRET_TYPE,
  description: "A Secrets Manager secret (metadata only; the secret value is never read).",
  properties: {
    Name: str(),
    Description: str(),
    KmsKeyId: str("Absent means the AWS managed key aws/secretsmanager."),
    RotationEnabled: bool("Normalized extra: rotation configured (aws_secretsmanager_secret_rotation)."),
    RotationLambdaARN: str("Normalized extra: the rotation function."),
    RotationRules: obj(
      { AutomaticallyAfterDays: int(), ScheduleExpression: str(), Duration: str() },
      "Normalized extra (the RotationSchedule resource's RotationRules in CloudFormation).",
    ),
    RecoveryWindowInDays: int("Normalized extra: deletion recovery window (Terraform only)."),
    ReplicaRegions: arr(obj({ Region: str(), KmsKeyId: str() })),
    ResourcePolicy: policyDocument("Normalized extra: the secret's resource policy."),
  },
});

export const SECRETSMANAGER_SECRET: ResourceTypeInfo = {
  type: SECRETSMANAGER_SECRET_TYPE,
  schema: SECRETSMANAGER_SECRET_SCHEMA,
  description: "Secrets Manager secret: KMS key, rotation, resource policy.",
  taggable: true,
};
