import { S3_BUCKET_TYPE } from "../../../model/types/s3-bucket.js";
import { normalizePolicyDocument } from "../../../model/policy-document.js";
import { isUnknown } from "../../../model/values.js";
import { childMapping, resourceMapping } from "./mapping.js";
import { bool, compact, mapEach, num, str, tfType } from "./tf-reader.js";

/**
 * aws_s3_bucket and its split resources → AWS::S3::Bucket.
 *
 * Quirk: since provider v4 the bucket's own `server_side_encryption_configuration`, `versioning`,
 * `logging`, `policy`, `acl`, `replication_configuration`, `lifecycle_rule` are deprecated inline forms
 * AND computed mirrors of AWS in state. They are read as the bucket's settings; a split resource for the
 * same setting replaces them (children are applied after parents).
 */
export const TF_S3_BUCKET = tfType("aws_s3_bucket", [
  "bucket", "id", "arn", "policy", "acl", "object_lock_enabled",
  "grant", "grant.type", "grant.id", "grant.uri", "grant.permissions",
  "versioning", "versioning.enabled", "versioning.mfa_delete",
  "logging", "logging.target_bucket", "logging.target_prefix",
  "server_side_encryption_configuration", "server_side_encryption_configuration.rule",
  "server_side_encryption_configuration.rule.bucket_key_enabled",
  "server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.sse_algorithm",
  "server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.kms_master_key_id",
  "replication_configuration", "replication_configuration.role", "replication_configuration.rules",
  "replication_configuration.rules.id", "replication_configuration.rules.status", "replication_configuration.rules.priority",
  "replication_configuration.rules.prefix", "replication_configuration.rules.destination.bucket",
  "replication_configuration.rules.destination.storage_class", "replication_configuration.rules.destination.account_id",
  "replication_configuration.rules.destination.replica_kms_key_id",
  "lifecycle_rule", "lifecycle_rule.id", "lifecycle_rule.enabled", "lifecycle_rule.prefix", "lifecycle_rule.expiration.days",
  "lifecycle_rule.noncurrent_version_expiration.days", "lifecycle_rule.abort_incomplete_multipart_upload_days",
]);
export const TF_S3_SSE = tfType("aws_s3_bucket_server_side_encryption_configuration", [
  "bucket", "rule", "rule.bucket_key_enabled",
  "rule.apply_server_side_encryption_by_default.sse_algorithm", "rule.apply_server_side_encryption_by_default.kms_master_key_id",
]);
export const TF_S3_VERSIONING = tfType("aws_s3_bucket_versioning", [
  "bucket", "versioning_configuration", "versioning_configuration.status", "versioning_configuration.mfa_delete",
]);
export const TF_S3_PUBLIC_ACCESS_BLOCK = tfType("aws_s3_bucket_public_access_block", [
  "bucket", "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets",
]);
export const TF_S3_LOGGING = tfType("aws_s3_bucket_logging", ["bucket", "target_bucket", "target_prefix"]);
export const TF_S3_POLICY = tfType("aws_s3_bucket_policy", ["bucket", "policy"]);
export const TF_S3_REPLICATION = tfType("aws_s3_bucket_replication_configuration", [
  "bucket", "role", "rule", "rule.id", "rule.status", "rule.priority", "rule.prefix", "rule.filter.prefix",
  "rule.destination.bucket", "rule.destination.storage_class", "rule.destination.account",
  "rule.destination.encryption_configuration.replica_kms_key_id", "rule.delete_marker_replication.status",
]);
export const TF_S3_ACL = tfType("aws_s3_bucket_acl", [
  "bucket", "acl", "access_control_policy.grant", "access_control_policy.grant.permission",
  "access_control_policy.grant.grantee.type", "access_control_policy.grant.grantee.id",
  "access_control_policy.grant.grantee.uri", "access_control_policy.grant.grantee.email_address",
]);
export const TF_S3_OWNERSHIP = tfType("aws_s3_bucket_ownership_controls", ["bucket", "rule", "rule.object_ownership"]);
export const TF_S3_LIFECYCLE = tfType("aws_s3_bucket_lifecycle_configuration", [
  "bucket", "rule", "rule.id", "rule.status", "rule.prefix", "rule.filter.prefix", "rule.expiration.days",
  "rule.noncurrent_version_expiration.noncurrent_days", "rule.abort_incomplete_multipart_upload.days_after_initiation",
  "rule.transition", "rule.transition.storage_class", "rule.transition.days", "rule.transition.date",
]);

type SseField = "bucket_key_enabled" | "sse_algorithm" | "kms_master_key_id";

/** One SSE rule; `get` reads a field of it (the inline and split forms nest it at different paths). */
function sseRule(get: (f: SseField) => unknown) {
  return (
    compact({
      ServerSideEncryptionByDefault: compact({ SSEAlgorithm: str(get("sse_algorithm")), KMSMasterKeyID: str(get("kms_master_key_id")) }),
      BucketKeyEnabled: bool(get("bucket_key_enabled")),
    }) ?? {}
  );
}

/** "public-read" → "PublicRead": Terraform's canned ACL names in CloudFormation's AccessControl spelling. */
export function cannedAcl(v: unknown): unknown {
  if (typeof v !== "string" || v === "") return str(v);
  return v.split("-").map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join("");
}

/** aws_s3_bucket_versioning status "Disabled" (never enabled) reads as not Enabled, like Suspended. */
function versioningStatus(v: unknown): unknown {
  return v === "Disabled" ? "Suspended" : str(v);
}

export const S3_BUCKET_MAPPING = resourceMapping(TF_S3_BUCKET, S3_BUCKET_TYPE, (r, b) => {
  const bucket = r.get("bucket");
  b.set("BucketName", str(bucket), "bucket");

  // Inline (legacy) / computed-in-state forms. The SSE block sits inside a max-1 block, rules inside.
  const inlineSse = mapEach(r, "server_side_encryption_configuration.rule", (x) =>
    sseRule((f) =>
      x.get(
        f === "bucket_key_enabled"
          ? "server_side_encryption_configuration.rule.bucket_key_enabled"
          : `server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.${f}`,
      ),
    ),
  );
  if (inlineSse !== undefined) {
    const v = isUnknown(inlineSse) ? inlineSse : { ServerSideEncryptionConfiguration: inlineSse };
    b.set("BucketEncryption", v, "server_side_encryption_configuration");
  }
  // AWS encrypts every bucket with SSE-S3 since 2023-01-05 and it cannot be turned off
  // (S3 User Guide, "Setting default server-side encryption behavior for Amazon S3 buckets").
  b.default("BucketEncryption", { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] });

  const versioning = r.block("versioning");
  if (isUnknown(versioning)) b.set("VersioningConfiguration", versioning, "versioning");
  else if (versioning) {
    const enabled = bool(versioning.get("versioning.enabled"));
    const mfa = bool(versioning.get("versioning.mfa_delete"));
    b.set(
      "VersioningConfiguration",
      compact({
        Status: isUnknown(enabled) ? enabled : enabled === true ? "Enabled" : enabled === false ? "Suspended" : undefined,
        MfaDelete: isUnknown(mfa) ? mfa : mfa === true ? "Enabled" : mfa === false ? "Disabled" : undefined,
      }),
      "versioning",
    );
  }

  const logging = r.block("logging");
  if (isUnknown(logging)) b.set("LoggingConfiguration", logging, "logging");
  else if (logging) {
    b.set(
      "LoggingConfiguration",
      compact({ DestinationBucketName: str(logging.get("logging.target_bucket")), LogFilePrefix: str(logging.get("logging.target_prefix")) }),
      "logging",
    );
  }

  b.set("Policy", normalizePolicyDocument(r.get("policy")), "policy");
  b.set("AccessControl", cannedAcl(r.get("acl")), "acl");
  const grants = mapEach(r, "grant", (g) => {
    const perms = g.get("grant.permissions");
    return { g, perms };
  });
  if (isUnknown(grants)) b.set("AclGrants", grants, "grant");
  else if (grants && grants.length) {
    const flat: unknown[] = [];
    for (const { g, perms } of grants) {
      const grantee = compact({ Type: str(g.get("grant.type")), ID: str(g.get("grant.id")), URI: str(g.get("grant.uri")) }) ?? {};
      if (Array.isArray(perms)) for (const p of perms) flat.push({ Grantee: grantee, Permission: p });
    }
    b.set("AclGrants", flat, "grant");
  }

  const repl = r.block("replication_configuration");
  if (isUnknown(repl)) b.set("ReplicationConfiguration", repl, "replication_configuration");
  else if (repl) {
    b.set(
      "ReplicationConfiguration",
      compact({
        Role: str(repl.get("replication_configuration.role")),
        Rules: mapEach(repl, "replication_configuration.rules", (x) =>
          compact({
            Id: str(x.get("replication_configuration.rules.id")),
            Status: str(x.get("replication_configuration.rules.status")),
            Priority: num(x.get("replication_configuration.rules.priority")),
            Prefix: str(x.get("replication_configuration.rules.prefix")),
            Destination: compact({
              Bucket: str(x.get("replication_configuration.rules.destination.bucket")),
              StorageClass: str(x.get("replication_configuration.rules.destination.storage_class")),
              Account: str(x.get("replication_configuration.rules.destination.account_id")),
              EncryptionConfiguration: compact({ ReplicaKmsKeyID: str(x.get("replication_configuration.rules.destination.replica_kms_key_id")) }),
            }),
          }) ?? {},
        ),
      }),
      "replication_configuration",
    );
  }

  const lifecycle = mapEach(r, "lifecycle_rule", (x) =>
    compact({
      Id: str(x.get("lifecycle_rule.id")),
      Status: ((e) => (isUnknown(e) ? e : e === true ? "Enabled" : e === false ? "Disabled" : undefined))(bool(x.get("lifecycle_rule.enabled"))),
      Prefix: str(x.get("lifecycle_rule.prefix")),
      ExpirationInDays: num(x.get("lifecycle_rule.expiration.days")),
      NoncurrentVersionExpiration: compact({ NoncurrentDays: num(x.get("lifecycle_rule.noncurrent_version_expiration.days")) }),
      AbortIncompleteMultipartUpload: compact({ DaysAfterInitiation: num(x.get("lifecycle_rule.abort_incomplete_multipart_upload_days")) }),
    }) ?? {},
  );
  if (isUnknown(lifecycle)) b.set("LifecycleConfiguration", lifecycle, "lifecycle_rule");
  else if (lifecycle && lifecycle.length) b.set("LifecycleConfiguration", { Rules: lifecycle }, "lifecycle_rule");

  b.set("ObjectLockEnabled", bool(r.get("object_lock_enabled")), "object_lock_enabled");

  return { ident: { id: bucket ?? r.get("id"), name: bucket, arn: r.get("arn") }, keys: [bucket, r.get("id"), r.get("arn")] };
});

export const S3_CHILD_MAPPINGS = [
  childMapping(TF_S3_SSE, S3_BUCKET_TYPE, ["bucket"], (r, b, inst) => {
    const rules = mapEach(r, "rule", (x) =>
      sseRule((f) => x.get(f === "bucket_key_enabled" ? "rule.bucket_key_enabled" : `rule.apply_server_side_encryption_by_default.${f}`)),
    );
    b.set("BucketEncryption", isUnknown(rules) ? rules : { ServerSideEncryptionConfiguration: rules ?? [] }, "rule", inst);
  }),
  childMapping(TF_S3_VERSIONING, S3_BUCKET_TYPE, ["bucket"], (r, b, inst) => {
    const block = r.block("versioning_configuration");
    b.set(
      "VersioningConfiguration",
      isUnknown(block)
        ? block
        : compact({
            Status: versioningStatus(r.get("versioning_configuration.status")),
            MfaDelete: str(r.get("versioning_configuration.mfa_delete")),
          }) ?? {},
      "versioning_configuration",
      inst,
    );
  }),
  childMapping(TF_S3_PUBLIC_ACCESS_BLOCK, S3_BUCKET_TYPE, ["bucket"], (r, b, inst) => {
    // Each flag defaults to false (provider docs, aws_s3_bucket_public_access_block: "Defaults to false").
    const flag = (v: unknown) => bool(v) ?? false;
    b.set(
      "PublicAccessBlockConfiguration",
      {
        BlockPublicAcls: flag(r.get("block_public_acls")),
        BlockPublicPolicy: flag(r.get("block_public_policy")),
        IgnorePublicAcls: flag(r.get("ignore_public_acls")),
        RestrictPublicBuckets: flag(r.get("restrict_public_buckets")),
      },
      "block_public_acls",
      inst,
    );
  }),
  childMapping(TF_S3_LOGGING, S3_BUCKET_TYPE, ["bucket"], (r, b, inst) => {
    b.set(
      "LoggingConfiguration",
      compact({ DestinationBucketName: str(r.get("target_bucket")), LogFilePrefix: str(r.get("target_prefix")) }) ?? {},
      "target_bucket",
      inst,
    );
  }),
  childMapping(TF_S3_POLICY, S3_BUCKET_TYPE, ["bucket"], (r, b, inst) => {
    b.set("Policy", normalizePolicyDocument(r.get("policy")), "policy", inst);
  }),
  childMapping(TF_S3_REPLICATION, S3_BUCKET_TYPE, ["bucket"], (r, b, inst) => {
    b.set(
      "ReplicationConfiguration",
      compact({
        Role: str(r.get("role")),
        Rules: mapEach(r, "rule", (x) =>
          compact({
            Id: str(x.get("rule.id")),
            Status: str(x.get("rule.status")),
            Priority: num(x.get("rule.priority")),
            Prefix: str(x.get("rule.prefix")) ?? str(x.get("rule.filter.prefix")),
            Destination: compact({
              Bucket: str(x.get("rule.destination.bucket")),
              StorageClass: str(x.get("rule.destination.storage_class")),
              Account: str(x.get("rule.destination.account")),
              EncryptionConfiguration: compact({ ReplicaKmsKeyID: str(x.get("rule.destination.encryption_configuration.replica_kms_key_id")) }),
            }),
            DeleteMarkerReplication: compact({ Status: str(x.get("rule.delete_marker_replication.status")) }),
          }) ?? {},
        ),
      }) ?? {},
      "rule",
      inst,
    );
  }),
  childMapping(TF_S3_ACL, S3_BUCKET_TYPE, ["bucket"], (r, b, inst) => {
    b.set("AccessControl", cannedAcl(r.get("acl")), "acl", inst);
    const grants = mapEach(r, "access_control_policy.grant", (g) => ({
      Grantee:
        compact({
          Type: str(g.get("access_control_policy.grant.grantee.type")),
          ID: str(g.get("access_control_policy.grant.grantee.id")),
          URI: str(g.get("access_control_policy.grant.grantee.uri")),
          EmailAddress: str(g.get("access_control_policy.grant.grantee.email_address")),
        }) ?? {},
      Permission: g.get("access_control_policy.grant.permission"),
    }));
    b.set("AclGrants", grants, "access_control_policy", inst);
  }),
  childMapping(TF_S3_OWNERSHIP, S3_BUCKET_TYPE, ["bucket"], (r, b, inst) => {
    const rules = mapEach(r, "rule", (x) => compact({ ObjectOwnership: str(x.get("rule.object_ownership")) }) ?? {});
    b.set("OwnershipControls", isUnknown(rules) ? rules : { Rules: rules ?? [] }, "rule", inst);
  }),
  childMapping(TF_S3_LIFECYCLE, S3_BUCKET_TYPE, ["bucket"], (r, b, inst) => {
    const rules = mapEach(r, "rule", (x) =>
      compact({
        Id: str(x.get("rule.id")),
        Status: str(x.get("rule.status")),
        Prefix: str(x.get("rule.prefix")) ?? str(x.get("rule.filter.prefix")),
        ExpirationInDays: num(x.get("rule.expiration.days")),
        NoncurrentVersionExpiration: compact({ NoncurrentDays: num(x.get("rule.noncurrent_version_expiration.noncurrent_days")) }),
        AbortIncompleteMultipartUpload: compact({
          DaysAfterInitiation: num(x.get("rule.abort_incomplete_multipart_upload.days_after_initiation")),
        }),
        Transitions: mapEach(x, "rule.transition", (t) =>
          compact({
            StorageClass: str(t.get("rule.transition.storage_class")),
            TransitionInDays: num(t.get("rule.transition.days")),
            TransitionDate: str(t.get("rule.transition.date")),
          }) ?? {},
        ),
      }) ?? {},
    );
    b.set("LifecycleConfiguration", isUnknown(rules) ? rules : { Rules: rules ?? [] }, "rule", inst);
  }),
];
