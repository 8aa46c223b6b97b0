/**
 * Regions and paging against moto (account 210000000004): a bucket in another region is read through
 * that region; a multi-region trail is recorded once, in its home region; every page of a paged list is
 * followed (DescribeParameters returns 10 per page).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from "@aws-sdk/client-s3";
import { CloudTrailClient, CreateTrailCommand } from "@aws-sdk/client-cloudtrail";
import { CreateKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import type { Resource } from "../../../../src/model/resource.js";
import { COLLECTORS_A, accountCredentials, runCollectors, setupConfig } from "./support.js";

const ACCOUNT = "210000000004";
let resources: Resource[] = [];
let gaps: unknown[] = [];

beforeAll(async () => {
  const creds = await accountCredentials(ACCOUNT);
  const east = setupConfig(creds, "us-east-1");
  const west = setupConfig(creds, "eu-west-1");
  const s3west = new S3Client(west);
  await s3west.send(new CreateBucketCommand({ Bucket: `rg-west-${ACCOUNT}`, CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }));
  await s3west.send(new PutBucketVersioningCommand({ Bucket: `rg-west-${ACCOUNT}`, VersioningConfiguration: { Status: "Enabled" } }));
  const s3east = new S3Client(east);
  await s3east.send(new CreateBucketCommand({ Bucket: `rg-east-${ACCOUNT}` }));
  const ct = new CloudTrailClient(east);
  await ct.send(new CreateTrailCommand({ Name: "rg-everywhere", S3BucketName: `rg-east-${ACCOUNT}`, IsMultiRegionTrail: true }));
  await new KMSClient(west).send(new CreateKeyCommand({ Description: "west key" }));
  const ssm = new SSMClient(west);
  for (let i = 0; i < 23; i++) await ssm.send(new PutParameterCommand({ Name: `/rg/p${String(i).padStart(2, "0")}`, Type: "String", Value: "v" }));
  for (const c of [s3west, s3east, ct, ssm]) c.destroy();
  const run = await runCollectors(COLLECTORS_A, ACCOUNT, ["us-east-1", "eu-west-1"], creds);
  resources = run.resources;
  gaps = run.gaps;
}, 60_000);

describe("regions and paging", () => {
  it("reads each bucket in its own region from the one global listing", () => {
    expect(gaps).toEqual([]);
    const west = resources.find((r) => r.id === `rg-west-${ACCOUNT}`)!;
    expect(west.region).toBe("eu-west-1");
    expect(west.props.VersioningConfiguration).toEqual({ Status: "Enabled" });
    expect(resources.find((r) => r.id === `rg-east-${ACCOUNT}`)!.region).toBe("us-east-1");
    expect(resources.filter((r) => r.type === "AWS::S3::Bucket")).toHaveLength(2);
  });

  it("records a multi-region trail once, in its home region", () => {
    const trails = resources.filter((r) => r.type === "AWS::CloudTrail::Trail");
    expect(trails.map((t) => [t.name, t.region])).toEqual([["rg-everywhere", "us-east-1"]]);
  });

  it("keeps regional resources in their region", () => {
    const keys = resources.filter((r) => r.type === "AWS::KMS::Key");
    expect(keys.map((k) => [k.region, k.props.Description])).toEqual([["eu-west-1", "west key"]]);
  });

  it("follows every page of DescribeParameters", () => {
    const params = resources.filter((r) => r.type === "AWS::SSM::Parameter").map((r) => r.id);
    expect(params).toHaveLength(23);
    expect(new Set(params).size).toBe(23);
  });
});
