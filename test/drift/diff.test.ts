import { describe, expect, it } from "vitest";
import { computeDrift, decideDrift, diffResources, orderItems } from "../../src/drift/index.js";
import { placeholderId } from "../../src/model/identity.js";
import type { Resource } from "../../src/model/resource.js";
import { REDACTED, Unknown } from "../../src/model/values.js";
import { loadPolicy } from "../../src/policy/loader.js";
import { preparePolicy } from "../../src/policy/select.js";
import { loadRuleSet, DEFAULT_POLICY } from "../../src/audit.js";

const ACCT = "230000000001";
const REGION = "eu-west-1";

function bucket(name: string, props: Record<string, unknown>, source: "tf-state" | "aws", extra: Partial<Resource> = {}): Resource {
  return {
    type: "AWS::S3::Bucket",
    id: name,
    arn: `arn:aws:s3:::${name}`,
    region: REGION,
    ...(source === "aws" ? { account: ACCT } : {}),
    tags: {},
    props: { BucketName: name, ...props },
    origin: source === "aws" ? { source, location: `aws://${ACCT}` } : { source, address: `aws_s3_bucket.${name.replace(/-/g, "_")}`, location: "terraform.tfstate", workspace: "default" },
    ...extra,
  };
}

function sg(id: string, ingress: unknown[], source: "tf-state" | "aws", tags: Record<string, string> = {}): Resource {
  return {
    type: "AWS::EC2::SecurityGroup",
    id,
    arn: `arn:aws:ec2:${REGION}:${ACCT}:security-group/${id}`,
    account: ACCT,
    region: REGION,
    tags,
    props: { GroupId: id, GroupName: "web", SecurityGroupIngress: ingress, SecurityGroupEgress: [] },
    origin: source === "aws" ? { source, location: `aws://${ACCT}` } : { source, address: "aws_security_group.web", location: "terraform.tfstate" },
  };
}

const KMS = { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: `arn:aws:kms:${REGION}:${ACCT}:key/1111` } }] } };
const covered = {
  collected: [
    { type: "AWS::S3::Bucket", account: ACCT },
    { type: "AWS::EC2::SecurityGroup", account: ACCT, region: REGION },
    { type: "AWS::KMS::Key", account: ACCT, region: REGION },
  ],
  gaps: [],
};

describe("diffResources", () => {
  it("finds changed, missing and unmanaged resources, with attribute paths and values", () => {
    const desired = [
      bucket("data", { ...KMS, VersioningConfiguration: { Status: "Enabled" } }, "tf-state"),
      bucket("gone", {}, "tf-state"),
    ];
    const actual = [
      bucket("data", { ...KMS, VersioningConfiguration: { Status: "Suspended" } }, "aws"),
      bucket("handmade", {}, "aws"),
    ];
    const d = diffResources(desired, actual, { coverage: covered });
    const byKind = Object.fromEntries(d.items.map((i) => [i.kind, i]));
    expect(d.items.map((i) => `${i.kind} ${i.id}`).sort()).toEqual(["changed data", "missing gone", "unmanaged handmade"]);
    expect(byKind.changed.changes).toEqual([
      { path: "VersioningConfiguration.Status", desired: "Enabled", actual: "Suspended", text: "VersioningConfiguration.Status: Enabled → Suspended" },
    ]);
    expect(byKind.changed.address).toBe("aws_s3_bucket.data");
    expect(byKind.changed.account).toBe(ACCT);
    expect(byKind.missing.address).toBe("aws_s3_bucket.gone");
    expect(byKind.unmanaged.address).toBeUndefined();
  });

  it("AWS defaults, computed and Terraform-only attributes are not drift", () => {
    // State: SSE-S3 filled in as a documented default; never-versioned mirror (Suspended); live: nothing set.
    const desired = [bucket("plain", { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] }, VersioningConfiguration: { Status: "Suspended", MfaDelete: "Disabled" }, DefaultedProps: ["BucketEncryption"] }, "tf-state")];
    const actual = [bucket("plain", { PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true }, OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] } }, "aws")];
    const d = diffResources(desired, actual, { coverage: covered });
    expect(d.items).toEqual([]);
  });

  it("compares lists as sets: reordered rules are not drift, an added rule is", () => {
    const r22 = { IpProtocol: "tcp", FromPort: 22, ToPort: 22, CidrIp: "10.0.0.0/8" };
    const r443 = { IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIp: "10.0.0.0/8" };
    const open = { IpProtocol: "tcp", FromPort: 22, ToPort: 22, CidrIp: "0.0.0.0/0" };
    expect(diffResources([sg("sg-1", [r22, r443], "tf-state")], [sg("sg-1", [r443, r22], "aws")], { coverage: covered }).items).toEqual([]);
    const d = diffResources([sg("sg-1", [r22, r443], "tf-state")], [sg("sg-1", [r443, open, r22], "aws")], { coverage: covered });
    expect(d.items).toHaveLength(1);
    expect(d.items[0].changes).toEqual([
      expect.objectContaining({ path: "SecurityGroupIngress", added: [{ CidrIp: "0.0.0.0/0", FromPort: 22, IpProtocol: "tcp", ToPort: 22 }] }),
    ]);
    expect(d.items[0].changes![0].removed).toBeUndefined();
  });

  it("a KMS key ARN and its bare id are one value", () => {
    const byId = { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "1111" } }] } };
    expect(diffResources([bucket("data", KMS, "tf-state")], [bucket("data", byId, "aws")], { coverage: covered }).items).toEqual([]);
  });

  it("unknown values are not compared, and a live unknown is recorded", () => {
    const desired = [bucket("data", { VersioningConfiguration: { Status: "Enabled" }, LoggingConfiguration: { DestinationBucketName: "logs" } }, "tf-state")];
    const actual = [bucket("data", { VersioningConfiguration: new Unknown("s3:GetBucketVersioning was denied (AccessDenied)"), LoggingConfiguration: { DestinationBucketName: "logs" } }, "aws")];
    const d = diffResources(desired, actual, { coverage: covered });
    expect(d.items).toEqual([]);
    expect(d.partlyCompared).toEqual([
      { type: "AWS::S3::Bucket", id: "data", address: "aws_s3_bucket.data", notCompared: [{ path: "VersioningConfiguration", reason: "s3:GetBucketVersioning was denied (AccessDenied)", side: "actual" }] },
    ]);
  });

  it("sensitive values are never shown: set vs not set differs (sensitive), two redacted values are not compared", () => {
    const mk = (v: unknown, src: "tf-state" | "aws") => ({ ...bucket("data", {}, src), type: "AWS::SSM::Parameter", id: "/app/token", arn: undefined, props: { Name: "/app/token", Value: v } });
    const d1 = diffResources([mk(REDACTED, "tf-state")], [mk(undefined, "aws")], { coverage: { collected: [{ type: "AWS::SSM::Parameter", account: ACCT }], gaps: [] } });
    expect(d1.items[0].changes).toEqual([{ path: "Value", sensitive: true, text: "Value: differs (sensitive)" }]);
    const d2 = diffResources([mk(REDACTED, "tf-state")], [mk("hunter2", "aws")], { coverage: { collected: [{ type: "AWS::SSM::Parameter", account: ACCT }], gaps: [] } });
    expect(JSON.stringify(d2)).not.toContain("hunter2");
    expect(d2.items).toEqual([]);
    expect(d2.partlyCompared[0].notCompared[0]).toMatchObject({ path: "Value", side: "desired" });
  });

  it("a type with a gap, or not collected, is not compared: never missing, never 'no drift'", () => {
    const desired = [bucket("data", {}, "tf-state"), sg("sg-9", [], "tf-state"), { ...sg("sg-8", [], "tf-state"), type: "AWS::RDS::DBInstance", id: "db-ABC", arn: `arn:aws:rds:${REGION}:${ACCT}:db:main` }];
    const coverage = {
      collected: [{ type: "AWS::S3::Bucket", account: ACCT }],
      gaps: [{ type: "AWS::EC2::SecurityGroup", account: ACCT, region: REGION, reason: "ec2:DescribeSecurityGroups was denied (UnauthorizedOperation)", action: "ec2:DescribeSecurityGroups" }],
    };
    const d = diffResources(desired, [bucket("data", {}, "aws")], { coverage });
    expect(d.items).toEqual([]);
    expect(d.notCompared).toEqual([
      { type: "AWS::EC2::SecurityGroup", account: ACCT, region: REGION, reason: "ec2:DescribeSecurityGroups was denied (UnauthorizedOperation) (needs ec2:DescribeSecurityGroups)", resources: 1 },
      { type: "AWS::RDS::DBInstance", account: ACCT, region: REGION, reason: `AWS::RDS::DBInstance was not collected live in ${ACCT} ${REGION}`, resources: 1 },
    ]);
    expect(decideDrift({ counts: { changed: 0, security: 0, missing: 0, unmanaged: 0, tagOnly: 0, total: 0, notCompared: 2, unknownLive: 0 } }, "any").exitCode).toBe(3);
  });

  it("the policy's ignore list drops attributes or whole resources; AWS-created resources are not unmanaged", () => {
    const desired = [bucket("data", { VersioningConfiguration: { Status: "Enabled" } }, "tf-state", { tags: { Deployed: "1" } })];
    const actual = [
      bucket("data", { VersioningConfiguration: { Status: "Suspended" } }, "aws", { tags: { Deployed: "2", "aws:cloudformation:stack-name": "x" } }),
      bucket("scratch-123", {}, "aws"),
      sg("sg-default", [], "aws"),
    ];
    actual[2].props.GroupName = "default";
    const ignore = [
      { type: "AWS::S3::Bucket", id: "data", attributes: ["VersioningConfiguration", "Tags.Deployed"], reason: "managed by the backup job" },
      { type: "AWS::S3::*", id: "scratch-*", reason: "scratch buckets" },
    ];
    const d = diffResources(desired, actual, { coverage: covered, ignore });
    expect(d.items).toEqual([]);
    expect(d.notes).toContain("1 resource(s) left out of drift by the policy's drift.ignore list");
    expect(d.notes.some((n) => n.includes("default security group"))).toBe(true);
  });

  it("a planned resource not created yet is not missing", () => {
    const planned = { ...bucket("new", {}, "tf-state"), id: placeholderId("aws_s3_bucket.new"), arn: undefined, origin: { source: "tf-plan" as const, address: "aws_s3_bucket.new" } };
    const d = diffResources([planned], [], { coverage: covered });
    expect(d.items).toEqual([]);
    expect(d.notes).toEqual(["1 planned resource(s) not created yet were not compared"]);
  });

  it("orders security drift first, then changes, then unmanaged / missing, tag-only last", () => {
    const base = { type: "AWS::S3::Bucket", security: false };
    const items = [
      { ...base, kind: "changed" as const, id: "t", tagOnly: true },
      { ...base, kind: "missing" as const, id: "m" },
      { ...base, kind: "unmanaged" as const, id: "u" },
      { ...base, kind: "changed" as const, id: "c" },
      { ...base, kind: "changed" as const, id: "s", security: true },
    ];
    expect(orderItems(items).map((i) => i.id)).toEqual(["s", "c", "u", "m", "t"]);
  });
});

describe("computeDrift scoring against policy", () => {
  it("flags encryption turned off by hand as security drift with the rule ids; tags-only drift comes last", async () => {
    const rules = await loadRuleSet();
    const policy = await loadPolicy(DEFAULT_POLICY);
    const prepared = preparePolicy({ ...policy, include: [{ ids: ["s3-bucket-sse-kms-cmk", "s3-bucket-versioning", "required-tags"] }], exclude: [] }, rules);
    const key: Resource = { type: "AWS::KMS::Key", id: "1111", arn: `arn:aws:kms:${REGION}:${ACCT}:key/1111`, account: ACCT, region: REGION, tags: {}, props: { KeyId: "1111" }, origin: { source: "tf-state", address: "aws_kms_key.k", location: "terraform.tfstate" } };
    const liveKey: Resource = { ...key, origin: { source: "aws", location: `aws://${ACCT}` } };
    const desired = [key, bucket("data", { ...KMS, VersioningConfiguration: { Status: "Enabled" } }, "tf-state"), bucket("tagged", {}, "tf-state", { tags: { Owner: "a" } })];
    const actual = [liveKey, bucket("data", { VersioningConfiguration: { Status: "Enabled" } }, "aws"), bucket("tagged", {}, "aws", { tags: { Owner: "b" } }), bucket("other", {}, "aws")];
    const section = await computeDrift({ desired, actual, coverage: covered, prepared });
    expect(section.items.map((i) => `${i.kind} ${i.id}${i.security ? " security" : ""}${i.tagOnly ? " tag-only" : ""}`)).toEqual([
      "changed data security",
      "unmanaged other",
      "changed tagged tag-only",
    ]);
    expect(section.items[0].rules).toEqual(["s3-bucket-sse-kms-cmk"]);
    expect(section.items[0].changes!.map((c) => c.path)).toEqual(["BucketEncryption.ServerSideEncryptionConfiguration"]);
    expect(section.counts).toMatchObject({ changed: 2, security: 1, unmanaged: 1, missing: 0, tagOnly: 1, total: 3 });
    expect(decideDrift(section, "any")).toMatchObject({ exitCode: 1, decision: "drift" });
    expect(decideDrift({ counts: { ...section.counts, security: 0 } }, "security")).toMatchObject({ exitCode: 0, decision: "no-drift" });
  });
});

describe("the noise table", async () => {
  const { NOISE, UNMANAGED_EXEMPT } = await import("../../src/drift/noise.js");
  const { RESOURCE_TYPES } = await import("../../src/model/types/index.js");
  const known = new Map(Object.entries(RESOURCE_TYPES).map(([type, t]) => [type, t.schema as { properties?: Record<string, unknown> }]));

  it("names only canonical types and props (a typo would silently ignore nothing)", () => {
    for (const [type, entries] of Object.entries(NOISE)) {
      if (type === "*") continue;
      const schema = known.get(type);
      expect(schema, type).toBeDefined();
      for (const e of entries) {
        const top = e.path.split(/[.[]/)[0];
        expect(Object.keys(schema!.properties ?? {}), `${type} ${e.path}`).toContain(top);
        expect(e.reason.length).toBeGreaterThan(10);
        if (e.kind === "aws-default") expect(e.absentMeans, `${type} ${e.path}`).toBeDefined();
      }
    }
    for (const x of UNMANAGED_EXEMPT) expect(known.has(x.type) || x.type === "AWS::::Account", x.type).toBe(true);
  });
});
