import { describe, expect, it } from "vitest";
import { ACCOUNT_TYPE, type Resource } from "../../src/model/resource.js";
import { Ref, Unknown } from "../../src/model/values.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { EvidenceIndex } from "../../src/rules/index.js";
import type { ConditionSpec, Rule } from "../../src/rules/types.js";
import { resource, rule } from "./helpers.js";

const ACL_ARN = "arn:aws:wafv2:us-east-1:111122223333:global/webacl/support-ui/a1b2c3";
const webAcl = (extra: Partial<Resource> = {}, props: Record<string, unknown> = { DefaultAction: { Block: {} } }): Resource => ({
  type: "AWS::WAFv2::WebACL",
  id: "a1b2c3",
  arn: ACL_ARN,
  name: "support-ui",
  account: "111122223333",
  region: "us-east-1",
  tags: {},
  props,
  origin: { source: "tf-state", location: "s3://tfstate/prod/terraform.tfstate", address: "module.support_ui.aws_wafv2_web_acl.this" },
  ...extra,
});
const distribution = (webAclId: unknown): Resource => ({
  type: "AWS::CloudFront::Distribution",
  id: "E2ABCDEF",
  account: "111122223333",
  tags: {},
  props: webAclId === undefined ? { DistributionConfig: {} } : { DistributionConfig: { WebACLId: webAclId } },
  origin: { source: "tf-state", location: "s3://tfstate/prod/terraform.tfstate", address: "module.support_ui.aws_cloudfront_distribution.this" },
});

const hasBlockingWaf: ConditionSpec = {
  ref: { path: "DistributionConfig.WebACLId", type: "AWS::WAFv2::WebACL", where: { path: "DefaultAction.Block", op: "exists" } },
};
const wafRule = rule(hasBlockingWaf, { resourceTypes: ["AWS::CloudFront::Distribution"] });
const one = (rules: Rule[], resources: Resource[]) => {
  const r = evaluate(rules, resources).filter((x) => x.resource.type === "AWS::CloudFront::Distribution");
  expect(r).toHaveLength(1);
  return r[0];
};

describe("references to other resources", () => {
  it("resolves an ARN and evaluates where on the target", () => {
    const r = one([wafRule], [distribution(ACL_ARN), webAcl()]);
    expect(r.verdict).toBe("PASS");
    expect(r.reason).toBe("WebACL support-ui: DefaultAction.Block is {}");
  });

  it("names the target when where fails on it", () => {
    const r = one([wafRule], [distribution(ACL_ARN), webAcl({}, { DefaultAction: { Allow: {} } })]);
    expect(r.verdict).toBe("FAIL");
    expect(r.reason).toBe("WebACL support-ui: DefaultAction.Block is missing");
  });

  it("resolves a Terraform reference (Ref) within the same evidence location, also without instance keys", () => {
    const ref = new Ref("module.support_ui.aws_wafv2_web_acl.this", "arn", "module.support_ui.aws_wafv2_web_acl.this.arn");
    expect(one([wafRule], [distribution(ref), webAcl()]).verdict).toBe("PASS");
    const indexed = webAcl({ origin: { source: "hcl", location: "s3://tfstate/prod/terraform.tfstate", address: "module.support_ui.aws_wafv2_web_acl.this[0]" } });
    expect(one([wafRule], [distribution(ref), indexed]).verdict).toBe("PASS");
    // Another evidence location's resource with that address is not the target.
    const elsewhere = webAcl({ origin: { source: "hcl", location: "envs/dev", address: "module.support_ui.aws_wafv2_web_acl.this" } });
    expect(one([wafRule], [distribution(ref), elsewhere]).verdict).toBe("UNKNOWN");
  });

  it("absent or empty value → FALSE (Terraform state writes \"\" for no WAF)", () => {
    expect(one([wafRule], [distribution(undefined), webAcl()]).reason).toBe("DistributionConfig.WebACLId is missing");
    expect(one([wafRule], [distribution(""), webAcl()]).verdict).toBe("FAIL");
  });

  it("present but not in the evidence → UNKNOWN naming it", () => {
    const r = one([wafRule], [distribution(ACL_ARN)]);
    expect(r.verdict).toBe("UNKNOWN");
    expect(r.reason).toBe(`WebACL ${ACL_ARN} (DistributionConfig.WebACLId) is not in the audited evidence`);
    const ref = new Ref("aws_wafv2_web_acl.missing", "arn", "aws_wafv2_web_acl.missing.arn");
    expect(one([wafRule], [distribution(ref)]).reason).toBe("WebACL aws_wafv2_web_acl.missing (DistributionConfig.WebACLId) is not in the audited evidence");
  });

  it("truncates a long value not in the evidence without leaving a stray quote", () => {
    const long = `arn:aws:wafv2:us-east-1:111122223333:global/webacl/${"c".repeat(80)}/a1b2c3`;
    const r = one([wafRule], [distribution(long)]);
    expect(r.verdict).toBe("UNKNOWN");
    expect(r.reason).toMatch(/^WebACL arn:aws:wafv2:us-east-1:111122223333:global\/webacl\/c+… \(DistributionConfig\.WebACLId\) is not in the audited evidence$/);
  });

  it("an Unknown that is not a reference → UNKNOWN with its reason", () => {
    const r = one([wafRule], [distribution(new Unknown("var.waf_arn has no value", "var.waf_arn")), webAcl()]);
    expect(r.verdict).toBe("UNKNOWN");
    expect(r.reason).toBe("DistributionConfig.WebACLId is unknown: var.waf_arn has no value");
  });

  it("a target of another type → FALSE", () => {
    const r = one([wafRule], [distribution(ACL_ARN), webAcl({ type: "AWS::WAF::WebACL" })]);
    expect(r.verdict).toBe("FAIL");
    expect(r.reason).toBe(`DistributionConfig.WebACLId refers to "${ACL_ARN}", which is not a WebACL`.replace(/"/g, ""));
  });

  it("resolves by id or name within the type, preferring the same account", () => {
    const key = (account: string, enabled: boolean): Resource => ({
      type: "AWS::KMS::Key", id: "1234abcd-12ab-34cd-56ef-1234567890ab", account, tags: {}, props: { EnableKeyRotation: enabled }, origin: { source: "aws" },
    });
    const db = resource("AWS::RDS::DBInstance", { KmsKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" }, { account: "111122223333" });
    const rotated = rule({ ref: { path: "KmsKeyId", type: ["AWS::KMS::Key"], where: { path: "EnableKeyRotation", op: "eq", value: true } } }, { resourceTypes: ["AWS::RDS::DBInstance"] });
    const res = evaluate([rotated], [db, key("999999999999", false), key("111122223333", true)]);
    expect(res[0].verdict).toBe("PASS");
    expect(res[0].reason).toBe("Key 1234abcd-12ab-34cd-56ef-1234567890ab: EnableKeyRotation is true");
  });

  it("without where, only requires the reference to resolve", () => {
    const c = rule({ ref: { path: "DistributionConfig.WebACLId", type: "AWS::WAFv2::WebACL" } }, { resourceTypes: ["AWS::CloudFront::Distribution"] });
    const r = one([c], [distribution(ACL_ARN), webAcl()]);
    expect(r.verdict).toBe("PASS");
    expect(r.reason).toBe("DistributionConfig.WebACLId refers to WebACL support-ui");
  });

  it("a wildcard path must resolve every value; the failing one is named by its concrete path", () => {
    const c = rule({ ref: { path: "Targets[*].Arn", type: "AWS::WAFv2::WebACL" } }, { resourceTypes: ["AWS::Test::Thing"] });
    const thing = (arns: unknown[]) => resource("AWS::Test::Thing", { Targets: arns.map((Arn) => ({ Arn })) });
    expect(evaluate([c], [thing([ACL_ARN, ACL_ARN]), webAcl()])[0].verdict).toBe("PASS");
    const r = evaluate([c], [thing([ACL_ARN, "arn:aws:wafv2:us-east-1:111122223333:global/webacl/gone/zz"]), webAcl()])[0];
    expect(r.verdict).toBe("UNKNOWN");
    expect(r.reason).toBe("WebACL arn:aws:wafv2:us-east-1:111122223333:global/webacl/gone/zz (Targets[1].Arn) is not in the audited evidence");
    expect(evaluate([c], [thing([ACL_ARN, ""]), webAcl()])[0].reason).toBe("Targets[1].Arn is missing");
  });

  it("merged split resources resolve through mergedFrom addresses", () => {
    const bucket = resource("AWS::S3::Bucket", { VersioningConfiguration: { Status: "Enabled" } }, {
      origin: { source: "hcl", location: "envs/prod", address: "aws_s3_bucket.logs", mergedFrom: ["aws_s3_bucket_versioning.logs"] },
    });
    const idx = new EvidenceIndex([bucket]);
    const from = resource("AWS::Test::Thing", {}, { origin: { source: "hcl", location: "envs/prod" } });
    expect(idx.byRef(from, new Ref("aws_s3_bucket_versioning.logs", "id", "aws_s3_bucket_versioning.logs.id"), ["AWS::S3::Bucket"])).toEqual([bucket]);
  });
});

describe("account and region scope", () => {
  const trail = (account: string, multi: boolean | Unknown, region = "eu-west-1"): Resource => ({
    type: "AWS::CloudTrail::Trail", id: `trail-${account}-${String(multi)}`, name: "org", account, region, tags: {},
    props: { IsMultiRegionTrail: multi, EnableLogFileValidation: true }, origin: { source: "aws", location: `aws:${account}` },
  });
  const trailRule = rule(
    { count: { type: "AWS::CloudTrail::Trail", where: { all: [{ path: "IsMultiRegionTrail", op: "eq", value: true }, { path: "EnableLogFileValidation", op: "eq", value: true }] }, gte: 1 } },
    { scope: "account", resourceTypes: [] },
  );

  it("evaluates once per account on a pseudo AWS::::Account resource", () => {
    const results = evaluate([trailRule], [trail("111111111111", true), trail("222222222222", false), resource("AWS::S3::Bucket", {}, { account: "333333333333" })]);
    expect(results.map((r) => [r.resource.type, r.resource.id, r.verdict])).toEqual([
      [ACCOUNT_TYPE, "111111111111", "PASS"],
      [ACCOUNT_TYPE, "222222222222", "FAIL"],
      [ACCOUNT_TYPE, "333333333333", "FAIL"],
    ]);
    expect(results[0].reason).toBe("found 1 AWS::CloudTrail::Trail matching; at least 1 required");
    expect(results[1].reason).toBe("found 0 AWS::CloudTrail::Trail matching; at least 1 required; Trail org: IsMultiRegionTrail is false");
    expect(results[2].reason).toBe("found 0 AWS::CloudTrail::Trail matching; at least 1 required");
  });

  it("groups by evidence location when the account is unknown, and counts unknowns as maybe", () => {
    const hclTrail = { ...trail("x", new Unknown("known only after apply", "var.multi_region")), account: undefined, origin: { source: "hcl" as const, location: "envs/prod" } };
    const results = evaluate([trailRule], [hclTrail]);
    expect(results).toHaveLength(1);
    expect(results[0].resource.id).toBe("envs/prod");
    expect(results[0].verdict).toBe("UNKNOWN");
    expect(results[0].reason).toBe("found 0 AWS::CloudTrail::Trail matching (and 1 that may match); at least 1 required; Trail org: IsMultiRegionTrail is known only after apply (var.multi_region)");
  });

  it("count bounds: the true count lies between matched and matched + unknown", () => {
    const u = new Unknown("known only after apply");
    const count = (op: string, n: number): ConditionSpec => ({ count: { type: "AWS::CloudTrail::Trail", where: { path: "IsMultiRegionTrail", op: "eq", value: true }, [op]: n } });
    const ev = (c: ConditionSpec, trails: Resource[]) => evaluate([rule(c, { scope: "account", resourceTypes: [] })], trails)[0].verdict;
    const a = "444444444444";
    expect(ev(count("lte", 1), [trail(a, true), trail(a, u)])).toBe("UNKNOWN");
    expect(ev(count("lte", 2), [trail(a, true), trail(a, u)])).toBe("PASS");
    expect(ev(count("lt", 1), [trail(a, true), trail(a, u)])).toBe("FAIL");
    expect(ev(count("eq", 1), [trail(a, true), trail(a, false)])).toBe("PASS");
    expect(ev(count("eq", 1), [trail(a, true), trail(a, u)])).toBe("UNKNOWN");
    expect(ev(count("eq", 3), [trail(a, true), trail(a, u)])).toBe("FAIL");
    expect(ev(count("gt", 0), [trail(a, true)])).toBe("PASS");
  });

  it("region scope: once per audited region; region-less resources take their location's single region", () => {
    const detector = (region: string | undefined, enabled: boolean, location: string): Resource => ({
      type: "AWS::GuardDuty::Detector", id: `det-${region}-${location}`, account: "555555555555", region, tags: {}, props: { Enable: enabled }, origin: { source: "tf-state", location },
    });
    const bucket = (region: string | undefined, location: string) => resource("AWS::S3::Bucket", {}, { account: "555555555555", region, origin: { source: "tf-state", location } });
    const gd = rule({ count: { type: "AWS::GuardDuty::Detector", where: { path: "Enable", op: "eq", value: true }, gte: 1 } }, { scope: "region", resourceTypes: [] });
    const role = resource("AWS::IAM::Role", {}, { account: "555555555555", origin: { source: "aws", location: "aws:555555555555" } });
    const results = evaluate([gd], [
      detector("eu-west-1", true, "eu.tfstate"),
      bucket("eu-west-1", "eu.tfstate"),
      bucket("us-east-1", "us.tfstate"),
      detector(undefined, false, "us.tfstate"), // region-less: takes us-east-1 from its state file
      role, // global: no region, and its location has none: makes no phantom region
    ]);
    expect(results.map((r) => [r.resource.type, r.resource.id, r.resource.region, r.verdict])).toEqual([
      [ACCOUNT_TYPE, "555555555555", "eu-west-1", "PASS"],
      [ACCOUNT_TYPE, "555555555555", "us-east-1", "FAIL"],
    ]);
    expect(results[1].reason).toMatch(/^found 0 AWS::GuardDuty::Detector matching; at least 1 required; Detector det-undefined-us.tfstate: Enable is false$/);
  });

  it("uses the evidence's own AWS::::Account record as the subject, so account props can be checked", () => {
    const acct: Resource = { type: ACCOUNT_TYPE, id: "666666666666", account: "666666666666", tags: {}, props: { PasswordPolicy: { MinimumPasswordLength: 8 } }, origin: { source: "aws" } };
    const pw = rule({ path: "PasswordPolicy.MinimumPasswordLength", op: "gte", value: 14 }, { scope: "account", resourceTypes: [] });
    const [r] = evaluate([pw], [acct]);
    expect(r.resource).toBe(acct);
    expect(r.reason).toBe("PasswordPolicy.MinimumPasswordLength is 8, below the minimum 14");
  });

  it("count inside a resource-scoped rule counts within the resource's account group", () => {
    const c = rule({ count: { type: "AWS::CloudTrail::Trail", gte: 1 } }, { resourceTypes: ["AWS::S3::Bucket"] });
    const results = evaluate([c], [resource("AWS::S3::Bucket", {}, { account: "777777777777" }), trail("777777777777", true), resource("AWS::S3::Bucket", {}, { account: "888888888888" })]);
    expect(results.map((r) => r.verdict)).toEqual(["PASS", "FAIL"]);
  });
});

describe("derived references", () => {
  it("a value built from a reference plus text is set but does not resolve to that resource", () => {
    const bucket = { type: "AWS::S3::Bucket", id: "b", tags: {}, props: {}, origin: { source: "hcl" as const, location: "root", address: "aws_s3_bucket.b" } };
    const from = { type: "AWS::S3::Bucket", id: "c", tags: {}, props: {}, origin: { source: "hcl" as const, location: "root", address: "aws_s3_bucket.c" } };
    const index = new EvidenceIndex([bucket, from]);
    expect(index.byRef(from, new Ref("aws_s3_bucket.b", "id", "aws_s3_bucket.b.id"), ["AWS::S3::Bucket"])).toEqual([bucket]);
    expect(index.byRef(from, new Ref("aws_s3_bucket.b", "id", '"${aws_s3_bucket.b.id}-logs"', true), ["AWS::S3::Bucket"])).toBe("unresolved");
  });
});

describe("account groups", () => {
  it("a resource without an account joins its location's only account, so one state is judged once", () => {
    const trail: Resource = { type: "AWS::CloudTrail::Trail", id: "org", account: "123456789012", tags: {}, props: { IsMultiRegionTrail: true }, origin: { source: "tf-state", location: "prod.tfstate" } };
    const rule_ = { ...resource("AWS::EC2::SecurityGroup", {}, { origin: { source: "tf-state", location: "prod.tfstate" } }) };
    const hcl = resource("AWS::EC2::SecurityGroup", {}, { origin: { source: "hcl", location: "infra" } });
    const c = rule({ count: { type: "AWS::CloudTrail::Trail", where: { path: "IsMultiRegionTrail", op: "eq", value: true }, gte: 1 } }, { scope: "account", resourceTypes: [] });
    const results = evaluate([c], [trail, rule_, hcl]);
    expect(results.map((r) => [r.resource.id, r.verdict])).toEqual([
      ["123456789012", "PASS"],
      ["infra", "FAIL"],
    ]);
  });
});

describe("partly known strings", () => {
  const principal = (shape?: RegExp) => {
    const u = new Unknown("var.account_id has no value", '"arn:aws:iam::${var.account_id}:root"');
    if (shape) u.shape = shape;
    return u;
  };
  const noPublic = rule({ none: { path: "Principal.AWS", where: { path: "@", op: "eq", value: "*" } } }, { resourceTypes: ["AWS::IAM::Role"] });

  it("are certainly not a literal their known text rules out", () => {
    const role = resource("AWS::IAM::Role", { Principal: { AWS: [principal(/^arn:aws:iam::[\s\S]*:root$/)] } });
    expect(evaluate([noPublic], [role])[0].verdict).toBe("PASS");
  });

  it("stay UNKNOWN when their shape could still be the literal, or has no shape", () => {
    const anything = resource("AWS::IAM::Role", { Principal: { AWS: [principal(/^[\s\S]*$/)] } });
    const plain = resource("AWS::IAM::Role", { Principal: { AWS: [principal()] } });
    expect(evaluate([noPublic], [anything, plain]).map((r) => r.verdict)).toEqual(["UNKNOWN", "UNKNOWN"]);
  });

  it("never decide a regex match", () => {
    const m = rule({ path: "Name", op: "matches", value: "tfstate" }, { resourceTypes: ["AWS::S3::Bucket"] });
    const b = resource("AWS::S3::Bucket", { Name: principal(/^acme-audit-[\s\S]*$/) });
    expect(evaluate([m], [b])[0].verdict).toBe("UNKNOWN");
  });
});
