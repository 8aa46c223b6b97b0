import { describe, expect, it } from "vitest";
import { Ref, Unknown, isUnknown } from "../../../src/model/values.js";
import { validateProps } from "../../../src/model/types/index.js";
import { inst, map, only } from "./helpers.js";

const B = "AWS::S3::Bucket";

/** aws_s3_bucket as state v4 stores it with provider 5.x: computed mirrors of the legacy inline blocks. */
function stateBucket(name: string, extra: Record<string, unknown> = {}) {
  return inst("aws_s3_bucket", name, {
    id: `mobilytics-${name}`,
    bucket: `mobilytics-${name}`,
    arn: `arn:aws:s3:::mobilytics-${name}`,
    acl: null,
    grant: [{ id: "abc123canonical", permissions: ["FULL_CONTROL"], type: "CanonicalUser", uri: "" }],
    logging: [],
    policy: "",
    versioning: [{ enabled: false, mfa_delete: false }],
    server_side_encryption_configuration: [
      { rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: "", sse_algorithm: "AES256" }], bucket_key_enabled: false }] },
    ],
    replication_configuration: [],
    lifecycle_rule: [],
    object_lock_enabled: false,
    tags: { Name: name },
    tags_all: { Name: name, Environment: "prod" },
    ...extra,
  });
}

describe("aws_s3_bucket → AWS::S3::Bucket", () => {
  it("maps a state bucket's computed inline settings, with tags_all merged into tags", () => {
    const { resources, notes } = map(stateBucket("ui"));
    const r = only(resources, B);
    expect(r.id).toBe("mobilytics-ui");
    expect(r.arn).toBe("arn:aws:s3:::mobilytics-ui");
    expect(r.tags).toEqual({ Name: "ui", Environment: "prod" });
    expect(r.props.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" }, BucketKeyEnabled: false }],
    });
    expect(r.props.VersioningConfiguration).toEqual({ Status: "Suspended", MfaDelete: "Disabled" });
    expect(r.props.Policy).toBeUndefined();
    expect(r.props.LoggingConfiguration).toBeUndefined();
    expect(r.props.AclGrants).toEqual([{ Grantee: { Type: "CanonicalUser", ID: "abc123canonical" }, Permission: "FULL_CONTROL" }]);
    expect(r.props.DefaultedProps).toBeUndefined();
    expect(notes).toEqual([]);
  });

  it("maps HCL with the legacy inline blocks, and points props at their lines", () => {
    const b = inst(
      "aws_s3_bucket",
      "legacy",
      {
        bucket: "legacy-logs",
        acl: "log-delivery-write",
        versioning: [{ enabled: true }],
        logging: [{ target_bucket: "central-logs", target_prefix: "legacy/" }],
        server_side_encryption_configuration: [
          { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: "aws:kms", kms_master_key_id: new Ref("aws_kms_key.s3", "arn", "aws_kms_key.s3.arn") }] }] },
        ],
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] }),
      },
      {
        source: "hcl",
        file: "infra/s3.tf",
        line: 1,
        attributeLocations: { versioning: { file: "infra/s3.tf", line: 5 }, acl: { file: "infra/s3.tf", line: 3 } },
      },
    );
    const r = only(map(b).resources, B);
    expect(r.id).toBe("legacy-logs");
    expect(r.props.AccessControl).toBe("LogDeliveryWrite");
    expect(r.props.VersioningConfiguration).toEqual({ Status: "Enabled" });
    expect(r.props.LoggingConfiguration).toEqual({ DestinationBucketName: "central-logs", LogFilePrefix: "legacy/" });
    const sse = (r.props.BucketEncryption as { ServerSideEncryptionConfiguration: Array<{ ServerSideEncryptionByDefault: Record<string, unknown> }> })
      .ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault;
    expect(sse.SSEAlgorithm).toBe("aws:kms");
    expect(sse.KMSMasterKeyID).toBeInstanceOf(Ref);
    expect((r.props.Policy as { Statement: Array<{ Action: string[] }> }).Statement[0].Action).toEqual(["s3:*"]);
    expect(r.origin).toMatchObject({ source: "hcl", file: "infra/s3.tf", line: 1, address: "aws_s3_bucket.legacy" });
    expect(r.origin.propLocations?.VersioningConfiguration).toEqual({ file: "infra/s3.tf", line: 5 });
  });

  it("applies the SSE-S3 default to an HCL bucket with no encryption setting, and says it did", () => {
    const r = only(map(inst("aws_s3_bucket", "plain", { bucket: "plain" }, { source: "hcl" })).resources, B);
    expect(r.props.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] });
    expect(r.props.DefaultedProps).toEqual(["BucketEncryption"]);
    expect(r.props.PublicAccessBlockConfiguration).toBeUndefined();
  });

  it("uses a placeholder id when the bucket name is only known after apply", () => {
    const u = new Unknown("known only after apply", "aws_s3_bucket.gen.bucket");
    const r = only(map(inst("aws_s3_bucket", "gen", { bucket: u, id: u, bucket_prefix: "gen-" }, { source: "tf-plan" })).resources, B);
    expect(r.id).toContain("aws_s3_bucket.gen");
    expect(r.props.BucketName).toBe(u);
    expect(r.name).toBeUndefined();
  });
});

describe("split S3 resources merge into the bucket", () => {
  const split = (bucketRef: unknown, source: "hcl" | "tf-state" = "tf-state") => [
    inst("aws_s3_bucket_versioning", "ui", { bucket: bucketRef, versioning_configuration: [{ status: "Enabled", mfa_delete: "" }] }, { source }),
    inst(
      "aws_s3_bucket_server_side_encryption_configuration",
      "ui",
      {
        bucket: bucketRef,
        rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: "aws:kms", kms_master_key_id: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd" }], bucket_key_enabled: true }],
      },
      { source },
    ),
    inst("aws_s3_bucket_public_access_block", "ui", { bucket: bucketRef, block_public_acls: true, block_public_policy: true, ignore_public_acls: true }, { source }),
    inst("aws_s3_bucket_logging", "ui", { bucket: bucketRef, target_bucket: "mobilytics-logs", target_prefix: "ui/" }, { source }),
    inst("aws_s3_bucket_policy", "ui", { bucket: bucketRef, policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::mobilytics-ui/*"}]}' }, { source }),
    inst("aws_s3_bucket_ownership_controls", "ui", { bucket: bucketRef, rule: [{ object_ownership: "BucketOwnerEnforced" }] }, { source }),
    inst("aws_s3_bucket_acl", "ui", { bucket: bucketRef, acl: "private", access_control_policy: [] }, { source }),
    inst(
      "aws_s3_bucket_lifecycle_configuration",
      "ui",
      { bucket: bucketRef, rule: [{ id: "expire", status: "Enabled", filter: [{ prefix: "tmp/" }], expiration: [{ days: 30 }], transition: [{ storage_class: "GLACIER", days: 90 }] }] },
      { source },
    ),
    inst(
      "aws_s3_bucket_replication_configuration",
      "ui",
      {
        bucket: bucketRef,
        role: "arn:aws:iam::111122223333:role/replication",
        rule: [{ id: "all", status: "Enabled", destination: [{ bucket: "arn:aws:s3:::mobilytics-ui-dr", storage_class: "STANDARD", encryption_configuration: [{ replica_kms_key_id: "arn:aws:kms:us-east-1:111122223333:key/dr" }] }], delete_marker_replication: [{ status: "Disabled" }] }],
      },
      { source },
    ),
  ];

  function expectMerged(props: Record<string, unknown>) {
    expect(props.VersioningConfiguration).toEqual({ Status: "Enabled" });
    expect(props.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        { ServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd" }, BucketKeyEnabled: true },
      ],
    });
    // restrict_public_buckets not set: the provider default false applies.
    expect(props.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: false });
    expect(props.LoggingConfiguration).toEqual({ DestinationBucketName: "mobilytics-logs", LogFilePrefix: "ui/" });
    expect((props.Policy as { Statement: Array<{ Principal: unknown }> }).Statement[0].Principal).toEqual({ Service: ["cloudfront.amazonaws.com"] });
    expect(props.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] });
    expect(props.AccessControl).toBe("Private");
    expect(props.LifecycleConfiguration).toEqual({ Rules: [{ Id: "expire", Status: "Enabled", Prefix: "tmp/", ExpirationInDays: 30, Transitions: [{ StorageClass: "GLACIER", TransitionInDays: 90 }] }] });
    expect(props.ReplicationConfiguration).toMatchObject({ Role: "arn:aws:iam::111122223333:role/replication", Rules: [{ Id: "all", Destination: { Bucket: "arn:aws:s3:::mobilytics-ui-dr", EncryptionConfiguration: { ReplicaKmsKeyID: "arn:aws:kms:us-east-1:111122223333:key/dr" } } }] });
  }

  it("links by literal bucket name (state), the split resource winning over the computed copy", () => {
    const { resources, notes } = map(stateBucket("ui"), ...split("mobilytics-ui"));
    const r = only(resources, B);
    expectMerged(r.props);
    expect(r.origin.mergedFrom).toHaveLength(9);
    expect(notes).toEqual([]);
    expect(validateProps(B, r.props)).toEqual({ valid: true, errors: [] });
  });

  it("links by Ref to the bucket's address (HCL), with children listed before the parent", () => {
    const ref = new Ref("aws_s3_bucket.ui", "id", "aws_s3_bucket.ui.id");
    const bucket = inst("aws_s3_bucket", "ui", { bucket: "mobilytics-ui" }, { source: "hcl" });
    const { resources, notes } = map(...split(ref, "hcl"), bucket);
    const r = only(resources, B);
    expectMerged(r.props);
    expect(r.props.DefaultedProps).toBeUndefined(); // the split SSE resource set encryption: no default
    expect(notes).toEqual([]);
  });

  it("links counted buckets by matching index keys", () => {
    const buckets = [0, 1].map((i) => inst("aws_s3_bucket", "env", { bucket: `env-${i}` }, { source: "hcl", index: i }));
    const vers = [0, 1].map((i) =>
      inst("aws_s3_bucket_versioning", "env", { bucket: new Ref("aws_s3_bucket.env", "id", "aws_s3_bucket.env[count.index].id"), versioning_configuration: [{ status: i === 0 ? "Enabled" : "Suspended" }] }, { source: "hcl", index: i }),
    );
    const { resources } = map(...buckets, ...vers);
    expect(resources.map((r) => [r.id, (r.props.VersioningConfiguration as { Status: string }).Status])).toEqual([
      ["env-0", "Enabled"],
      ["env-1", "Suspended"],
    ]);
  });

  it("notes a child whose bucket is not in this evidence, or not knowable, instead of crashing", () => {
    const { resources, notes } = map(
      inst("aws_s3_bucket_versioning", "x", { bucket: "somewhere-else", versioning_configuration: [{ status: "Enabled" }] }),
      inst("aws_s3_bucket_public_access_block", "y", { bucket: new Unknown("var.bucket has no value", "var.bucket") }),
    );
    expect(resources).toEqual([]);
    expect(notes).toEqual([
      'aws_s3_bucket_versioning.x: bucket not found in this evidence ("somewhere-else")',
      "aws_s3_bucket_public_access_block.y: bucket is not knowable, so it is not merged (var.bucket has no value)",
    ]);
  });

  it("keeps an unknown split setting Unknown (plan)", () => {
    const u = new Unknown("known only after apply");
    const { resources } = map(
      inst("aws_s3_bucket", "p", { bucket: "p" }, { source: "tf-plan" }),
      inst("aws_s3_bucket_server_side_encryption_configuration", "p", { bucket: "p", rule: u }, { source: "tf-plan" }),
    );
    expect(isUnknown(only(resources, B).props.BucketEncryption)).toBe(true);
  });
});
