import type { CommonProps, PolicyDoc, ResourceTypeInfo, Val } from "./common.js";
import { bool, int, policyDocument, str, strArr, typeSchema } from "./schema.js";

/** AWS::KMS::Key. Config id: the key id (a UUID). */
export const KMS_KEY_TYPE = "AWS::KMS::Key";

export interface KmsKeyProps extends CommonProps {
  KeyId?: Val<string>;
  Description?: Val<string>;
  Enabled?: Val<boolean>;
  EnableKeyRotation?: Val<boolean>;
  RotationPeriodInDays?: Val<number>;
  KeyPolicy?: PolicyDoc;
  KeySpec?: Val<string>;
  KeyUsage?: Val<string>;
  MultiRegion?: Val<boolean>;
  PendingWindowInDays?: Val<number>;
  Aliases?: Array<Val<string>>;
}

export const KMS_KEY_SCHEMA = typeSchema({
  type: KMS_KEY_TYPE,
  description: "A KMS key (customer managed), CloudFormation property names.",
  properties: {
    KeyId: str("Normalized extra: the key id (CloudFormation returns it from Ref, not as a property)."),
    Description: str(),
    Enabled: bool(),
    EnableKeyRotation: bool(),
    RotationPeriodInDays: int(),
    KeyPolicy: policyDocument("The key policy (aws_kms_key policy or aws_kms_key_policy), normalized."),
    KeySpec: str("SYMMETRIC_DEFAULT, RSA_2048, ..."),
    KeyUsage: str("ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC, KEY_AGREEMENT"),
    MultiRegion: bool(),
    PendingWindowInDays: int(),
    Aliases: strArr("Normalized extra: alias names pointing at this key (aws_kms_alias), e.g. alias/app."),
  },
});

export const KMS_KEY: ResourceTypeInfo = {
  type: KMS_KEY_TYPE,
  schema: KMS_KEY_SCHEMA,
  description: "KMS customer managed key with rotation, policy and aliases.",
  taggable: true,
};
