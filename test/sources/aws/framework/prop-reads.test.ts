/**
 * Calls whose result no enabled rule reads are skipped: rulePropReads (src/rules/reads.ts) finds, per
 * type, the top-level props a rule set reads (subject paths, ref targets' `where`, counted types'
 * `where` and `referencing`, `$tags`), and the S3 collector makes only the per-bucket calls feeding
 * them. A skipped prop is an Unknown saying "not read", never a default. `audit --aws` passes the reads of
 * the enabled rules, plus every type's tags when the pack's scope selects by tag. Moto accounts 270000000030-39.
 */
import { CreateKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { CreateBucketCommand, PutBucketTaggingCommand, S3Client } from "@aws-sdk/client-s3";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runAudit } from "../../../../src/audit.js";
import { ACCOUNT_TYPE } from "../../../../src/model/resource.js";
import { isUnknown, type Unknown } from "../../../../src/model/values.js";
import { parseRule } from "../../../../src/rules/loader.js";
import { TAGS_READ, rulePropReads } from "../../../../src/rules/reads.js";
import { collectLiveRun } from "../../../../src/sources/aws/collect.js";
import { KMS_COLLECTOR } from "../../../../src/sources/aws/collectors/kms.js";
import { S3_COLLECTOR } from "../../../../src/sources/aws/collectors/s3.js";
import { motoClientConfig, motoEndpoint } from "../../../support/moto.js";
import { motoAccount, roleArn } from "./helpers.js";

const ACCT = "270000000030";
const REGION = "eu-west-1";

function rule(yaml: string) {
  return parseRule(`id: t\ntitle: t\nseverity: low\narea: encryption\nremediation: r\ncontrols: {}\nreferences: []\n${yaml}`, "t.yaml");
}

describe("rulePropReads", () => {
  it("finds subject props, quantifier paths (not their relative `where`), ref targets' and counted types' props, and tags", () => {
    const r1 = rule(`resourceTypes: [AWS::S3::Bucket]
applies: { path: $tags.Environment, op: eq, value: prod }
condition:
  all:
    - { path: "BucketEncryption.ServerSideEncryptionConfiguration[*].BucketKeyEnabled", op: eq, value: true }
    - some: { path: Policy.Statement, where: { path: Effect, op: eq, value: Deny } }
    - ref: { path: LoggingConfiguration.DestinationBucketName, type: AWS::S3::Bucket, where: { path: VersioningConfiguration.Status, op: eq, value: Enabled } }`);
    const r2 = rule(`scope: region
condition:
  count: { type: AWS::GuardDuty::Detector, where: { path: Enable, op: eq, value: true }, gte: 1 }`);
    const r3 = rule(`resourceTypes: [AWS::KMS::Key]
condition:
  count: { type: AWS::CloudTrail::Trail, referencing: KMSKeyId, gte: 1 }`);
    const reads = rulePropReads([r1, r2, r3]);
    const sorted = (t: string) => [...(reads.get(t) ?? ["(none)"])].sort();
    expect(sorted("AWS::S3::Bucket")).toEqual([TAGS_READ, "BucketEncryption", "LoggingConfiguration", "Policy", "VersioningConfiguration"].sort());
    expect(sorted("AWS::GuardDuty::Detector")).toEqual(["Enable"]);
    // A region-scoped rule's subject is the account record; it reads none of its props here.
    expect(sorted(ACCOUNT_TYPE)).toEqual([]);
    expect(sorted("AWS::CloudTrail::Trail")).toEqual(["KMSKeyId"]);
    expect(sorted("AWS::KMS::Key")).toEqual([]);
    // The pack's scope selects by tag: every type's tags are read.
    const scoped = rulePropReads([r2], { tags: true });
    expect([...scoped.get("AWS::GuardDuty::Detector")!].sort()).toEqual([TAGS_READ, "Enable"]);
  });
});

describe("S3 calls for what the rules read", () => {
  let dir: string;
  beforeAll(async () => {
    const cfg = await motoAccount(ACCT, REGION);
    const s3 = new S3Client(cfg);
    await s3.send(new CreateBucketCommand({ Bucket: `reads-${ACCT}`, CreateBucketConfiguration: { LocationConstraint: REGION } }));
    await s3.send(new PutBucketTaggingCommand({ Bucket: `reads-${ACCT}`, Tagging: { TagSet: [{ Key: "Environment", Value: "prod" }] } }));
    dir = mkdtempSync(join(tmpdir(), "plumbline-reads-"));
    writeFileSync(join(dir, "sse.yaml"), "name: sse-only\nrules:\n  include: { ids: [s3-bucket-sse-enabled] }\n");
    writeFileSync(join(dir, "sse-prod.yaml"), "name: sse-prod\nscope:\n  tags: { Environment: prod }\nrules:\n  include: { ids: [s3-bucket-sse-enabled] }\n");
  });

  const live = () => ({ credentials: motoClientConfig().credentials, endpoint: motoEndpoint(), assumeRoles: [roleArn(ACCT)], regions: [REGION], homeRegion: "us-east-1" });

  it("makes only the calls feeding read props; the others are Unknown 'not read', never a default", async () => {
    const run = await collectLiveRun({ ...live(), collectors: [S3_COLLECTOR], reads: new Map([["AWS::S3::Bucket", new Set(["BucketEncryption"])]]) });
    const perBucket = run.stats.operations.filter((o) => o.startsWith("s3:GetBucket") && o !== "s3:GetBucketLocation");
    expect(perBucket).toEqual(["s3:GetBucketEncryption"]);
    expect(run.stats.operations).not.toContain("tag:GetResources");
    const b = run.evidence[0].resources.find((r) => r.id === `reads-${ACCT}`)!;
    for (const prop of ["VersioningConfiguration", "PublicAccessBlockConfiguration", "Policy", "AclGrants", "LoggingConfiguration", "ReplicationConfiguration", "OwnershipControls"]) {
      expect(isUnknown(b.props[prop]), prop).toBe(true);
      expect((b.props[prop] as Unknown).reason).toBe(`not read: no enabled rule reads ${prop}`);
    }
    expect(b.props.TagsUnknown).toEqual(["*"]);
    expect(isUnknown(b.props.BucketEncryption)).toBe(false);
  });

  it("KMS: rotation status only when a rule reads it", async () => {
    const cfg = await motoAccount(ACCT, REGION);
    await new KMSClient(cfg).send(new CreateKeyCommand({ Description: "reads key" }));
    const run = await collectLiveRun({ ...live(), collectors: [KMS_COLLECTOR], reads: new Map([["AWS::KMS::Key", new Set(["KeyPolicy"])]]) });
    expect(run.stats.operations).not.toContain("kms:GetKeyRotationStatus");
    expect(run.stats.operations).toContain("kms:GetKeyPolicy");
    const key = run.evidence[0].resources.find((r) => r.props.Description === "reads key")!;
    expect((key.props.EnableKeyRotation as Unknown).reason).toBe("not read: no enabled rule reads EnableKeyRotation or RotationPeriodInDays");
    expect(isUnknown(key.props.KeyPolicy)).toBe(false);
  });

  it("audit --aws passes the enabled rules' reads (and the tags a tag-scoped pack selects by)", async () => {
    const report = await runAudit({ hcl: [], plans: [], states: [], policyFile: join(dir, "sse.yaml"), aws: { ...live(), types: ["AWS::S3::Bucket"] } });
    const results = report.results.filter((r) => r.resource.id === `reads-${ACCT}`);
    // GetBucketEncryption found nothing configured: SSE-S3, which every bucket has had since 2023.
    expect(results.map((r) => `${r.ruleId} ${r.status}`)).toEqual(["s3-bucket-sse-enabled PASS"]);
    // ListBuckets, GetBucketLocation (moto names no BucketRegion), GetBucketEncryption: nothing else.
    expect(report.evidence[0].api?.services?.s3?.calls).toBe(3);
    expect(report.evidence[0].api?.services?.tag).toBeUndefined();

    const scoped = await runAudit({ hcl: [], plans: [], states: [], policyFile: join(dir, "sse-prod.yaml"), aws: { ...live(), types: ["AWS::S3::Bucket"] } });
    expect(scoped.results.filter((r) => r.resource.id === `reads-${ACCT}`).map((r) => r.ruleId)).toEqual(["s3-bucket-sse-enabled"]);
    expect(scoped.evidence[0].api?.services?.tag?.calls).toBe(1);
  });
});
