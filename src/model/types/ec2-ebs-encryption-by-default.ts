import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { bool, str, typeSchema } from "./schema.js";

/**
 * AWS::EC2::EBSEncryptionByDefault: plumbline's own type for the per-region EBS default-encryption setting
 * (GetEbsEncryptionByDefault / GetEbsDefaultKmsKeyId). Neither CloudFormation nor AWS Config has a type for
 * it (Config's EC2_EBS_ENCRYPTION_BY_DEFAULT rule is periodic). Id: "<account>:<region>" when known, else
 * the Terraform address. One record per region.
 */
export const EC2_EBS_ENCRYPTION_BY_DEFAULT_TYPE = "AWS::EC2::EBSEncryptionByDefault";

export interface Ec2EbsEncryptionByDefaultProps extends CommonProps {
  EbsEncryptionByDefault?: Val<boolean>;
  KmsKeyId?: Val<string>;
}

export const EC2_EBS_ENCRYPTION_BY_DEFAULT_SCHEMA = typeSchema({
  type: EC2_EBS_ENCRYPTION_BY_DEFAULT_TYPE,
  description: "The region's EBS encryption-by-default setting (EC2 API names).",
  properties: {
    EbsEncryptionByDefault: bool("Whether new volumes in this region are encrypted by default."),
    KmsKeyId: str("The default KMS key for EBS encryption (aws_ebs_default_kms_key); absent means alias/aws/ebs."),
  },
});

export const EC2_EBS_ENCRYPTION_BY_DEFAULT: ResourceTypeInfo = {
  type: EC2_EBS_ENCRYPTION_BY_DEFAULT_TYPE,
  schema: EC2_EBS_ENCRYPTION_BY_DEFAULT_SCHEMA,
  description: "Region setting: EBS encryption by default and its KMS key.",
  taggable: false,
  singleton: "region",
};
