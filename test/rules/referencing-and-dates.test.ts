/** count { referencing } (a reverse ref: resources that point at the one being judged) and the within-days operator. */
import { describe, expect, it } from "vitest";
import type { Resource } from "../../src/model/resource.js";
import { MaybeValue, Ref, Unknown } from "../../src/model/values.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { parseRule } from "../../src/rules/loader.js";
import type { ConditionSpec } from "../../src/rules/types.js";
import { judge, rule } from "./helpers.js";

const LOC = "infra/";
const dist = (extra: Partial<Resource> = {}): Resource => ({
  type: "AWS::CloudFront::Distribution",
  id: "E2ABCDEF",
  tags: {},
  props: {},
  origin: { source: "hcl", location: LOC, address: "aws_cloudfront_distribution.site" },
  ...extra,
});
const protection = (resourceArn: unknown, address = "aws_shield_protection.site", props: Record<string, unknown> = {}): Resource => ({
  type: "AWS::Shield::Protection",
  id: address,
  tags: {},
  props: { ResourceArn: resourceArn, ...props },
  origin: { source: "hcl", location: LOC, address },
});
const shielded: ConditionSpec = { count: { type: "AWS::Shield::Protection", referencing: "ResourceArn", gte: 1 } };
const verdictOf = (resources: Resource[], condition: ConditionSpec = shielded) => {
  const results = evaluate([rule(condition, { resourceTypes: ["AWS::CloudFront::Distribution"] })], resources);
  expect(results).toHaveLength(1);
  return results[0];
};

describe("count referencing", () => {
  it("counts a resource whose Terraform reference names the judged resource", () => {
    const r = verdictOf([dist(), protection(new Ref("aws_cloudfront_distribution.site", "arn", "aws_cloudfront_distribution.site.arn"))]);
    expect(r.verdict).toBe("PASS");
    expect(r.reason).toMatch(/found 1 AWS::Shield::Protection whose ResourceArn refers to it/);
  });

  it("does not count one that points elsewhere, and fails naming the requirement", () => {
    const results = evaluate([rule(shielded, { resourceTypes: ["AWS::CloudFront::Distribution"] })], [
      dist(),
      dist({ id: "E2OTHER", origin: { source: "hcl", location: LOC, address: "aws_cloudfront_distribution.other" } }),
      protection(new Ref("aws_cloudfront_distribution.other", "arn", "aws_cloudfront_distribution.other.arn")),
    ]);
    const byAddress = Object.fromEntries(results.map((x) => [x.resource.origin.address, x]));
    expect(byAddress["aws_cloudfront_distribution.site"].verdict).toBe("FAIL");
    expect(byAddress["aws_cloudfront_distribution.site"].reason).toMatch(/found 0 .*; at least 1 required/);
    expect(byAddress["aws_cloudfront_distribution.other"].verdict).toBe("PASS");
  });

  it("matches by ARN in state", () => {
    const arn = "arn:aws:cloudfront::260000000001:distribution/E2ABCDEF";
    const d = dist({ arn, origin: { source: "tf-state", location: "s.tfstate", address: "aws_cloudfront_distribution.site" } });
    const p = { ...protection(arn), origin: { source: "tf-state" as const, location: "s.tfstate", address: "aws_shield_protection.site" } };
    expect(verdictOf([d, p]).verdict).toBe("PASS");
    const q = { ...p, props: { ResourceArn: "arn:aws:cloudfront::260000000001:distribution/EOTHER" } };
    expect(verdictOf([d, q]).verdict).toBe("FAIL");
  });

  it("is UNKNOWN when the reference is not knowable or is a literal the judged resource might have", () => {
    expect(verdictOf([dist(), protection(new Unknown("var.arn has no value", "var.arn"))]).verdict).toBe("UNKNOWN");
    // The distribution's ARN is known only after apply: a literal ARN may be its.
    expect(verdictOf([dist(), protection("arn:aws:cloudfront::260000000001:distribution/E9")]).verdict).toBe("UNKNOWN");
  });

  it("applies where to the referring resources only", () => {
    const ref = new Ref("aws_cloudfront_distribution.site", "arn", "aws_cloudfront_distribution.site.arn");
    const cond: ConditionSpec = { count: { type: "AWS::Shield::Protection", referencing: "ResourceArn", where: { path: "Name", op: "exists" }, gte: 1 } };
    expect(verdictOf([dist(), protection(ref, undefined, { Name: "site" })], cond).verdict).toBe("PASS");
    expect(verdictOf([dist(), protection(ref)], cond).verdict).toBe("FAIL");
  });

  it("reads list paths: any element may refer", () => {
    const acl: Resource = {
      type: "AWS::WAFv2::WebACL", id: "acl", tags: {},
      props: { AssociatedResourceArns: ["arn:aws:elasticloadbalancing:eu-west-1:260000000001:loadbalancer/app/x/1", new Ref("aws_cloudfront_distribution.site", "arn", "x")] },
      origin: { source: "hcl", location: LOC, address: "aws_wafv2_web_acl.a" },
    };
    const cond: ConditionSpec = { count: { type: "AWS::WAFv2::WebACL", referencing: "AssociatedResourceArns[*]", gte: 1 } };
    expect(verdictOf([dist({ arn: "arn:aws:cloudfront::260000000001:distribution/E2ABCDEF" }), acl], cond).verdict).toBe("PASS");
  });

  it("rejects a $ field as the referencing path at load", () => {
    const text = "id: x\ntitle: x\nseverity: low\narea: waf\nresourceTypes: [AWS::CloudFront::Distribution]\nremediation: x\ncondition:\n  count: { type: AWS::Shield::Protection, referencing: $arn, gte: 1 }\n";
    expect(() => parseRule(text, "x.yaml")).toThrow(/x\.yaml:8: condition\.count\.referencing: expected a prop path/);
  });
});

describe("within-days", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  const cond: ConditionSpec = { path: "CreateDate", op: "within-days", value: 90 };
  it("passes a timestamp inside the window and fails one outside, saying how old it is", () => {
    expect(judge(cond, { CreateDate: "2026-04-01T10:00:00Z" }, { opts: { now } }).verdict).toBe("PASS");
    const old = judge(cond, { CreateDate: "2025-01-01T00:00:00Z" }, { opts: { now } });
    expect(old.verdict).toBe("FAIL");
    expect(old.reason).toBe('CreateDate is "2025-01-01T00:00:00Z", 516 days ago: more than 90');
  });
  it("fails absent and non-timestamp values, and is UNKNOWN for unknown ones", () => {
    expect(judge(cond, {}, { opts: { now } }).reason).toBe("CreateDate is missing");
    expect(judge(cond, { CreateDate: "yesterday" }, { opts: { now } }).verdict).toBe("FAIL");
    expect(judge(cond, { CreateDate: new Unknown("known after apply", "create_date") }, { opts: { now } }).verdict).toBe("UNKNOWN");
  });
  it("takes the window from a param", () => {
    const r = judge(
      { path: "CreateDate", op: "within-days", value: { param: "maxAgeDays" } },
      { CreateDate: "2026-05-01T00:00:00Z" },
      { opts: { now, params: () => ({ maxAgeDays: 7 }) }, rule: { params: { maxAgeDays: { type: "integer", default: 90 } } } },
    );
    expect(r.verdict).toBe("FAIL");
  });
});

describe("known", () => {
  const cond: ConditionSpec = { path: "KmsKeyId", op: "known" };
  it("is TRUE for a literal, FALSE for a reference, an after-apply value, a secret or nothing", () => {
    expect(judge(cond, { KmsKeyId: "alias/aws/s3" }).verdict).toBe("PASS");
    expect(judge(cond, { KmsKeyId: new Ref("aws_kms_key.k", "arn", "aws_kms_key.k.arn") }).verdict).toBe("FAIL");
    expect(judge(cond, { KmsKeyId: new Unknown("var.key has no value", "var.key") }).verdict).toBe("FAIL");
    expect(judge(cond, {}).reason).toBe("KmsKeyId is missing");
  });
  it("lets a rule fail a literal AWS managed alias while a key reference passes", () => {
    const notAwsManaged: ConditionSpec = {
      any: [{ not: { path: "KmsKeyId", op: "known" } }, { not: { path: "KmsKeyId", op: "matches", value: "(^|:)alias/aws/" } }],
    };
    expect(judge(notAwsManaged, { KmsKeyId: "alias/aws/sqs" }).verdict).toBe("FAIL");
    expect(judge(notAwsManaged, { KmsKeyId: new Ref("aws_kms_key.k", "arn", "aws_kms_key.k.arn") }).verdict).toBe("PASS");
  });
});

describe("resources that may not exist", () => {
  it("count only as 'may match', and a MaybeValue reference only as 'may refer'", () => {
    const maybeProtection = { ...protection(new Ref("aws_cloudfront_distribution.site", "arn", "aws_cloudfront_distribution.site.arn")) };
    maybeProtection.origin = { ...maybeProtection.origin, mayNotExist: "count is unknown (var.prod ? 1 : 0)" };
    const r = verdictOf([dist(), maybeProtection]);
    expect(r.verdict).toBe("UNKNOWN");
    expect(r.reason).toMatch(/and 1 that may match/);
    const maybeRef = new MaybeValue("x may not exist", "x", new Ref("aws_cloudfront_distribution.site", "arn", "aws_cloudfront_distribution.site.arn"));
    expect(verdictOf([dist(), protection(maybeRef)]).verdict).toBe("UNKNOWN");
    const maybeOther = new MaybeValue("x may not exist", "x", new Ref("aws_cloudfront_distribution.other", "arn", "aws_cloudfront_distribution.other.arn"));
    expect(verdictOf([dist(), protection(maybeOther)]).verdict).toBe("FAIL");
  });
});
