import type { CommonProps, PolicyDoc, ResourceTypeInfo, Val } from "./common.js";
import { arr, bool, enumOf, int, obj, policyDocument, str, typeSchema } from "./schema.js";

/** AWS::S3::Bucket. Config id: the bucket name. */
export const S3_BUCKET_TYPE = "AWS::S3::Bucket";

export interface S3BucketProps extends CommonProps {
  BucketName?: Val<string>;
  BucketEncryption?: Val<{
    ServerSideEncryptionConfiguration: Array<{
      ServerSideEncryptionByDefault?: { SSEAlgorithm?: Val<string>; KMSMasterKeyID?: Val<string> };
      BucketKeyEnabled?: Val<boolean>;
    }>;
  }>;
  VersioningConfiguration?: Val<{ Status?: Val<"Enabled" | "Suspended">; MfaDelete?: Val<string> }>;
  PublicAccessBlockConfiguration?: {
    BlockPublicAcls?: Val<boolean>;
    BlockPublicPolicy?: Val<boolean>;
    IgnorePublicAcls?: Val<boolean>;
    RestrictPublicBuckets?: Val<boolean>;
  };
  LoggingConfiguration?: Val<{ DestinationBucketName?: Val<string>; LogFilePrefix?: Val<string> }>;
  ReplicationConfiguration?: Val<{ Role?: Val<string>; Rules?: unknown[] }>;
  OwnershipControls?: { Rules: Array<{ ObjectOwnership?: Val<string> }> };
  AccessControl?: Val<string>;
  AclGrants?: unknown[];
  LifecycleConfiguration?: Val<{ Rules: unknown[] }>;
  ObjectLockEnabled?: Val<boolean>;
  Policy?: PolicyDoc;
}

const grantee = obj({ Type: str(), ID: str(), URI: str(), EmailAddress: str(), DisplayName: str() });

export const S3_BUCKET_SCHEMA = typeSchema({
  type: S3_BUCKET_TYPE,
  description: "An S3 bucket, CloudFormation property names; Terraform's split bucket resources are merged in.",
  properties: {
    BucketName: str(),
    BucketEncryption: obj({
      ServerSideEncryptionConfiguration: arr(
        obj({
          ServerSideEncryptionByDefault: obj({ SSEAlgorithm: str("AES256 | aws:kms | aws:kms:dsse"), KMSMasterKeyID: str() }),
          BucketKeyEnabled: bool(),
        }),
      ),
    }),
    VersioningConfiguration: obj({
      Status: enumOf(["Enabled", "Suspended"]),
      MfaDelete: enumOf(["Enabled", "Disabled"], "Normalized extra (not in CloudFormation): MFA delete state."),
    }),
    PublicAccessBlockConfiguration: obj({
      BlockPublicAcls: bool(),
      BlockPublicPolicy: bool(),
      IgnorePublicAcls: bool(),
      RestrictPublicBuckets: bool(),
    }),
    LoggingConfiguration: obj({ DestinationBucketName: str(), LogFilePrefix: str() }),
    ReplicationConfiguration: obj({
      Role: str(),
      Rules: arr(
        obj({
          Id: str(),
          Status: str(),
          Priority: int(),
          Prefix: str(),
          Destination: obj({
            Bucket: str(),
            Account: str(),
            StorageClass: str(),
            EncryptionConfiguration: obj({ ReplicaKmsKeyID: str() }),
          }),
          DeleteMarkerReplication: obj({ Status: str() }),
        }),
      ),
    }),
    OwnershipControls: obj({ Rules: arr(obj({ ObjectOwnership: str() })) }),
    AccessControl: str("Canned ACL in CloudFormation spelling: Private, PublicRead, PublicReadWrite, LogDeliveryWrite..."),
    AclGrants: arr(
      obj({ Grantee: grantee, Permission: str() }),
      "Normalized extra: explicit ACL grants (aws_s3_bucket_acl access_control_policy, legacy grant blocks).",
    ),
    LifecycleConfiguration: obj({
      Rules: arr(
        obj({
          Id: str(),
          Status: str(),
          Prefix: str(),
          ExpirationInDays: int(),
          NoncurrentVersionExpiration: obj({ NoncurrentDays: int() }),
          AbortIncompleteMultipartUpload: obj({ DaysAfterInitiation: int() }),
          Transitions: arr(obj({ StorageClass: str(), TransitionInDays: int(), TransitionDate: str() })),
        }),
      ),
    }),
    ObjectLockEnabled: bool(),
    Policy: policyDocument("Normalized extra: the bucket policy (aws_s3_bucket_policy or the legacy inline policy)."),
  },
});

export const S3_BUCKET: ResourceTypeInfo = {
  type: S3_BUCKET_TYPE,
  schema: S3_BUCKET_SCHEMA,
  description: "S3 bucket with encryption, versioning, public access block, logging, replication, ACL, lifecycle and policy.",
  taggable: true,
};
