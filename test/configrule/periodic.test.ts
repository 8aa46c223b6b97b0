/**
 * Periodic (ScheduledNotification) invocations and PutEvaluations handling, end to end over HTTP against a
 * replay server that plays AWS Config's inventory (ListDiscoveredResources pages, BatchGetResourceConfig,
 * GetComplianceDetailsByConfigRule) and records every request.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createHandler } from "../../src/configrule/handler.js";
import { awsJsonError, startReplayServer, type RecordedRequest, type ReplayResponse, type ReplayServer } from "../support/replay-server.js";
import { ACCOUNT, captureLog, configClient, noSleep, periodicEvent, ruleSet, s3ApiItem } from "./helpers.js";

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const NOTIFIED = Date.parse("2026-11-21T00:00:00.000Z") / 1000;

interface Inventory {
  /** type → API items */
  items: Record<string, any[]>;
  /** previously evaluated resources (GetComplianceDetailsByConfigRule) */
  prior?: { type: string; id: string }[];
  /** types whose listing is denied */
  denied?: string[];
  /** PutEvaluations override */
  put?: (req: RecordedRequest, n: number) => ReplayResponse | undefined;
}

function inventory(inv: Inventory) {
  let puts = 0;
  return (req: RecordedRequest): ReplayResponse | undefined => {
    const b = req.json ?? {};
    switch (req.action) {
      case "ListDiscoveredResources": {
        if (inv.denied?.includes(b.resourceType)) return awsJsonError("AccessDeniedException", "User is not authorized to perform config:ListDiscoveredResources");
        const all = inv.items[b.resourceType] ?? [];
        const start = b.nextToken ? Number(b.nextToken) : 0;
        const page = all.slice(start, start + b.limit);
        return {
          body: {
            resourceIdentifiers: page.map((i) => ({ resourceType: i.resourceType, resourceId: i.resourceId, resourceName: i.resourceName })),
            ...(start + b.limit < all.length ? { nextToken: String(start + b.limit) } : {}),
          },
        };
      }
      case "BatchGetResourceConfig": {
        const items = b.resourceKeys.map((k: any) => (inv.items[k.resourceType] ?? []).find((i) => i.resourceId === k.resourceId)).filter(Boolean);
        return { body: { baseConfigurationItems: items, unprocessedResourceKeys: [] } };
      }
      case "GetComplianceDetailsByConfigRule":
        return {
          body: {
            EvaluationResults: (inv.prior ?? []).map((p) => ({
              EvaluationResultIdentifier: { EvaluationResultQualifier: { ConfigRuleName: b.ConfigRuleName, ResourceType: p.type, ResourceId: p.id }, OrderingTimestamp: 1763000000 },
              ComplianceType: "COMPLIANT",
              ResultRecordedTime: 1763000000,
              ConfigRuleInvokedTime: 1763000000,
            })),
          },
        };
      case "PutEvaluations":
        return inv.put?.(req, ++puts) ?? { body: { FailedEvaluations: [] } };
    }
    return undefined;
  };
}

async function run(event: unknown, inv: Inventory, retries?: number) {
  server = await startReplayServer(inventory(inv));
  const { lines, log } = captureLog();
  const h = createHandler({ ruleSet: await ruleSet(), client: configClient(server.endpoint), log, sleep: noSleep, put: { retries } });
  let outcome, error;
  try {
    outcome = await h(event);
  } catch (e) {
    error = e as Error;
  }
  const puts = server.requests.filter((r) => r.action === "PutEvaluations").map((r) => r.json);
  return { outcome, error, puts, lines, requests: server.requests };
}

const buckets = (n: number, versioning: "Enabled" | "Off" = "Enabled") => Array.from({ length: n }, (_, i) => s3ApiItem(`bucket-${String(i).padStart(3, "0")}`, { versioning }));

describe("ScheduledNotification", () => {
  it("enumerates 250 buckets (pages of 100) and sends them in PutEvaluations batches of 100, 100 and 50", async () => {
    const { outcome, puts, requests } = await run(periodicEvent({ rules: "s3-bucket-versioning" }), { items: { "AWS::S3::Bucket": buckets(250) } });
    expect(outcome).toMatchObject({ status: "ok", trigger: "periodic", evaluations: 250, calls: 3, failed: 0 });
    expect(puts.map((p) => p.Evaluations.length)).toEqual([100, 100, 50]);
    const all = puts.flatMap((p) => p.Evaluations);
    expect(new Set(all.map((e: any) => e.ComplianceResourceId)).size).toBe(250);
    expect(all.every((e: any) => e.ComplianceType === "COMPLIANT" && e.OrderingTimestamp === NOTIFIED && e.ComplianceResourceType === "AWS::S3::Bucket")).toBe(true);
    expect(puts.every((p) => p.ResultToken === "token-periodic")).toBe(true);
    // Read-only inventory: 3 list pages, 3 batch gets of ≤100 keys, one compliance listing.
    const list = requests.filter((r) => r.action === "ListDiscoveredResources");
    expect(list.map((r) => r.json.nextToken ?? null)).toEqual([null, "100", "200"]);
    expect(requests.filter((r) => r.action === "BatchGetResourceConfig").map((r) => r.json.resourceKeys.length)).toEqual([100, 100, 50]);
  });

  it("clears stale evaluations: resources evaluated before and gone now become NOT_APPLICABLE", async () => {
    const { puts } = await run(periodicEvent({ rules: "s3-bucket-versioning" }), {
      items: { "AWS::S3::Bucket": buckets(2, "Off") },
      prior: [
        { type: "AWS::S3::Bucket", id: "bucket-000" },
        { type: "AWS::S3::Bucket", id: "deleted-bucket" },
      ],
    });
    expect(puts).toHaveLength(1);
    expect(puts[0].Evaluations).toEqual([
      expect.objectContaining({ ComplianceResourceId: "bucket-000", ComplianceType: "NON_COMPLIANT" }),
      expect.objectContaining({ ComplianceResourceId: "bucket-001", ComplianceType: "NON_COMPLIANT" }),
      {
        ComplianceResourceType: "AWS::S3::Bucket",
        ComplianceResourceId: "deleted-bucket",
        ComplianceType: "NOT_APPLICABLE",
        OrderingTimestamp: NOTIFIED,
        Annotation: "the resource is no longer in AWS Config's inventory",
      },
    ]);
  });

  it("a type that cannot be listed keeps its old evaluations (no stale cleanup) and makes account rules over it UNKNOWN", async () => {
    const { puts, lines } = await run(periodicEvent({ rules: "cloudtrail-multi-region,s3-bucket-versioning" }), {
      items: { "AWS::S3::Bucket": buckets(1) },
      denied: ["AWS::CloudTrail::Trail"],
      prior: [{ type: "AWS::CloudTrail::Trail", id: "org-trail" }],
    });
    const evals = puts.flatMap((p) => p.Evaluations);
    expect(evals).toEqual([
      expect.objectContaining({ ComplianceResourceId: "bucket-000", ComplianceType: "COMPLIANT" }),
      {
        ComplianceResourceType: "AWS::::Account",
        ComplianceResourceId: ACCOUNT,
        ComplianceType: "NOT_APPLICABLE",
        OrderingTimestamp: NOTIFIED,
        Annotation: expect.stringMatching(/^UNKNOWN: cloudtrail-multi-region: AWS::CloudTrail::Trail could not be listed \(AccessDeniedException/),
      },
    ]);
    expect(lines.some((l) => l.level === "warn" && l.msg === "could not enumerate AWS::CloudTrail::Trail")).toBe(true);
  });

  it("reports account-level rules on AWS::::Account: no multi-region trail is NON_COMPLIANT", async () => {
    const { puts } = await run(periodicEvent({ rules: "cloudtrail-multi-region" }), { items: {} });
    expect(puts[0].Evaluations).toEqual([
      { ComplianceResourceType: "AWS::::Account", ComplianceResourceId: ACCOUNT, ComplianceType: "NON_COMPLIANT", OrderingTimestamp: NOTIFIED, Annotation: expect.stringMatching(/^cloudtrail-multi-region: /) },
    ]);
  });

  it("stale cleanup that cannot list prior evaluations is skipped with a warning, and the run still reports", async () => {
    server = await startReplayServer((req) => {
      if (req.action === "GetComplianceDetailsByConfigRule") return awsJsonError("AccessDeniedException", "denied");
      return inventory({ items: { "AWS::S3::Bucket": buckets(1) } })(req);
    });
    const { lines, log } = captureLog();
    const outcome = await createHandler({ ruleSet: await ruleSet(), client: configClient(server.endpoint), log, sleep: noSleep })(periodicEvent({ rules: "s3-bucket-versioning" }));
    expect(outcome).toMatchObject({ status: "ok", evaluations: 1 });
    expect(lines.some((l) => l.level === "warn" && /stale evaluations were not cleared/.test(l.msg))).toBe(true);
  });
});

describe("PutEvaluations retries", () => {
  it("retries exactly the FailedEvaluations, then succeeds", async () => {
    const { outcome, puts } = await run(periodicEvent({ rules: "s3-bucket-versioning" }), {
      items: { "AWS::S3::Bucket": buckets(3) },
      put: (req, n) => (n === 1 ? { body: { FailedEvaluations: req.json.Evaluations.slice(1, 3) } } : undefined),
    });
    expect(outcome).toMatchObject({ status: "ok", calls: 2, failed: 0 });
    expect(puts.map((p) => p.Evaluations.map((e: any) => e.ComplianceResourceId))).toEqual([
      ["bucket-000", "bucket-001", "bucket-002"],
      ["bucket-001", "bucket-002"],
    ]);
  });

  it("retries a throttled call", async () => {
    const { outcome, puts } = await run(periodicEvent({ rules: "s3-bucket-versioning" }), {
      items: { "AWS::S3::Bucket": buckets(2) },
      put: (_req, n) => (n === 1 ? awsJsonError("ThrottlingException", "Rate exceeded") : undefined),
    });
    expect(outcome).toMatchObject({ status: "ok", calls: 2 });
    expect(puts[1].Evaluations).toHaveLength(2);
  });

  it("gives up after the bounded retries and fails the invocation, naming what was not accepted", async () => {
    const { error, puts, lines } = await run(
      periodicEvent({ rules: "s3-bucket-versioning" }),
      { items: { "AWS::S3::Bucket": buckets(2) }, put: (req) => ({ body: { FailedEvaluations: req.json.Evaluations.slice(0, 1) } }) },
      2,
    );
    expect(puts).toHaveLength(3); // first attempt + 2 retries
    expect(puts[1].Evaluations.map((e: any) => e.ComplianceResourceId)).toEqual(["bucket-000"]);
    expect(error?.message).toMatch(/^PutEvaluations: 1 evaluation\(s\) were not accepted after retries \(AWS::S3::Bucket\/bucket-000\)/);
    expect(lines.some((l) => l.level === "error")).toBe(true);
  });
});

describe("types plumbline cannot read", () => {
  it("a judged type without an adapter: each resource UNKNOWN", async () => {
    // AWS Config records no SSM parameters; an item of a type without an adapter is never guessed at.
    const param = { ...s3ApiItem("x"), resourceType: "AWS::SSM::Parameter", resourceId: "/orders/db-password", configuration: JSON.stringify({ name: "/orders/db-password", type: "SecureString" }), supplementaryConfiguration: {} };
    const { puts } = await run(periodicEvent({ rules: "ssm-parameter-secure-cmk" }), { items: { "AWS::SSM::Parameter": [param] } });
    expect(puts[0].Evaluations).toEqual([
      expect.objectContaining({ ComplianceResourceType: "AWS::SSM::Parameter", ComplianceType: "NOT_APPLICABLE", Annotation: "UNKNOWN: AWS Config does not record Systems Manager parameters (no AWS::SSM::Parameter resource type)" }),
    ]);
  });

  it("a type read only through counts that AWS Config does not record is not fetched: its region rule is UNKNOWN with the reason", async () => {
    const { puts, requests } = await run(periodicEvent({ rules: "ebs-encryption-by-default" }), { items: {} });
    expect(requests.filter((r) => r.action === "ListDiscoveredResources")).toEqual([]);
    expect(puts[0].Evaluations).toEqual([
      expect.objectContaining({
        ComplianceResourceType: "AWS::::Account",
        ComplianceType: "NOT_APPLICABLE",
        Annotation: expect.stringMatching(/^UNKNOWN: ebs-encryption-by-default: AWS::EC2::EBSEncryptionByDefault could not be listed \(AWS Config does not record EBS encryption by default .*EC2_EBS_ENCRYPTION_BY_DEFAULT/),
      }),
    ]);
  });

  it("a backup plan's selections are listed with it (their own Config type) and joined: coverage on AWS::::Account", async () => {
    const plan = { ...s3ApiItem("x"), resourceType: "AWS::Backup::BackupPlan", resourceId: "plan-1", arn: `arn:aws:backup:eu-west-1:${ACCOUNT}:backup-plan:plan-1`, configuration: JSON.stringify({ BackupPlanId: "plan-1", BackupPlan: { BackupPlanName: "daily", BackupPlanRule: [{ RuleName: "d", TargetBackupVault: "v", Lifecycle: { DeleteAfterDays: 35 } }] } }), supplementaryConfiguration: {} };
    const sel = { ...plan, resourceType: "AWS::Backup::BackupSelection", resourceId: "sel-1", configuration: JSON.stringify({ BackupPlanId: "plan-1", SelectionId: "sel-1", BackupSelection: { SelectionName: "dbs", IamRoleArn: "arn:aws:iam::1:role/b", Resources: ["arn:aws:rds:eu-west-1:1:db:orders"] } }) };
    const { puts, requests } = await run(periodicEvent({ rules: "backup-plan-coverage" }), { items: { "AWS::Backup::BackupPlan": [plan], "AWS::Backup::BackupSelection": [sel] } });
    expect(requests.filter((r) => r.action === "ListDiscoveredResources").map((r) => r.json.resourceType)).toEqual(["AWS::Backup::BackupPlan", "AWS::Backup::BackupSelection"]);
    expect(puts[0].Evaluations).toEqual([expect.objectContaining({ ComplianceResourceType: "AWS::::Account", ComplianceType: "COMPLIANT" })]);
    await server?.close();
    const bare = await run(periodicEvent({ rules: "backup-plan-coverage" }), { items: { "AWS::Backup::BackupPlan": [plan] } });
    expect(bare.puts[0].Evaluations).toEqual([expect.objectContaining({ ComplianceResourceType: "AWS::::Account", ComplianceType: "NON_COMPLIANT" })]);
  });

  it("GuardDuty detectors (CloudFormation-shaped items) feed the region rule: enabled → COMPLIANT on AWS::::Account", async () => {
    const det = { ...s3ApiItem("x"), resourceType: "AWS::GuardDuty::Detector", resourceId: "12abc34d567e8fa901bc2d34e56789f0", arn: undefined, configuration: JSON.stringify({ Enable: true, FindingPublishingFrequency: "SIX_HOURS" }), supplementaryConfiguration: {} };
    const on = await run(periodicEvent({ rules: "guardduty-enabled-every-region" }), { items: { "AWS::GuardDuty::Detector": [det] } });
    expect(on.puts[0].Evaluations).toEqual([expect.objectContaining({ ComplianceResourceType: "AWS::::Account", ComplianceResourceId: ACCOUNT, ComplianceType: "COMPLIANT" })]);
    await server?.close();
    const off = await run(periodicEvent({ rules: "guardduty-enabled-every-region" }), { items: { "AWS::GuardDuty::Detector": [{ ...det, configuration: JSON.stringify({ Enable: false }) }] } });
    expect(off.puts[0].Evaluations).toEqual([expect.objectContaining({ ComplianceResourceType: "AWS::::Account", ComplianceType: "NON_COMPLIANT" })]);
  });
});
