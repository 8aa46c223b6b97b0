/**
 * S3 buckets: ListBuckets once per account (S3 is global), then per bucket its location and each
 * configuration (S3 has no bulk describe). Calls after GetBucketLocation go to the bucket's own region.
 * A "not configured" answer (NoSuchBucketPolicy...) is a fact; any other error makes that prop Unknown.
 */
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketReplicationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
  type Bucket,
} from "@aws-sdk/client-s3";
import type { Resource } from "../../../model/resource.js";
import { S3_BUCKET_TYPE } from "../../../model/types/s3-bucket.js";
import { isUnknown } from "../../../model/values.js";
import type { CollectContext, Collector } from "../contract.js";
import { S3_BUCKET_MAPPER, bucketRegion } from "../mappers/s3-bucket.js";
import { isFailure, list, read } from "./util.js";

export const S3_COLLECTOR: Collector = {
  service: "s3",
  types: [S3_BUCKET_TYPE],
  global: true,
  actions: [
    "s3:ListAllMyBuckets",
    "s3:GetBucketLocation",
    "s3:GetEncryptionConfiguration",
    "s3:GetBucketVersioning",
    "s3:GetBucketPublicAccessBlock",
    "s3:GetBucketPolicy",
    "s3:GetBucketAcl",
    "s3:GetBucketLogging",
    "s3:GetBucketTagging",
    "s3:GetReplicationConfiguration",
    "s3:GetBucketOwnershipControls",
  ],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const s3 = ctx.client(S3Client);
    const buckets = await list(ctx, "s3:ListAllMyBuckets", [S3_BUCKET_TYPE], () => listBuckets(s3));
    if (isFailure(buckets)) return [];
    return ctx.map(buckets, (b) => bucket(ctx, s3, b.Name ?? "", b.BucketRegion));
  },
};

/**
 * All buckets. Pages by ContinuationToken; no MaxBuckets is sent, since moto then answers one page
 * without a token (and AWS returns every bucket of an account without it).
 */
async function listBuckets(s3: S3Client): Promise<Bucket[]> {
  const out: Bucket[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListBucketsCommand(token ? { ContinuationToken: token } : {}));
    out.push(...(page.Buckets ?? []));
    token = page.ContinuationToken;
  } while (token);
  return out;
}

async function bucket(ctx: CollectContext, global: S3Client, name: string, listedRegion: string | undefined): Promise<Resource> {
  const Bucket = name;
  // ListBuckets names each bucket's region on AWS (not on moto): GetBucketLocation only when it does not.
  const location = listedRegion
    ? listedRegion
    : await read(ctx, "s3:GetBucketLocation", () => global.send(new GetBucketLocationCommand({ Bucket })).then((o) => o.LocationConstraint ?? ""));
  const region = isUnknown(location) ? undefined : bucketRegion(location);
  const s3 = region && region !== "us-east-1" ? ctx.client(S3Client, region) : global;
  const [enc, ver, pab, pol, acl, log, tags, repl, own] = await Promise.all([
    read(ctx, "s3:GetEncryptionConfiguration", () => s3.send(new GetBucketEncryptionCommand({ Bucket })).then((o) => o.ServerSideEncryptionConfiguration), [
      "ServerSideEncryptionConfigurationNotFoundError",
    ]),
    read(ctx, "s3:GetBucketVersioning", () => s3.send(new GetBucketVersioningCommand({ Bucket })).then((o) => ({ Status: o.Status, MFADelete: o.MFADelete }))),
    read(ctx, "s3:GetBucketPublicAccessBlock", () => s3.send(new GetPublicAccessBlockCommand({ Bucket })).then((o) => o.PublicAccessBlockConfiguration), [
      "NoSuchPublicAccessBlockConfiguration",
    ]),
    read(ctx, "s3:GetBucketPolicy", () => s3.send(new GetBucketPolicyCommand({ Bucket })).then((o) => o.Policy), ["NoSuchBucketPolicy"]),
    read(ctx, "s3:GetBucketAcl", () => s3.send(new GetBucketAclCommand({ Bucket })).then((o) => o.Grants)),
    read(ctx, "s3:GetBucketLogging", () => s3.send(new GetBucketLoggingCommand({ Bucket })).then((o) => o.LoggingEnabled)),
    read(ctx, "s3:GetBucketTagging", () => s3.send(new GetBucketTaggingCommand({ Bucket })).then((o) => o.TagSet), ["NoSuchTagSet"]),
    read(ctx, "s3:GetReplicationConfiguration", () => s3.send(new GetBucketReplicationCommand({ Bucket })).then((o) => o.ReplicationConfiguration), [
      "ReplicationConfigurationNotFoundError",
    ]),
    read(ctx, "s3:GetBucketOwnershipControls", () => s3.send(new GetBucketOwnershipControlsCommand({ Bucket })).then((o) => o.OwnershipControls), [
      "OwnershipControlsNotFoundError",
    ]),
  ]);
  return S3_BUCKET_MAPPER.map(
    {
      Name: name,
      LocationConstraint: location,
      ServerSideEncryptionConfiguration: enc,
      Versioning: ver,
      PublicAccessBlockConfiguration: pab,
      Policy: pol,
      Grants: acl,
      LoggingEnabled: log,
      TagSet: tags,
      ReplicationConfiguration: repl,
      OwnershipControls: own,
    },
    ctx.scope,
  );
}
