/**
 * S3 buckets: ListBuckets once per account (S3 is global), then per bucket its region (ListBuckets'
 * BucketRegion on AWS; GetBucketLocation where it is missing, as on moto) and each configuration (S3
 * has no bulk describe). Calls after that go to the bucket's own region. Buckets in regions that were not
 * audited get no further call (the framework leaves them out). Tags come in bulk per region
 * (tag:GetResources), GetBucketTagging per bucket only if that fails. A configuration call whose prop no
 * enabled rule reads is skipped (the prop is then Unknown, "not read"). A "not configured" answer
 * (NoSuchBucketPolicy...) is a fact; any other error makes that prop Unknown.
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
import { Unknown, isUnknown } from "../../../model/values.js";
import { TAGS_READ } from "../../../rules/reads.js";
import type { CollectContext, Collector } from "../contract.js";
import { S3_BUCKET_MAPPER, bucketRegion, type S3BucketShape } from "../mappers/s3-bucket.js";
import { BULK_TAGS_ACTION, bulkTags, type BulkTags } from "./tags.js";
import { unreadableResource } from "./read-helpers.js";
import { isFailure, list, read } from "./util.js";

export const S3_COLLECTOR: Collector = {
  service: "s3",
  types: [S3_BUCKET_TYPE],
  global: true,
  regionalTypes: [S3_BUCKET_TYPE],
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
    BULK_TAGS_ACTION,
  ],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const s3 = ctx.client(S3Client);
    const buckets = await list(ctx, "s3:ListAllMyBuckets", [S3_BUCKET_TYPE], () => listBuckets(s3));
    if (isFailure(buckets)) return [];
    // ListBuckets names each bucket's region on AWS (not on moto): GetBucketLocation only when it does not.
    const located = await ctx.map(buckets, async (b) => ({
      name: b.Name ?? "",
      location: b.BucketRegion
        ? b.BucketRegion
        : ((await read(ctx, "s3:GetBucketLocation", () => s3.send(new GetBucketLocationCommand({ Bucket: b.Name })).then((o) => o.LocationConstraint ?? ""))) ?? ""),
    }));
    const audited = ctx.regions ? new Set(ctx.regions) : undefined;
    const inAudit = (b: (typeof located)[number]) => isUnknown(b.location) || !audited || audited.has(bucketRegion(b.location));
    const wanted = located.filter(inAudit);
    // A bucket elsewhere gets no further call: its identity alone, which the framework leaves out with a note.
    const elsewhere = located
      .filter((b) => !inAudit(b))
      .map((b) =>
        unreadableResource(
          ctx.scope,
          { type: S3_BUCKET_TYPE, id: b.name, name: b.name, arn: `arn:${ctx.scope.partition}:s3:::${b.name}`, region: bucketRegion(b.location as string) },
          { code: "NotAudited", reason: "its region was not audited" },
        ),
      );
    const reads = ctx.reads?.get(S3_BUCKET_TYPE);
    const needs = (prop: string) => !reads || reads.has(prop);
    // S3 buckets are listed by the Tagging API of their own region: one bulk call per region holding any.
    const tagRegions = needs(TAGS_READ) ? [...new Set(wanted.flatMap((b) => (isUnknown(b.location) ? [] : [bucketRegion(b.location)])))] : [];
    const tags = new Map<string, BulkTags | undefined>(await Promise.all(tagRegions.map(async (r) => [r, await bulkTags(ctx, "s3", r)] as const)));
    return [...(await ctx.map(wanted, (b) => bucket(ctx, s3, b.name, b.location, needs, tags))), ...elsewhere];
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

/** The Unknown a skipped call leaves: no enabled rule reads the prop it feeds. */
function notRead(prop: string, action: string): Unknown {
  return new Unknown(`not read: no enabled rule reads ${prop === TAGS_READ ? "the tags" : prop}`, action);
}

async function bucket(
  ctx: CollectContext,
  global: S3Client,
  name: string,
  location: string | Unknown,
  needs: (prop: string) => boolean,
  bulk: ReadonlyMap<string, BulkTags | undefined>,
): Promise<Resource> {
  const Bucket = name;
  const region = isUnknown(location) ? undefined : bucketRegion(location);
  const s3 = region && region !== "us-east-1" ? ctx.client(S3Client, region) : global;
  /** One configuration call, or its "not read" Unknown when no rule reads `prop`. */
  const get = <T>(prop: string, action: string, fn: () => Promise<T>, notFound: readonly string[] = []) =>
    needs(prop) ? read(ctx, action, fn, notFound) : Promise.resolve(notRead(prop, action));
  const bucketTags = region !== undefined ? bulk.get(region) : undefined;
  const [enc, ver, pab, pol, acl, log, tags, repl, own] = await Promise.all([
    get("BucketEncryption", "s3:GetEncryptionConfiguration", () => s3.send(new GetBucketEncryptionCommand({ Bucket })).then((o) => o.ServerSideEncryptionConfiguration), [
      "ServerSideEncryptionConfigurationNotFoundError",
    ]),
    get("VersioningConfiguration", "s3:GetBucketVersioning", () => s3.send(new GetBucketVersioningCommand({ Bucket })).then((o) => ({ Status: o.Status, MFADelete: o.MFADelete }))),
    get("PublicAccessBlockConfiguration", "s3:GetBucketPublicAccessBlock", () => s3.send(new GetPublicAccessBlockCommand({ Bucket })).then((o) => o.PublicAccessBlockConfiguration), [
      "NoSuchPublicAccessBlockConfiguration",
    ]),
    get("Policy", "s3:GetBucketPolicy", () => s3.send(new GetBucketPolicyCommand({ Bucket })).then((o) => o.Policy), ["NoSuchBucketPolicy"]),
    get("AclGrants", "s3:GetBucketAcl", () => s3.send(new GetBucketAclCommand({ Bucket })).then((o) => o.Grants)),
    get("LoggingConfiguration", "s3:GetBucketLogging", () => s3.send(new GetBucketLoggingCommand({ Bucket })).then((o) => o.LoggingEnabled)),
    bucketTags
      ? Promise.resolve(bucketTags.list(`arn:${ctx.scope.partition}:s3:::${name}`))
      : get(TAGS_READ, "s3:GetBucketTagging", () => s3.send(new GetBucketTaggingCommand({ Bucket })).then((o) => o.TagSet), ["NoSuchTagSet"]),
    get("ReplicationConfiguration", "s3:GetReplicationConfiguration", () => s3.send(new GetBucketReplicationCommand({ Bucket })).then((o) => o.ReplicationConfiguration), [
      "ReplicationConfigurationNotFoundError",
    ]),
    get("OwnershipControls", "s3:GetBucketOwnershipControls", () => s3.send(new GetBucketOwnershipControlsCommand({ Bucket })).then((o) => o.OwnershipControls), [
      "OwnershipControlsNotFoundError",
    ]),
  ]);
  const shape: S3BucketShape = {
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
  };
  return S3_BUCKET_MAPPER.map(shape, ctx.scope);
}
