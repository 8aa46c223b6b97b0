/**
 * Phantom regions: `--regions eu-west-1` while S3's ListBuckets (global, once per account) names buckets
 * in other regions. Those buckets are left out with a note (and get no per-bucket call), so no region
 * scope opens where GuardDuty, Config... were not collected: "GuardDuty in every region" is judged in
 * eu-west-1 only, never FAIL in a region that was not audited. A global type's record (reported in
 * us-east-1, where its API lives) keeps no region the audit did not cover. Drift: a bucket in a region
 * that was not audited is "not compared", never "missing". Moto accounts 270000000010-19.
 */
import { CreateBucketCommand, PutBucketTaggingCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateDetectorCommand, GuardDutyClient } from "@aws-sdk/client-guardduty";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICY, judge, loadRuleSet } from "../../../../src/audit.js";
import { diffResources } from "../../../../src/drift/diff.js";
import { liveCoverage } from "../../../../src/drift/run.js";
import type { Resource } from "../../../../src/model/resource.js";
import { loadPolicy } from "../../../../src/policy/loader.js";
import { collectLiveRun, keepAudited, type LiveRun } from "../../../../src/sources/aws/collect.js";
import { GUARDDUTY_COLLECTOR } from "../../../../src/sources/aws/collectors/guardduty.js";
import { S3_COLLECTOR } from "../../../../src/sources/aws/collectors/s3.js";
import type { Collector } from "../../../../src/sources/aws/contract.js";
import { motoClientConfig, motoEndpoint } from "../../../support/moto.js";
import { motoAccount, record, roleArn } from "./helpers.js";

const ACCT = "270000000010";
const CF = "AWS::CloudFront::Distribution";

/** A global collector of a global type: its record says us-east-1, where the API was called. */
const DISTRIBUTIONS: Collector = {
  service: "cloudfront",
  types: [CF],
  global: true,
  actions: ["cloudfront:ListDistributions"],
  async collect(ctx) {
    return [record(ctx, CF, "E2PHANTOM", ctx.scope.region)];
  },
};

const BUCKETS: Record<string, string> = {
  "phantom-eu": "eu-west-1",
  "phantom-ap": "ap-south-1",
  "phantom-usw": "us-west-2",
  "phantom-usw-2": "us-west-2",
};

describe("regions that were not audited", () => {
  let run: LiveRun;

  beforeAll(async () => {
    const cfg = await motoAccount(ACCT);
    for (const [name, region] of Object.entries(BUCKETS)) {
      const s3 = new S3Client({ ...cfg, region });
      await s3.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: region as never } }));
      await s3.send(new PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet: [{ Key: "team", Value: region }] } }));
    }
    await new GuardDutyClient({ ...cfg, region: "eu-west-1" }).send(new CreateDetectorCommand({ Enable: true }));
    run = await collectLiveRun({
      credentials: motoClientConfig().credentials,
      endpoint: motoEndpoint(),
      assumeRoles: [roleArn(ACCT)],
      regions: ["eu-west-1"],
      homeRegion: "us-east-1",
      collectors: [S3_COLLECTOR, GUARDDUTY_COLLECTOR, DISTRIBUTIONS],
    });
  });

  it("keeps only the audited region's buckets, says how many were left out, and reads nothing more of them", () => {
    const [ev] = run.evidence;
    const buckets = ev.resources.filter((r) => r.type === "AWS::S3::Bucket");
    expect(buckets.map((b) => `${b.id} ${b.region}`)).toEqual(["phantom-eu eu-west-1"]);
    // Tags still read (in bulk): the evidence a rule reads is not lost.
    expect(buckets[0].tags).toEqual({ team: "eu-west-1" });
    expect(ev.notes.filter((n) => n.includes("left out")).sort()).toEqual([
      `1 AWS::S3::Bucket record(s) in ap-south-1 left out: that region was not audited in ${ACCT} (add it to --regions to judge them)`,
      `2 AWS::S3::Bucket record(s) in us-west-2 left out: that region was not audited in ${ACCT} (add it to --regions to judge them)`,
    ]);
    const ops = run.stats.operations;
    // moto's ListBuckets names no region: GetBucketLocation for every bucket, then configuration calls for one.
    expect(ops.filter((o) => o === "s3:GetBucketLocation")).toHaveLength(4);
    expect(ops.filter((o) => o === "s3:GetBucketEncryption")).toHaveLength(1);
    expect(ops.filter((o) => o === "s3:GetBucketTagging")).toHaveLength(0);
    expect(ev.gaps).toEqual([]);
  });

  it("keeps a global type's record without the region the audit did not cover", () => {
    const cf = run.evidence[0].resources.find((r) => r.type === CF)!;
    expect(cf.id).toBe("E2PHANTOM");
    expect(cf.region).toBeUndefined();
  });

  it("judges 'GuardDuty in every region' in the audited region only: no FAIL where nothing was audited", async () => {
    const [policy, all] = await Promise.all([loadPolicy(DEFAULT_POLICY), loadRuleSet()]);
    const rules = all.filter((r) => ["guardduty-enabled-every-region", "s3-bucket-versioning"].includes(r.id));
    expect(rules).toHaveLength(2);
    const report = judge(policy, rules, run.evidence, new Date("2026-11-25T00:00:00Z"));
    const gd = report.results.filter((r) => r.ruleId === "guardduty-enabled-every-region");
    expect(gd.map((r) => `${r.status} ${r.resource.region}`)).toEqual(["PASS eu-west-1"]);
    const versioning = report.results.filter((r) => r.ruleId === "s3-bucket-versioning");
    expect(versioning.map((r) => `${r.status} ${r.resource.id}`)).toEqual(["FAIL phantom-eu"]);
  });

  it("drift: a state bucket in a region that was not audited is 'not compared', never 'missing'", () => {
    const state = (name: string, region: string): Resource => ({
      type: "AWS::S3::Bucket",
      id: name,
      arn: `arn:aws:s3:::${name}`,
      region,
      tags: { team: region },
      props: { BucketName: name },
      origin: { source: "tf-state", address: `aws_s3_bucket.${name.replace(/-/g, "_")}`, location: "prod.tfstate" },
    });
    const live = run.evidence[0].resources.filter((r) => r.type === "AWS::S3::Bucket");
    const coverage = { collected: liveCoverage(run.evidence, [S3_COLLECTOR]), gaps: [] };
    expect(coverage.collected).toEqual([{ type: "AWS::S3::Bucket", account: ACCT, region: "eu-west-1" }]);
    const d = diffResources([state("phantom-ap", "ap-south-1"), state("gone-eu", "eu-west-1")], live, { coverage });
    expect(d.items.map((i) => `${i.kind} ${i.id}`).sort()).toEqual(["missing gone-eu", "unmanaged phantom-eu"]);
    expect(d.notCompared).toEqual([
      { type: "AWS::S3::Bucket", account: ACCT, region: "ap-south-1", reason: `AWS::S3::Bucket was not collected live in ${ACCT} ap-south-1`, resources: 1 },
    ]);
  });
});

describe("keepAudited", () => {
  const r = (type: string, region?: string): Resource => ({ type, id: `${type}-${region}`, ...(region ? { region } : {}), tags: {}, props: {}, origin: { source: "aws" } });
  it("leaves out regional records elsewhere (counted), strips the region of global ones, keeps the rest as they are", () => {
    const collector: Collector = { service: "x", types: ["R", "G"], global: true, regionalTypes: ["R"], actions: [], collect: async () => [] };
    const outside = new Map<string, number>();
    const inEu = r("R", "eu-west-1");
    const kept = keepAudited([inEu, r("R", "us-west-2"), r("R", "us-west-2"), r("R"), r("G", "us-east-1"), r("G", "eu-west-1")], collector, new Set(["eu-west-1"]), outside);
    expect(kept.map((x) => `${x.type} ${x.region ?? "-"}`)).toEqual(["R eu-west-1", "R -", "G -", "G eu-west-1"]);
    expect(kept[0]).toBe(inEu);
    expect([...outside]).toEqual([["R|us-west-2", 2]]);
  });
});
