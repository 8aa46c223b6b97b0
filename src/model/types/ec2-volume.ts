import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { bool, int, str, typeSchema } from "./schema.js";

/** AWS::EC2::Volume. Config id: the vol- id. */
export const EC2_VOLUME_TYPE = "AWS::EC2::Volume";

export interface Ec2VolumeProps extends CommonProps {
  VolumeId?: Val<string>;
  AvailabilityZone?: Val<string>;
  Encrypted?: Val<boolean>;
  KmsKeyId?: Val<string>;
  Size?: Val<number>;
  VolumeType?: Val<string>;
  SnapshotId?: Val<string>;
  MultiAttachEnabled?: Val<boolean>;
}

export const EC2_VOLUME_SCHEMA = typeSchema({
  type: EC2_VOLUME_TYPE,
  description: "An EBS volume, CloudFormation property names.",
  properties: {
    VolumeId: str("Normalized extra: the vol- id."),
    AvailabilityZone: str(),
    Encrypted: bool("false when not set and not created from an encrypted snapshot; account-level default encryption can still encrypt it (see AWS::EC2::EBSEncryptionByDefault)."),
    KmsKeyId: str(),
    Size: int(),
    VolumeType: str(),
    SnapshotId: str(),
    MultiAttachEnabled: bool(),
  },
});

export const EC2_VOLUME: ResourceTypeInfo = {
  type: EC2_VOLUME_TYPE,
  schema: EC2_VOLUME_SCHEMA,
  description: "EBS volume: encryption and KMS key.",
  taggable: true,
};
