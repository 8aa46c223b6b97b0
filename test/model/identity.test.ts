import { describe, expect, it } from "vitest";
import { ResourceIndex, identityKeys, isPlaceholderId, matchResources, placeholderId, sameResource } from "../../src/model/identity.js";
import type { Resource, SourceKind } from "../../src/model/resource.js";
import { Ref } from "../../src/model/values.js";

function res(p: Partial<Resource> & { source?: SourceKind; address?: string; workspace?: string; location?: string }): Resource {
  return {
    type: p.type ?? "AWS::S3::Bucket",
    id: p.id ?? "b",
    ...(p.arn && { arn: p.arn }),
    ...(p.name && { name: p.name }),
    tags: {},
    props: {},
    origin: { source: p.source ?? "tf-state", address: p.address, workspace: p.workspace, location: p.location ?? "state.tfstate", mergedFrom: p.origin?.mergedFrom },
  };
}

describe("identity", () => {
  it("builds keys from ARN, real id and Terraform address", () => {
    const r = res({ id: "logs", arn: "arn:aws:s3:::logs", address: "aws_s3_bucket.logs" });
    expect(identityKeys(r)).toEqual(["arn:arn:aws:s3:::logs", "id:AWS::S3::Bucket:logs", "tf:AWS::S3::Bucket:aws_s3_bucket.logs"]);
    const hcl = res({ id: placeholderId("aws_iam_role.app"), type: "AWS::IAM::Role", source: "hcl", address: "aws_iam_role.app" });
    expect(isPlaceholderId(hcl.id)).toBe(true);
    expect(identityKeys(hcl)).toEqual(["tf:AWS::IAM::Role:aws_iam_role.app"]);
    expect(identityKeys(res({ source: "aws", address: undefined }))).toEqual(["id:AWS::S3::Bucket:b"]);
  });

  it("matches by ARN first: different ARNs never match by address", () => {
    const a = res({ arn: "arn:aws:s3:::a", id: "a", address: "aws_s3_bucket.x" });
    const b = res({ arn: "arn:aws:s3:::b", id: "b", address: "aws_s3_bucket.x" });
    expect(sameResource(a, b)).toBeUndefined();
  });

  it("links HCL (placeholder id) to state by address, state to live AWS by id", () => {
    const role = "AWS::IAM::Role";
    const hcl = res({ type: role, id: placeholderId("module.app.aws_iam_role.task"), source: "hcl", address: "module.app.aws_iam_role.task" });
    const state = res({ type: role, id: "AROAEXAMPLE123", arn: "arn:aws:iam::111122223333:role/task", source: "tf-state", address: "module.app.aws_iam_role.task" });
    const live = res({ type: role, id: "AROAEXAMPLE123", arn: "arn:aws:iam::111122223333:role/task", source: "aws", address: undefined });
    expect(sameResource(hcl, state)).toBe("tf");
    expect(sameResource(state, live)).toBe("arn");
    const m = matchResources([hcl, state], [live]);
    expect(m.matched).toHaveLength(1);
    expect(m.matched[0].a).toBe(state);
    expect(m.onlyA).toEqual([hcl]);
  });

  it("does not link the same address across workspaces", () => {
    const dev = res({ id: placeholderId("aws_s3_bucket.ui"), source: "hcl", address: "aws_s3_bucket.ui", workspace: "dev" });
    const prod = res({ id: placeholderId("aws_s3_bucket.ui"), source: "tf-state", address: "aws_s3_bucket.ui", workspace: "prod" });
    expect(sameResource(dev, prod)).toBeUndefined();
  });

  it("matches one-to-one and reports the leftovers on both sides", () => {
    const a = [res({ id: "one" }), res({ id: "two" })];
    const b = [res({ id: "two" }), res({ id: "three" }), res({ id: "one", type: "AWS::DynamoDB::Table" })];
    const m = matchResources(a, b);
    expect(m.matched.map((x) => [x.a.id, x.b.id, x.by])).toEqual([["two", "two", "id"]]);
    expect(m.onlyA.map((r) => r.id)).toEqual(["one"]);
    expect(m.onlyB.map((r) => r.id)).toEqual(["three", "one"]);
  });
});

describe("ResourceIndex", () => {
  const bucket = res({ id: "logs", arn: "arn:aws:s3:::logs", name: "logs", address: "aws_s3_bucket.logs", location: "prod" });
  bucket.origin.mergedFrom = ["aws_s3_bucket_versioning.logs"];
  const other = res({ id: "logs-dev", name: "logs-dev", address: "aws_s3_bucket.logs", location: "dev" });
  const keys = [0, 1].map((i) => res({ type: "AWS::KMS::Key", id: `k${i}`, address: `aws_kms_key.k[${i}]`, location: "prod" }));
  const idx = new ResourceIndex([bucket, other, ...keys]);

  it("finds by address within one evidence location, including merged children", () => {
    expect(idx.byAddress("aws_s3_bucket.logs", "prod")).toBe(bucket);
    expect(idx.byAddress("aws_s3_bucket.logs", "dev")).toBe(other);
    expect(idx.byAddress("aws_s3_bucket_versioning.logs", "prod")).toBe(bucket);
    expect(idx.byAddress("aws_kms_key.k[1]", "prod")).toBe(keys[1]);
    expect(idx.byAddress("aws_kms_key.k", "prod")).toBeUndefined(); // two instances: ambiguous
  });

  it("resolves Refs, ARNs, ids and names", () => {
    expect(idx.resolve(new Ref("aws_s3_bucket.logs", "arn", "aws_s3_bucket.logs.arn"), { from: bucket })).toBe(bucket);
    expect(idx.resolve("arn:aws:s3:::logs")).toBe(bucket);
    expect(idx.resolve("logs-dev", { type: "AWS::S3::Bucket" })).toBe(other);
    expect(idx.resolve("k0", { type: "AWS::KMS::Key" })).toBe(keys[0]);
    expect(idx.resolve("k0", { type: "AWS::S3::Bucket" })).toBeUndefined();
  });
});
