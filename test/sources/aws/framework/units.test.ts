/**
 * The framework's pure parts: SDK error → CallFailure, the limiter, the progress line, which types a rule
 * reads, and evidence gaps turning into UNKNOWN in judge() (with built-in rules, hand-made live evidence).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, judge, loadRuleSet } from "../../../../src/audit.js";
import type { Resource } from "../../../../src/model/resource.js";
import { loadPolicy } from "../../../../src/policy/loader.js";
import { ruleReads, ruleResourceTypes } from "../../../../src/rules/reads.js";
import { Limiter } from "../../../../src/sources/aws/clients.js";
import type { ResourceEvidence } from "../../../../src/sources/aws/contract.js";
import { toFailure } from "../../../../src/sources/aws/failures.js";
import { progressFor, TtyProgress } from "../../../../src/sources/aws/progress.js";

const sdkError = (name: string, status?: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error("message text that must not reach the report"), { name, $metadata: { httpStatusCode: status, attempts: 3 }, ...extra });

describe("toFailure", () => {
  it("names the IAM action of a denied call, never the error's message", () => {
    for (const name of ["AccessDenied", "AccessDeniedException", "UnauthorizedOperation"]) {
      const f = toFailure(sdkError(name, 403), "s3:GetBucketPolicy");
      expect(f).toEqual({ code: "AccessDenied", reason: `s3:GetBucketPolicy was denied (${name})`, action: "s3:GetBucketPolicy" });
    }
    expect(toFailure(sdkError("SyntaxError", 403), "kms:ListKeys").reason).toBe("kms:ListKeys was denied (HTTP 403)");
  });

  it("tells throttling, timeouts, unreachable regions, unsupported calls and server errors apart", () => {
    expect(toFailure(sdkError("ThrottlingException", 400), "logs:DescribeLogGroups")).toMatchObject({ code: "Throttling", reason: "logs:DescribeLogGroups was throttled past 3 attempt(s) (ThrottlingException)" });
    expect(toFailure(sdkError("SlowDown", 503), "s3:ListAllMyBuckets").code).toBe("Throttling");
    expect(toFailure(sdkError("TimeoutError"), "ec2:DescribeVpcs")).toMatchObject({ code: "Timeout", reason: "ec2:DescribeVpcs timed out after 3 attempt(s)" });
    expect(toFailure(Object.assign(new Error("x"), { code: "ECONNREFUSED" }), "rds:DescribeDBInstances")).toMatchObject({ code: "RegionUnreachable" });
    expect(toFailure(Object.assign(new Error("x"), { name: "Error", cause: { code: "ECONNRESET" } }), "rds:DescribeDBInstances").code).toBe("RegionUnreachable");
    expect(toFailure(sdkError("NotImplemented", 501), "config:DescribeDeliveryChannelStatus").code).toBe("NotImplemented");
    expect(toFailure(sdkError("SyntaxError", 500), "backup:ListProtectedResources").code).toBe("NotImplemented");
    expect(toFailure(sdkError("InternalError", 500), "kms:DescribeKey")).toMatchObject({ code: "ServerError", reason: "kms:DescribeKey failed with HTTP 500 after 3 attempt(s) (InternalError)" });
    expect(toFailure(undefined, "x:Y")).toEqual({ code: "Error", reason: "x:Y failed", action: "x:Y" });
  });
});

describe("Limiter", () => {
  it("never runs more than its limit at once and hands slots over in order", async () => {
    const l = new Limiter(3);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        l.run(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 2));
          order.push(i);
          active--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(l.peak).toBe(3);
    expect(order).toHaveLength(20);
    expect(() => new Limiter(0)).toThrow(/concurrency/);
  });
});

describe("progress", () => {
  it("draws one rewritten line on a TTY and nothing otherwise", () => {
    let out = "";
    const tty = new TtyProgress({ write: (s: string) => (out += s), isTTY: true }, 0);
    tty.accounts(2);
    tty.planned(6, 3);
    tty.taskDone("s3", 12);
    tty.taskDone("iam", 3);
    tty.regionDone();
    tty.accountDone();
    expect(tty.line()).toBe("plumbline: AWS accounts 1/2 · regions 1/3 · services 2 (2/6 done) · 15 resources found");
    expect(out.startsWith("\r\x1b[2K")).toBe(true);
    tty.finish();
    expect(out.endsWith("\r\x1b[2K")).toBe(true);
    let quiet = "";
    for (const [stream, q] of [[{ write: (s: string) => (quiet += s), isTTY: false }, false], [{ write: (s: string) => (quiet += s), isTTY: true }, true]] as const) {
      const p = progressFor(stream, q);
      p.accounts(1);
      p.taskDone("s3", 1);
      p.finish();
    }
    expect(quiet).toBe("");
  });
});

describe("rule reads", () => {
  it("finds subjects, ref and count types; scoped rules read the account only through their own props", async () => {
    const rules = await loadRuleSet();
    const byId = (id: string) => rules.find((r) => r.id === id)!;
    expect(ruleReads(byId("config-recorder-all-resources"))).toEqual({ subjects: [], refs: [], counts: ["AWS::Config::ConfigurationRecorder", "AWS::Config::DeliveryChannel"] });
    expect(ruleReads(byId("s3-bucket-sse-enabled"))).toEqual({ subjects: ["AWS::S3::Bucket"], refs: [], counts: [] });
    expect(ruleReads(byId("iam-root-mfa")).subjects).toEqual(["AWS::::Account"]);
    const types = ruleResourceTypes(rules);
    expect(types).toEqual([...types].sort());
    expect(types).toEqual(expect.arrayContaining(["AWS::S3::Bucket", "AWS::KMS::Key", "AWS::GuardDuty::Detector", "AWS::::Account"]));
  });
});

describe("gaps in judge()", () => {
  const ACCT = "200000000301";
  const origin = { source: "aws" as const, location: `aws://${ACCT}` };
  const bucket: Resource = {
    type: "AWS::S3::Bucket",
    id: "gap-b1",
    arn: "arn:aws:s3:::gap-b1",
    account: ACCT,
    region: "eu-west-1",
    tags: {},
    props: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] } },
    origin,
  };
  const detector: Resource = { type: "AWS::GuardDuty::Detector", id: "d-eu", account: ACCT, region: "eu-west-1", tags: {}, props: { Enable: true }, origin };
  const live = (gaps: ResourceEvidence["gaps"]): ResourceEvidence => ({
    source: "aws",
    location: `aws://${ACCT}`,
    account: ACCT,
    regions: ["eu-west-1", "us-east-1"],
    resources: [bucket, detector],
    notes: [],
    gaps,
    collectedAt: "2026-11-25T00:00:00.000Z",
    api: { s3: { calls: 4, retries: 1, throttles: 1, errors: 0 } },
  });

  async function run(gaps: ResourceEvidence["gaps"]) {
    const [policy, all] = await Promise.all([loadPolicy(DEFAULT_POLICY), loadRuleSet()]);
    const rules = all.filter((r) => ["s3-bucket-sse-enabled", "guardduty-enabled-every-region"].includes(r.id));
    return judge(policy, rules, [live(gaps)], new Date("2026-11-25T00:00:00Z"));
  }
  const lines = (r: Awaited<ReturnType<typeof run>>) => r.results.map((x) => `${x.ruleId} ${x.status} ${x.resource.type} ${x.resource.id} ${x.resource.region ?? "-"}: ${x.reason}`).sort();

  it("judges live evidence as is, with its counters in the evidence entry", async () => {
    const r = await run([]);
    expect(r.results.map((x) => `${x.ruleId} ${x.status} ${x.resource.id} ${x.resource.region}`).sort()).toEqual([
      "guardduty-enabled-every-region PASS 200000000301 eu-west-1",
      "s3-bucket-sse-enabled PASS gap-b1 eu-west-1",
    ]);
    expect(r.results.map((x) => x.status)).toEqual(["PASS", "PASS"]);
    expect(r.evidence[0]).toMatchObject({ source: "aws", resources: 2, accounts: [ACCT], regions: ["eu-west-1", "us-east-1"], gaps: [], api: { calls: 4, retries: 1, throttles: 1, errors: 0, callsPerResource: 2 } });
  });

  it("makes rules reading a gapped type UNKNOWN there, with one account result where nothing could be judged", async () => {
    const r = await run([
      { type: "AWS::GuardDuty::Detector", account: ACCT, region: "eu-west-1", reason: "guardduty:ListDetectors was throttled past 5 attempt(s) (ThrottlingException)", action: "guardduty:ListDetectors" },
      { type: "AWS::GuardDuty::Detector", account: ACCT, region: "us-east-1", reason: "guardduty:ListDetectors was denied (AccessDeniedException)", action: "guardduty:ListDetectors" },
      { type: "AWS::S3::Bucket", account: ACCT, reason: "s3:ListAllMyBuckets was denied (AccessDenied)", action: "s3:ListAllMyBuckets" },
    ]);
    expect(lines(r)).toEqual([
      // A detector was found in eu-west-1, but the listing there failed: no verdict.
      "guardduty-enabled-every-region UNKNOWN AWS::::Account 200000000301 eu-west-1: could not list AWS::GuardDuty::Detector in 200000000301/eu-west-1: guardduty:ListDetectors was throttled past 5 attempt(s) (ThrottlingException)",
      // us-east-1 had no resources, so no group: the gap speaks for it.
      "guardduty-enabled-every-region UNKNOWN AWS::::Account 200000000301 us-east-1: could not list AWS::GuardDuty::Detector in 200000000301/us-east-1: guardduty:ListDetectors was denied (AccessDeniedException)",
      // The bucket that was read keeps its verdict; the rest of S3 is one UNKNOWN on the account.
      "s3-bucket-sse-enabled PASS AWS::S3::Bucket gap-b1 eu-west-1: BucketEncryption.ServerSideEncryptionConfiguration[*].ServerSideEncryptionByDefault.SSEAlgorithm is \"AES256\"",
      "s3-bucket-sse-enabled UNKNOWN AWS::::Account 200000000301 -: could not list AWS::S3::Bucket in 200000000301: s3:ListAllMyBuckets was denied (AccessDenied)",
    ]);
    expect(r.summary.UNKNOWN).toBe(3);
    expect(r.evidence[0].gaps).toHaveLength(3);
  });
});
