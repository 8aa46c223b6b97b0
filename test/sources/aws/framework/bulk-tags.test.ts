/**
 * Tags in bulk (tag:GetResources, one call per service and region) instead of one tag call per log
 * group, SSM parameter, KMS key and S3 bucket: the same tags as the per-resource calls, untagged resources
 * have none, and with tag:GetResources denied the collectors fall back to the per-resource calls with a
 * note (a missing permission costs calls, never evidence). Moto accounts 270000000020-29.
 */
import { CloudWatchLogsClient, CreateLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { CreateBucketCommand, PutBucketTaggingCommand, S3Client } from "@aws-sdk/client-s3";
import { AddTagsToResourceCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectLiveRun, type LiveRun } from "../../../../src/sources/aws/collect.js";
import { KMS_COLLECTOR } from "../../../../src/sources/aws/collectors/kms.js";
import { LOGS_COLLECTOR } from "../../../../src/sources/aws/collectors/logs.js";
import { S3_COLLECTOR } from "../../../../src/sources/aws/collectors/s3.js";
import { SSM_COLLECTOR } from "../../../../src/sources/aws/collectors/ssm.js";
import { startFaultProxy, type FaultProxy } from "../../../support/fault-proxy.js";
import { motoClientConfig, motoEndpoint } from "../../../support/moto.js";
import { motoAccount, roleArn } from "./helpers.js";

const ACCT = "270000000020";
const REGION = "eu-west-1";
const COLLECTORS = [LOGS_COLLECTOR, SSM_COLLECTOR, KMS_COLLECTOR, S3_COLLECTOR];
const PER_RESOURCE_TAG_CALLS = ["logs:ListTagsForResource", "ssm:ListTagsForResource", "kms:ListResourceTags", "s3:GetBucketTagging"];

/** "type name" → tags, for the records this test created. */
function tagsOf(run: LiveRun): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const r of run.evidence[0].resources) {
    const name = r.type === "AWS::KMS::Key" ? String(r.props.Description) : (r.name ?? r.id);
    if (name.includes("bulk")) out[`${r.type} ${name}`] = r.tags;
  }
  return out;
}

const EXPECTED = {
  "AWS::Logs::LogGroup /bulk/tagged": { team: "core", env: "prod" },
  "AWS::Logs::LogGroup /bulk/plain": {},
  "AWS::SSM::Parameter /bulk/tagged": { team: "core" },
  "AWS::SSM::Parameter /bulk/plain": {},
  "AWS::KMS::Key bulk tagged": { team: "sec" },
  "AWS::KMS::Key bulk plain": {},
  "AWS::S3::Bucket bulk-tagged-270000000020": { team: "data" },
  "AWS::S3::Bucket bulk-plain-270000000020": {},
};

describe("tags in bulk", () => {
  let proxy: FaultProxy;
  const collect = (endpoint: string) =>
    collectLiveRun({ credentials: motoClientConfig().credentials, endpoint, assumeRoles: [roleArn(ACCT)], regions: [REGION], homeRegion: "us-east-1", collectors: COLLECTORS });

  beforeAll(async () => {
    const cfg = await motoAccount(ACCT, REGION);
    const logs = new CloudWatchLogsClient(cfg);
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/bulk/tagged", tags: { team: "core", env: "prod" } }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/bulk/plain" }));
    const ssm = new SSMClient(cfg);
    await ssm.send(new PutParameterCommand({ Name: "/bulk/tagged", Value: "1", Type: "String" }));
    await ssm.send(new AddTagsToResourceCommand({ ResourceType: "Parameter", ResourceId: "/bulk/tagged", Tags: [{ Key: "team", Value: "core" }] }));
    await ssm.send(new PutParameterCommand({ Name: "/bulk/plain", Value: "1", Type: "String" }));
    const kms = new KMSClient(cfg);
    await kms.send(new CreateKeyCommand({ Description: "bulk tagged", Tags: [{ TagKey: "team", TagValue: "sec" }] }));
    await kms.send(new CreateKeyCommand({ Description: "bulk plain" }));
    const s3 = new S3Client(cfg);
    for (const name of [`bulk-tagged-${ACCT}`, `bulk-plain-${ACCT}`]) {
      await s3.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: REGION } }));
    }
    await s3.send(new PutBucketTaggingCommand({ Bucket: `bulk-tagged-${ACCT}`, Tagging: { TagSet: [{ Key: "team", Value: "data" }] } }));
    proxy = await startFaultProxy({ target: motoEndpoint(), denyServices: ["tagging"] });
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it("reads every tag with one GetResources call per service and region, and no per-resource tag call", async () => {
    const run = await collect(motoEndpoint());
    expect(run.evidence[0].gaps).toEqual([]);
    expect(tagsOf(run)).toEqual(EXPECTED);
    const ops = run.stats.operations;
    expect(ops.filter((o) => PER_RESOURCE_TAG_CALLS.includes(o))).toEqual([]);
    expect(ops.filter((o) => o === "tag:GetResources")).toHaveLength(4);
    expect(run.evidence[0].notes).toEqual([]);
  });

  it("falls back to the per-resource tag calls, with a note, when tag:GetResources is denied", async () => {
    const run = await collect(proxy.endpoint);
    expect(run.evidence[0].gaps).toEqual([]);
    expect(tagsOf(run)).toEqual(EXPECTED);
    const ops = run.stats.operations;
    for (const op of PER_RESOURCE_TAG_CALLS) expect(ops, op).toContain(op);
    const notes = run.evidence[0].notes;
    expect(notes).toHaveLength(4);
    for (const n of notes) expect(n).toMatch(/tag:GetResources was denied .*read one resource at a time instead$/);
  });
});
