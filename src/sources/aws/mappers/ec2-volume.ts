import type { Volume } from "@aws-sdk/client-ec2";
import { EC2_EBS_ENCRYPTION_BY_DEFAULT_TYPE } from "../../../model/types/ec2-ebs-encryption-by-default.js";
import { EC2_VOLUME_TYPE } from "../../../model/types/ec2-volume.js";
import type { TypeMapper } from "../contract.js";
import { liveResource, nonEmpty, tagRecord, type Read } from "./common.js";

/** The describe-API shape (SDK v3, PascalCase): one DescribeVolumes item, tags inline. */
export type Ec2VolumeShape = Volume;

/** AWS::EC2::Volume from DescribeVolumes. Id: the vol- id; the ARN as EC2 builds it (the API has none). */
export const EC2_VOLUME_MAPPER: TypeMapper<Ec2VolumeShape> = {
  type: EC2_VOLUME_TYPE,
  map(v, scope) {
    const id = v.VolumeId ?? "";
    return liveResource(scope, {
      type: EC2_VOLUME_TYPE,
      id,
      arn: `arn:${scope.partition}:ec2:${scope.region}:${scope.account}:volume/${id}`,
      region: scope.region,
      tags: tagRecord(v.Tags),
      props: {
        VolumeId: v.VolumeId,
        AvailabilityZone: v.AvailabilityZone,
        Encrypted: v.Encrypted,
        KmsKeyId: nonEmpty(v.KmsKeyId),
        Size: v.Size,
        VolumeType: v.VolumeType,
        SnapshotId: nonEmpty(v.SnapshotId),
        MultiAttachEnabled: v.MultiAttachEnabled,
      },
    });
  },
};

/**
 * The shape for a region's EBS encryption default: GetEbsEncryptionByDefault's flag and
 * GetEbsDefaultKmsKeyId's key (moto lacks the latter: an Unknown then). A value the collector could not
 * read is an Unknown.
 */
export interface Ec2EbsEncryptionByDefaultShape {
  EbsEncryptionByDefault: Read<boolean | undefined>;
  KmsKeyId?: Read<string | undefined>;
}

/** AWS::EC2::EBSEncryptionByDefault: one per account and region, id "<account>:<region>" as the Terraform mapper names it. */
export const EC2_EBS_ENCRYPTION_BY_DEFAULT_MAPPER: TypeMapper<Ec2EbsEncryptionByDefaultShape> = {
  type: EC2_EBS_ENCRYPTION_BY_DEFAULT_TYPE,
  map(s, scope) {
    return liveResource(scope, {
      type: EC2_EBS_ENCRYPTION_BY_DEFAULT_TYPE,
      id: `${scope.account}:${scope.region}`,
      region: scope.region,
      props: {
        EbsEncryptionByDefault: s.EbsEncryptionByDefault,
        // The API names alias/aws/ebs when no customer key is set; absent in the model means that key.
        KmsKeyId: typeof s.KmsKeyId === "string" ? (s.KmsKeyId === "alias/aws/ebs" ? undefined : s.KmsKeyId) : s.KmsKeyId,
      },
    });
  },
};
