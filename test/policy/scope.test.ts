import { describe, expect, it } from "vitest";
import type { Resource } from "../../src/model/resource.js";
import { inScope } from "../../src/policy/scope.js";

const res = (tags: Record<string, string>, tagsUnknown?: string[]): Resource => ({
  type: "AWS::S3::Bucket",
  id: "b",
  tags,
  props: tagsUnknown ? { TagsUnknown: tagsUnknown } : {},
  origin: { source: "hcl", location: "infra" },
});

describe("scope by tag", () => {
  const pack = { scope: { tags: { Environment: "prod" } } };

  it("keeps resources with the tag and drops those whose tag is known to differ or missing", () => {
    expect(inScope(pack, res({ Environment: "prod" }))).toBe(true);
    expect(inScope(pack, res({ Environment: "dev" }))).toBe(false);
    expect(inScope(pack, res({}))).toBe(false);
  });

  it("keeps a resource whose tag value is known only after apply: dropping it could hide a failure", () => {
    expect(inScope(pack, res({}, ["Environment"]))).toBe(true);
    expect(inScope(pack, res({}, ["*"]))).toBe(true);
    expect(inScope(pack, res({}, ["Owner"]))).toBe(false);
  });
});
