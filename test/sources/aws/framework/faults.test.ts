/**
 * Fault injection: the baseline audit of one moto account over three regions, once straight to moto and
 * once through the fault proxy (30% throttling, 5xx, timeouts, AccessDenied for KMS, us-west-2 dropped).
 * The injected run completes; every verdict is the clean run's or UNKNOWN with a reason (no false PASS,
 * no false FAIL); the retries and throttles show in the evidence counters; KMS gaps name the denied
 * action; the dropped region's types are gaps.
 */
import { CloudWatchLogsClient, CreateLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateDetectorCommand, GuardDutyClient } from "@aws-sdk/client-guardduty";
import { CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from "@aws-sdk/client-kms";
import { CreateBucketCommand, PutBucketEncryptionCommand, PutBucketVersioningCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICY, judge, loadRuleSet } from "../../../../src/audit.js";
import { loadPolicy } from "../../../../src/policy/loader.js";
import { preparePolicy } from "../../../../src/policy/select.js";
import type { AuditReport } from "../../../../src/report/model.js";
import { ruleResourceTypes } from "../../../../src/rules/reads.js";
import { collectLiveRun } from "../../../../src/sources/aws/collect.js";
import { startFaultProxy } from "../../../support/fault-proxy.js";
import { motoClientConfig, motoEndpoint } from "../../../support/moto.js";
import { motoAccount, roleArn } from "./helpers.js";

const ACCT = "200000000201";
const REGIONS = ["eu-west-1", "us-east-1", "us-west-2"];
const NOW = new Date("2026-11-26T00:00:00Z");

async function provision(): Promise<void> {
  const base = await motoAccount(ACCT);
  for (const region of REGIONS) {
    const cfg = { ...base, region };
    const s3 = new S3Client(cfg);
    for (let i = 0; i < 3; i++) {
      const Bucket = `fi-${region}-${i}`;
      await s3.send(new CreateBucketCommand({ Bucket, ...(region === "us-east-1" ? {} : { CreateBucketConfiguration: { LocationConstraint: region as "eu-west-1" } }) }));
      if (i > 0) await s3.send(new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: i === 1 ? "AES256" : "aws:kms" } }] } }));
      if (i === 2) await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: "Enabled" } }));
    }
    const kms = new KMSClient(cfg);
    const key = await kms.send(new CreateKeyCommand({ Description: "fi" }));
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyMetadata!.KeyId }));
    await kms.send(new CreateKeyCommand({ Description: "fi-no-rotation" }));
    const logs = new CloudWatchLogsClient(cfg);
    for (let i = 0; i < 3; i++) await logs.send(new CreateLogGroupCommand({ logGroupName: `/fi/${region}/${i}`, ...(i === 0 ? { kmsKeyId: key.KeyMetadata!.Arn } : {}) }));
    await new SecretsManagerClient(cfg).send(new CreateSecretCommand({ Name: `fi/${region}`, SecretString: "x", KmsKeyId: key.KeyMetadata!.KeyId }));
    await new SSMClient(cfg).send(new PutParameterCommand({ Name: `/fi/${region}`, Value: "x", Type: "SecureString" }));
    await new DynamoDBClient(cfg).send(
      new CreateTableCommand({ TableName: `fi-${region}`, AttributeDefinitions: [{ AttributeName: "k", AttributeType: "S" }], KeySchema: [{ AttributeName: "k", KeyType: "HASH" }], BillingMode: "PAY_PER_REQUEST" }),
    );
    if (region !== "us-west-2") await new GuardDutyClient(cfg).send(new CreateDetectorCommand({ Enable: true }));
  }
}

describe("live audit through injected faults", () => {
  let clean: AuditReport;
  let faulty: AuditReport;
  let run: Awaited<ReturnType<typeof collectLiveRun>>;
  let counts: Record<string, number>;

  beforeAll(async () => {
    await provision();
    const [policy, rules] = await Promise.all([loadPolicy(DEFAULT_POLICY), loadRuleSet()]);
    const types = ruleResourceTypes(preparePolicy(policy, rules).rules);
    const opts = { credentials: motoClientConfig().credentials, assumeRoles: [roleArn(ACCT)], regions: REGIONS, types, homeRegion: "us-east-1" };
    const cleanRun = await collectLiveRun({ ...opts, endpoint: motoEndpoint() });
    clean = judge(policy, rules, cleanRun.evidence, NOW);
    const proxy = await startFaultProxy({
      target: motoEndpoint(),
      throttleRate: 0.3,
      serverErrorRate: 0.05,
      timeoutRate: 0.02,
      denyServices: ["kms"],
      dropRegions: ["us-west-2"],
      seed: 7,
    });
    try {
      run = await collectLiveRun({ ...opts, endpoint: proxy.endpoint, requestTimeoutMs: 800, connectTimeoutMs: 800, maxAttempts: 5 });
      counts = proxy.counts();
    } finally {
      await proxy.close();
    }
    faulty = judge(policy, rules, run.evidence, NOW);
  }, 180_000);

  it("injected every kind of fault", () => {
    expect(counts.throttle).toBeGreaterThan(10);
    expect(counts["server-error"]).toBeGreaterThan(0);
    expect(counts.timeout).toBeGreaterThan(0);
    expect(counts.denied).toBeGreaterThan(0);
    expect(counts.dropped).toBeGreaterThan(0);
  });

  it("gives every clean verdict again, or UNKNOWN with a reason: no false PASS or FAIL", () => {
    const before = new Map(clean.results.map((r) => [r.fingerprint, r]));
    let same = 0;
    for (const r of faulty.results) {
      const was = before.get(r.fingerprint);
      if (r.status === "UNKNOWN") {
        expect(r.reason, `${r.ruleId} ${r.resource.id}`).not.toBe("");
        continue;
      }
      // Not UNKNOWN: it must be a verdict the clean run gave too.
      expect(was, `${r.ruleId} on ${r.resource.type} ${r.resource.id} is ${r.status} only under faults`).toBeDefined();
      expect(`${r.ruleId} ${r.resource.id} ${r.status}`).toBe(`${r.ruleId} ${r.resource.id} ${was!.status}`);
      same++;
    }
    // Outside KMS and us-west-2 most verdicts survive the throttling.
    expect(same).toBeGreaterThan(clean.results.length / 4);
    expect(clean.summary.PASS + clean.summary.FAIL).toBeGreaterThan(20);
  });

  it("shows retries and throttles in the evidence counters", () => {
    const ev = faulty.evidence.find((e) => e.source === "aws")!;
    expect(ev.api!.retries).toBeGreaterThan(0);
    expect(ev.api!.throttles).toBeGreaterThan(0);
    expect(ev.api!.throttles).toBeLessThanOrEqual(counts.throttle);
    expect(Object.values(ev.api!.services).some((s) => s.throttles > 0 && s.retries > 0)).toBe(true);
    // The clean run retries only what moto answers with 500 (actions it lacks); it is never throttled.
    const cleanEv = clean.evidence.find((e) => e.source === "aws")!;
    expect(cleanEv.api!.throttles).toBe(0);
    expect(ev.api!.retries).toBeGreaterThan(cleanEv.api!.retries);
  });

  it("names the denied KMS action and makes KMS-key rules UNKNOWN on the account", () => {
    const ev = run.evidence[0];
    const kms = ev.gaps.filter((g) => g.type === "AWS::KMS::Key" && g.region !== "us-west-2");
    expect(kms.map((g) => g.region).sort()).toEqual(["eu-west-1", "us-east-1"]);
    for (const g of kms) {
      expect(g.action).toBe("kms:ListKeys");
      expect(g.reason).toMatch(/^kms:ListKeys was denied \(AccessDeniedException\)$/);
    }
    const rotation = faulty.results.filter((r) => r.ruleId === "kms-key-rotation-enabled");
    expect(rotation.length).toBeGreaterThan(0);
    for (const r of rotation) {
      expect(r.status).toBe("UNKNOWN");
      expect(r.resource.type).toBe("AWS::::Account");
    }
    expect(rotation.map((r) => r.reason)).toContain(`could not list AWS::KMS::Key in ${ACCT}/eu-west-1: kms:ListKeys was denied (AccessDeniedException)`);
  });

  it("turns the dropped region into gaps, not an error", () => {
    const ev = run.evidence[0];
    const west = ev.gaps.filter((g) => g.region === "us-west-2");
    expect(west.length).toBeGreaterThan(3);
    for (const g of west) expect(g.reason).toMatch(/could not reach the endpoint|timed out|denied/);
    // No verdict about us-west-2 other than UNKNOWN for regional types listed there.
    const gd = faulty.results.filter((r) => r.ruleId === "guardduty-enabled-every-region" && r.resource.region === "us-west-2");
    expect(gd.map((r) => r.status)).toEqual(["UNKNOWN"]);
  });
});
