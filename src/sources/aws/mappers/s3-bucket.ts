/** AWS::S3::Bucket from ListBuckets plus the per-bucket Get* configuration calls. */
import type {
  Grant,
  LoggingEnabled,
  OwnershipControls,
  PublicAccessBlockConfiguration,
  ReplicationConfiguration,
  ServerSideEncryptionConfiguration,
  Tag,
} from "@aws-sdk/client-s3";
import { S3_BUCKET_TYPE } from "../../../model/types/s3-bucket.js";
import { isUnknown } from "../../../model/values.js";
import type { TypeMapper } from "../contract.js";
import { compact, liveResource, mapRead, nonEmpty, policyFromText, tagRecord, type Read } from "./common.js";

/**
 * AWS::S3::Bucket shape: the describe-API shape (SDK v3, PascalCase) assembled by the collector, one
 * field per Get* call (named after the field of its output it holds); a value the collector could not
 * read is an Unknown; `undefined` means AWS says "not configured" (the call's NotFound error).
 */
export interface S3BucketShape {
  /** ListBuckets. */
  Name: string;
  /** GetBucketLocation: "" / undefined is us-east-1, "EU" is eu-west-1. */
  LocationConstraint?: Read<string | undefined>;
  /** GetBucketEncryption; undefined: ServerSideEncryptionConfigurationNotFoundError. */
  ServerSideEncryptionConfiguration?: Read<ServerSideEncryptionConfiguration | undefined>;
  /** GetBucketVersioning (Status absent: never enabled). */
  Versioning?: Read<{ Status?: string; MFADelete?: string }>;
  /** GetPublicAccessBlock; undefined: NoSuchPublicAccessBlockConfiguration. */
  PublicAccessBlockConfiguration?: Read<PublicAccessBlockConfiguration | undefined>;
  /** GetBucketPolicy; undefined: NoSuchBucketPolicy. */
  Policy?: Read<string | undefined>;
  /** GetBucketAcl. */
  Grants?: Read<Grant[] | undefined>;
  /** GetBucketLogging. */
  LoggingEnabled?: Read<LoggingEnabled | undefined>;
  /** GetBucketTagging; undefined / []: NoSuchTagSet. */
  TagSet?: Read<Tag[] | undefined>;
  /** GetBucketReplication; undefined: ReplicationConfigurationNotFoundError. */
  ReplicationConfiguration?: Read<ReplicationConfiguration | undefined>;
  /** GetBucketOwnershipControls; undefined: OwnershipControlsNotFoundError. */
  OwnershipControls?: Read<OwnershipControls | undefined>;
}

/** GetBucketLocation's LocationConstraint → region (S3 API reference: null means us-east-1, EU is eu-west-1). */
export function bucketRegion(constraint: string | undefined | null): string {
  if (!constraint) return "us-east-1";
  return constraint === "EU" ? "eu-west-1" : constraint;
}

/**
 * Every bucket is encrypted with SSE-S3 since 2023-01-05 and it cannot be turned off (S3 User Guide,
 * "Setting default server-side encryption behavior"); the Terraform mapper applies the same default.
 */
const SSE_S3_DEFAULT = { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] };

export const S3_BUCKET_MAPPER: TypeMapper<S3BucketShape> = {
  type: S3_BUCKET_TYPE,
  map(s, scope) {
    const defaulted: string[] = [];
    let encryption: unknown = s.ServerSideEncryptionConfiguration;
    if (encryption === undefined) {
      encryption = SSE_S3_DEFAULT;
      defaulted.push("BucketEncryption");
    } else if (!isUnknown(encryption)) {
      encryption = {
        ServerSideEncryptionConfiguration: (s.ServerSideEncryptionConfiguration as ServerSideEncryptionConfiguration).Rules?.map(
          (r) =>
            compact({
              ServerSideEncryptionByDefault: compact({
                SSEAlgorithm: r.ApplyServerSideEncryptionByDefault?.SSEAlgorithm,
                KMSMasterKeyID: nonEmpty(r.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID),
              }),
              // false is S3's default and how Terraform leaves it (unset): only true is said.
              BucketKeyEnabled: r.BucketKeyEnabled === true ? true : undefined,
            }) ?? {},
        ) ?? [],
      };
    }
    const pab = s.PublicAccessBlockConfiguration;
    const region = isUnknown(s.LocationConstraint) ? undefined : bucketRegion(s.LocationConstraint);
    return liveResource(scope, {
      type: S3_BUCKET_TYPE,
      id: s.Name,
      arn: `arn:${scope.partition}:s3:::${s.Name}`,
      name: s.Name,
      region,
      tags: tagRecord(s.TagSet),
      props: {
        BucketName: s.Name,
        BucketEncryption: encryption,
        // A bucket whose versioning was never enabled has no Status; like the Terraform mapper's
        // "Disabled", it reads as not Enabled (and MFA delete, which needs versioning, as Disabled).
        // MFADelete is only reported once it was configured.
        VersioningConfiguration: mapRead(s.Versioning, (v) =>
          v?.Status ? compact({ Status: v.Status, MfaDelete: v.MFADelete }) : { Status: "Suspended", MfaDelete: v?.MFADelete ?? "Disabled" },
        ),
        // An absent flag is off (PutPublicAccessBlock: each flag defaults to false).
        PublicAccessBlockConfiguration: mapRead(pab, (p) =>
          p === undefined
            ? undefined
            : {
                BlockPublicAcls: p.BlockPublicAcls ?? false,
                BlockPublicPolicy: p.BlockPublicPolicy ?? false,
                IgnorePublicAcls: p.IgnorePublicAcls ?? false,
                RestrictPublicBuckets: p.RestrictPublicBuckets ?? false,
              },
        ),
        LoggingConfiguration: mapRead(s.LoggingEnabled, (l) =>
          l === undefined ? undefined : compact({ DestinationBucketName: nonEmpty(l.TargetBucket), LogFilePrefix: nonEmpty(l.TargetPrefix) }) ?? {},
        ),
        ReplicationConfiguration: mapRead(s.ReplicationConfiguration, (rc) =>
          rc === undefined
            ? undefined
            : compact({
                Role: nonEmpty(rc.Role),
                Rules: (rc.Rules ?? []).map(
                  (r) =>
                    compact({
                      Id: nonEmpty(r.ID),
                      Status: r.Status,
                      Priority: r.Priority,
                      Prefix: nonEmpty(r.Prefix) ?? nonEmpty(r.Filter?.Prefix),
                      Destination: compact({
                        Bucket: r.Destination?.Bucket,
                        Account: r.Destination?.Account,
                        StorageClass: r.Destination?.StorageClass,
                        EncryptionConfiguration: compact({ ReplicaKmsKeyID: nonEmpty(r.Destination?.EncryptionConfiguration?.ReplicaKmsKeyID) }),
                      }),
                      DeleteMarkerReplication: compact({ Status: r.DeleteMarkerReplication?.Status }),
                    }) ?? {},
                ),
              }) ?? {},
        ),
        OwnershipControls: mapRead(s.OwnershipControls, (o) =>
          o === undefined ? undefined : { Rules: (o.Rules ?? []).map((r) => compact({ ObjectOwnership: r.ObjectOwnership }) ?? {}) },
        ),
        AclGrants: mapRead(s.Grants, (gs) =>
          gs?.map((g) => ({
            Grantee: compact({ Type: g.Grantee?.Type, ID: nonEmpty(g.Grantee?.ID), URI: nonEmpty(g.Grantee?.URI), EmailAddress: nonEmpty(g.Grantee?.EmailAddress) }) ?? {},
            Permission: g.Permission,
          })),
        ),
        Policy: policyFromText(s.Policy),
        DefaultedProps: defaulted.length ? defaulted : undefined,
      },
    });
  },
};
