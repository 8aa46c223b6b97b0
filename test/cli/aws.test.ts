/**
 * `audit --aws`, `gate --aws` and `iam-policy` end to end: the real collectors against moto (account
 * 200000000101, through AssumeRole), exact verdicts on known resources, gaps (AccessDenied injected by the
 * fault proxy) turning into UNKNOWN results that name the denied action, the gate's exit code 3, flag
 * errors, and the shipped IAM policy being the one `plumbline iam-policy` prints.
 */
import { Ajv } from "ajv";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { CreateDetectorCommand, GuardDutyClient } from "@aws-sdk/client-guardduty";
import { CreateBucketCommand, PutBucketEncryptionCommand, S3Client } from "@aws-sdk/client-s3";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { isReadOnlyAction } from "../../src/sources/aws/iam-policy.js";
import type { AuditReport, ReportResult } from "../../src/report/model.js";
import { startFaultProxy, type FaultProxy } from "../support/fault-proxy.js";
import { motoEndpoint } from "../support/moto.js";
import { motoAccount } from "../sources/aws/framework/helpers.js";
import { runCli } from "./run-cli.js";

const ACCT = "200000000101";
const ROLE = `arn:aws:iam::${ACCT}:role/plumbline-audit`;
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat("date-time", fullFormats["date-time"]);
const validateReport = ajv.compile(JSON.parse(readFileSync(join(PACKAGE_ROOT, "schemas/report.schema.json"), "utf8")));

const dir = mkdtempSync(join(tmpdir(), "plumbline-aws-cli-"));
/** SSE-KMS required; GuardDuty in every region in use. */
const POLICY = join(dir, "policy.yaml");
writeFileSync(
  POLICY,
  [
    "name: live-test",
    "rules:",
    "  include: { ids: [s3-bucket-sse-enabled, guardduty-enabled-every-region] }",
    "params:",
    '  s3-bucket-sse-enabled: { allowedAlgorithms: ["aws:kms"] }',
    "",
  ].join("\n"),
);

function report(stdout: string): AuditReport {
  const r = JSON.parse(stdout) as AuditReport;
  expect(validateReport(r), JSON.stringify(validateReport.errors)).toBe(true);
  return r;
}

const verdicts = (r: AuditReport, rule: string) =>
  r.results
    .filter((x: ReportResult) => x.ruleId === rule)
    .map((x) => `${x.status} ${x.resource.type} ${x.resource.id} ${x.resource.region ?? "-"}`)
    .sort();

const AWS = ["--aws", "--assume-role", ROLE, "--regions", "eu-west-1,us-east-1", "--policy", POLICY, "--format", "json"];

describe("plumbline audit --aws", () => {
  const saved = { ...process.env };
  let proxy: FaultProxy;

  beforeAll(async () => {
    const cfg = await motoAccount(ACCT);
    const s3 = new S3Client(cfg);
    await s3.send(new CreateBucketCommand({ Bucket: "lc-cli-kms" }));
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: "lc-cli-kms",
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "alias/aws/s3" } }] },
      }),
    );
    const s3eu = new S3Client({ ...cfg, region: "eu-west-1" });
    await s3eu.send(new CreateBucketCommand({ Bucket: "lc-cli-aes", CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }));
    await s3eu.send(
      new PutBucketEncryptionCommand({ Bucket: "lc-cli-aes", ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] } }),
    );
    await new GuardDutyClient(cfg).send(new CreateDetectorCommand({ Enable: true }));
    proxy = await startFaultProxy({ target: motoEndpoint(), denyServices: ["guardduty"] });
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_REGION: "us-east-1", AWS_ENDPOINT_URL: motoEndpoint() });
    delete process.env.AWS_PROFILE;
  });
  afterAll(async () => {
    process.env = saved;
    await proxy?.close();
  });

  it("judges live resources: exact verdicts, evidence with API counters, a schema-valid report", async () => {
    const run = await runCli(["audit", ...AWS]);
    expect(run.code, run.stderr).toBe(0);
    const r = report(run.stdout);
    expect(verdicts(r, "s3-bucket-sse-enabled")).toEqual(["FAIL AWS::S3::Bucket lc-cli-aes eu-west-1", "PASS AWS::S3::Bucket lc-cli-kms us-east-1"]);
    expect(verdicts(r, "guardduty-enabled-every-region")).toEqual(["FAIL AWS::::Account 200000000101 eu-west-1", "PASS AWS::::Account 200000000101 us-east-1"]);
    const ev = r.evidence.find((e) => e.source === "aws")!;
    expect(ev.location).toBe(`aws://${ACCT}`);
    expect(ev.accounts).toEqual([ACCT]);
    expect(ev.regions).toEqual(["eu-west-1", "us-east-1"]);
    expect(ev.gaps).toEqual([]);
    expect(ev.api!.calls).toBeGreaterThan(0);
    expect(ev.api!.services.s3.calls).toBeGreaterThan(0);
    expect(ev.api!.services.guardduty.calls).toBeGreaterThan(0);
    // Only the collectors the two rules need ran.
    expect(Object.keys(ev.api!.services).sort()).toEqual(["ec2", "guardduty", "s3"].filter((s) => ev.api!.services[s]).sort());
    expect(ev.api!.services.iam).toBeUndefined();
    expect(ev.api!.callsPerResource).toBeCloseTo(ev.api!.calls / ev.resources, 1);
  });

  it("gives UNKNOWN naming the denied action where a type could not be listed, and gate exits 3", async () => {
    process.env.AWS_ENDPOINT_URL = proxy.endpoint;
    try {
      const run = await runCli(["audit", ...AWS]);
      expect(run.code, run.stderr).toBe(0);
      const r = report(run.stdout);
      expect(verdicts(r, "guardduty-enabled-every-region")).toEqual(["UNKNOWN AWS::::Account 200000000101 eu-west-1", "UNKNOWN AWS::::Account 200000000101 us-east-1"]);
      const gd = r.results.find((x) => x.ruleId === "guardduty-enabled-every-region" && x.resource.region === "us-east-1")!;
      expect(gd.reason).toBe("could not list AWS::GuardDuty::Detector in 200000000101/us-east-1: guardduty:ListDetectors was denied (AccessDeniedException)");
      // S3 was readable: its verdicts are unchanged.
      expect(verdicts(r, "s3-bucket-sse-enabled")).toEqual(["FAIL AWS::S3::Bucket lc-cli-aes eu-west-1", "PASS AWS::S3::Bucket lc-cli-kms us-east-1"]);
      const ev = r.evidence.find((e) => e.source === "aws")!;
      expect(ev.gaps!.map((g) => `${g.type} ${g.region} ${g.action}`).sort()).toEqual([
        "AWS::GuardDuty::Detector eu-west-1 guardduty:ListDetectors",
        "AWS::GuardDuty::Detector us-east-1 guardduty:ListDetectors",
      ]);

      const gate = await runCli(["gate", ...AWS, "--fail-on", "high"]);
      expect(gate.code, gate.stderr).toBe(3);
      expect(report(gate.stdout).gate!.decision).toBe("incomplete");
      const allowed = await runCli(["gate", ...AWS, "--fail-on", "high", "--allow-unknown"]);
      expect(allowed.code).toBe(0);
      const blocking = await runCli(["gate", ...AWS, "--fail-on", "medium", "--allow-unknown"]);
      expect(blocking.code).toBe(1);
    } finally {
      process.env.AWS_ENDPOINT_URL = motoEndpoint();
    }
  });

  it("reports one UNKNOWN on the account for resource rules over a type that could not be listed", async () => {
    const p = await startFaultProxy({ target: motoEndpoint(), denyServices: ["s3"] });
    process.env.AWS_ENDPOINT_URL = p.endpoint;
    try {
      const run = await runCli(["audit", ...AWS]);
      const r = report(run.stdout);
      const s3 = r.results.filter((x) => x.ruleId === "s3-bucket-sse-enabled");
      expect(s3.map((x) => `${x.status} ${x.resource.type} ${x.resource.id}`)).toEqual(["UNKNOWN AWS::::Account 200000000101"]);
      expect(s3[0].reason).toBe("could not list AWS::S3::Bucket in 200000000101: s3:ListAllMyBuckets was denied (AccessDenied)");
    } finally {
      process.env.AWS_ENDPOINT_URL = motoEndpoint();
      await p.close();
    }
  });

  it("combines --aws with Terraform evidence", async () => {
    const state = join(PACKAGE_ROOT, "examples/mobilytics/generated/dev.tfstate");
    const run = await runCli(["audit", ...AWS, "--state", state]);
    expect(run.code, run.stderr).toBe(0);
    const r = report(run.stdout);
    expect(r.evidence.map((e) => e.source).sort()).toEqual(["aws", "tf-state"]);
    expect(r.results.some((x) => x.resource.source === "tf-state")).toBe(true);
    expect(r.results.some((x) => x.resource.source === "aws")).toBe(true);
  });

  it("rejects bad live flags with exit 2 and a one-line message", async () => {
    const cases: [string[], RegExp][] = [
      [["audit", "--aws", "--regions", "mars-1"], /--regions: 'mars-1' is not a region name/],
      [["audit", "--aws", "--accounts", "200000000101"], /--accounts needs --role-name/],
      [["audit", "--aws", "--accounts", "12ab"], /'12ab' is not a 12-digit account id/],
      [["audit", "--aws", "--assume-role", "role/x"], /--assume-role "role\/x": expected a role ARN/],
      [["audit", "--aws", "--concurrency", "0"], /--concurrency: '0' is not a whole number/],
      [["audit", "--state", "x.tfstate", "--regions", "eu-west-1"], /need --aws/],
      [["audit", "--aws", "--org"], /--org needs --role-name/],
    ];
    for (const [args, msg] of cases) {
      const run = await runCli(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(msg);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});

describe("plumbline iam-policy", () => {
  it("prints the shipped deploy/iam policy for the baseline (regenerate: node bin/plumbline.js iam-policy > deploy/iam/plumbline-readonly-policy.json)", async () => {
    const run = await runCli(["iam-policy"]);
    expect(run.code, run.stderr).toBe(0);
    const shipped = readFileSync(join(PACKAGE_ROOT, "deploy/iam/plumbline-readonly-policy.json"), "utf8");
    expect(run.stdout, "deploy/iam/plumbline-readonly-policy.json is stale: regenerate it with `node bin/plumbline.js iam-policy`").toBe(shipped);
    const doc = JSON.parse(run.stdout);
    const actions: string[] = doc.Statement[0].Action;
    expect(actions).toEqual(expect.arrayContaining(["sts:GetCallerIdentity", "ec2:DescribeRegions", "s3:ListAllMyBuckets", "iam:GetAccountAuthorizationDetails"]));
    expect(actions.filter((a) => !isReadOnlyAction(a))).toEqual([]);
    expect(doc.Statement[0].Effect).toBe("Allow");
  });

  it("asks only for what a pack's enabled rules need", async () => {
    const run = await runCli(["iam-policy", "--policy", POLICY]);
    expect(run.code, run.stderr).toBe(0);
    const actions: string[] = JSON.parse(run.stdout).Statement[0].Action;
    const services = [...new Set(actions.map((a) => a.split(":")[0]))].sort();
    // "tag": S3 bucket tags are read in bulk (tag:GetResources), per collector, whatever the pack reads.
    expect(services).toEqual(["ec2", "guardduty", "s3", "sts", "tag"]);
  });
});
