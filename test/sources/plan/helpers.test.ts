import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { REDACTED } from "../../../src/model/values.js";
import { instanceAddress, moduleCallNames, parseArn, parseReference } from "../../../src/sources/terraform/address.js";
import { locateJsonError } from "../../../src/sources/terraform/json-input.js";
import { redactByMask, redactSecretNames, redactSensitiveOutputs } from "../../../src/sources/terraform/redact.js";

describe("addresses and references", () => {
  it("formats instance addresses like Terraform", () => {
    expect(instanceAddress("", "managed", "aws_s3_bucket", "b")).toBe("aws_s3_bucket.b");
    expect(instanceAddress("module.a[0]", "data", "aws_iam_policy_document", "p", "k")).toBe(
      'module.a[0].data.aws_iam_policy_document.p["k"]',
    );
    expect(instanceAddress("", "managed", "aws_s3_bucket", "b", 3)).toBe("aws_s3_bucket.b[3]");
  });

  it("classifies configuration references", () => {
    expect(parseReference("aws_kms_key.main.arn")).toEqual({ kind: "resource", address: "aws_kms_key.main", attribute: "arn" });
    expect(parseReference('aws_kms_key.main["a.b"].arn')).toEqual({ kind: "resource", address: 'aws_kms_key.main["a.b"]', attribute: "arn" });
    expect(parseReference("data.aws_caller_identity.current.account_id")).toEqual({
      kind: "resource",
      address: "data.aws_caller_identity.current",
      attribute: "account_id",
    });
    expect(parseReference("module.kms[0].key_arn")).toEqual({ kind: "module-output", call: "kms", callIndex: "[0]", output: "key_arn" });
    expect(parseReference("var.kms_key_id")).toEqual({ kind: "var", name: "kms_key_id" });
    for (const other of ["local.x", "each.value", "count.index", "path.module", "terraform.workspace", "aws_kms_key", "a..b", "x[", ""]) {
      expect(parseReference(other).kind).toBe("other");
    }
  });

  it("splits module paths into calls", () => {
    expect(moduleCallNames('module.a[0].module.b["x"]')).toEqual([
      { name: "a", index: "[0]" },
      { name: "b", index: '["x"]' },
    ]);
    expect(moduleCallNames("")).toEqual([]);
    expect(moduleCallNames("aws_s3_bucket.b")).toBeUndefined();
  });

  it("reads account and region from ARNs, leaving them out where the ARN has none", () => {
    expect(parseArn("arn:aws:rds:eu-west-1:123456789012:db:x")).toEqual({
      partition: "aws",
      service: "rds",
      region: "eu-west-1",
      account: "123456789012",
    });
    expect(parseArn("arn:aws:iam::123456789012:role/r")).toMatchObject({ region: undefined, account: "123456789012" });
    expect(parseArn("arn:aws:s3:::bucket")).toMatchObject({ region: undefined, account: undefined });
    expect(parseArn("not-an-arn")).toBeUndefined();
    expect(parseArn(42)).toBeUndefined();
  });
});

describe("redaction helpers", () => {
  it("redacts secret-by-name attributes at any depth, keeping nulls and flags", () => {
    const v = {
      name: "db",
      password: "p1",
      nested: [{ deeper: { private_key: "k1", master_user_secret: [{ secret_arn: "arn:x" }] } }],
      manage_master_user_password: true,
      auth_token: null,
    };
    redactSecretNames("aws_db_instance", v);
    expect(v).toEqual({
      name: "db",
      password: REDACTED,
      nested: [{ deeper: { private_key: REDACTED, master_user_secret: [{ secret_arn: "arn:x" }] } }],
      manage_master_user_password: true,
      auth_token: null,
    });
  });

  it("applies sensitivity masks to leaves, list elements and whole subtrees", () => {
    const v = { a: "x", list: ["s1", "ok"], obj: { inner: "s2" }, whole: { k: "s3" } };
    redactByMask(v, { list: [true, false], obj: { inner: true }, whole: true, missing: true });
    expect(v).toEqual({ a: "x", list: [REDACTED, "ok"], obj: { inner: REDACTED }, whole: REDACTED });
    expect(redactByMask("s", true)).toBe(REDACTED);
    expect(redactByMask(null, true)).toBeNull();
  });

  it("redacts sensitive outputs in state and plan shapes", () => {
    const plan = JSON.parse(readFileSync(fileURLToPath(new URL("../../fixtures/plan/plan.json", import.meta.url)), "utf8"));
    redactSensitiveOutputs(plan.output_changes);
    expect(plan.output_changes.db_password_echo.after).toBe(REDACTED);
    expect(plan.output_changes.db_password_echo.before).toBe(REDACTED);
    expect(plan.output_changes.db_endpoint.after).toMatch(/rds\.amazonaws\.com$/);
    const state = { o: { value: "s", type: "string", sensitive: true }, p: { value: "plain", type: "string" } };
    redactSensitiveOutputs(state);
    expect(state).toEqual({ o: { value: REDACTED, type: "string", sensitive: true }, p: { value: "plain", type: "string" } });
  });
});

describe("JSON error location", () => {
  it.each([
    ['{"a": 1,}', 8, "trailing comma before '}'"],
    ["[1, 2", 5, "unexpected end of input"],
    ['{"a" 1}', 5, "expected ':' after a property name"],
    ["{a: 1}", 1, "expected a property name in double quotes"],
    ['{"a": 1} x', 9, "unexpected text after the end of the document"],
    ['["\\q"]', 2, "bad escape in string"],
    ["[01]", 2, "expected ',' or ']' after an element"],
  ])("%s", (text, offset, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonError(text)).toEqual({ offset, reason });
  });
});
