import { describe, expect, it } from "vitest";
import { linkResources } from "../../src/drift/link.js";
import { placeholderId } from "../../src/model/identity.js";
import type { Resource, SourceKind } from "../../src/model/resource.js";

const ACCT = "230000000002";

function rec(source: SourceKind, over: Partial<Resource> & { address?: string; location?: string; workspace?: string }): Resource {
  const { address, location, workspace, ...rest } = over;
  return {
    type: "AWS::S3::Bucket",
    id: "b",
    tags: {},
    props: {},
    origin: { source, ...(address ? { address } : {}), location: location ?? `${source}-file`, ...(workspace ? { workspace } : {}) },
    ...rest,
  };
}

describe("linkResources", () => {
  it("is off unless the evidence is both Terraform and live / Config", () => {
    expect(linkResources([rec("tf-state", { arn: "arn:aws:s3:::b" }), rec("hcl", { id: placeholderId("aws_s3_bucket.b"), address: "aws_s3_bucket.b" })])).toBeUndefined();
    expect(linkResources([rec("aws", { arn: "arn:aws:s3:::b" })])).toBeUndefined();
  });

  it("gives HCL, plan, state and live records of one bucket the same link (ARN), through the Terraform address", () => {
    const hcl = rec("hcl", { id: placeholderId("aws_s3_bucket.b"), address: "aws_s3_bucket.b", workspace: "prod" });
    const plan = rec("tf-plan", { id: placeholderId("aws_s3_bucket.b"), address: "aws_s3_bucket.b", workspace: "prod" });
    const state = rec("tf-state", { arn: "arn:aws:s3:::b", address: "aws_s3_bucket.b", workspace: "prod" });
    const live = rec("aws", { arn: "arn:aws:s3:::b", account: ACCT });
    const other = rec("aws", { id: "c", arn: "arn:aws:s3:::c", account: ACCT });
    const links = linkResources([hcl, plan, state, live, other])!;
    expect([hcl, plan, state, live].map((r) => links.get(r))).toEqual(Array(4).fill("arn:aws:s3:::b"));
    expect(links.get(other)).toBe("arn:aws:s3:::c");
  });

  it("links by type and id when there is no ARN, but never across accounts, regions or two roots' addresses", () => {
    const sgState = rec("tf-state", { type: "AWS::EC2::SecurityGroup", id: "sg-1", account: ACCT, region: "eu-west-1", address: "aws_security_group.web" });
    const sgLive = rec("aws", { type: "AWS::EC2::SecurityGroup", id: "sg-1", account: ACCT, region: "eu-west-1" });
    const sgElsewhere = rec("aws", { type: "AWS::EC2::SecurityGroup", id: "sg-1", account: "230000000003", region: "eu-west-1" });
    const rootA = rec("hcl", { id: placeholderId("aws_s3_bucket.logs"), address: "aws_s3_bucket.logs", location: "rootA" });
    const rootB = rec("hcl", { id: placeholderId("aws_s3_bucket.logs"), address: "aws_s3_bucket.logs", location: "rootB" });
    const links = linkResources([sgState, sgLive, sgElsewhere, rootA, rootB])!;
    expect(links.get(sgState)).toBe(`AWS::EC2::SecurityGroup|${ACCT}|eu-west-1|sg-1`);
    expect(links.get(sgLive)).toBe(links.get(sgState));
    expect(links.get(sgElsewhere)).toBe("AWS::EC2::SecurityGroup|230000000003|eu-west-1|sg-1");
    expect(links.get(rootA)).toBe("tf:AWS::S3::Bucket:rootA:aws_s3_bucket.logs");
    expect(links.get(rootB)).toBe("tf:AWS::S3::Bucket:rootB:aws_s3_bucket.logs");
  });
});
