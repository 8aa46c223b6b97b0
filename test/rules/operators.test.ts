import { describe, expect, it } from "vitest";
import { REDACTED, Ref, Unknown } from "../../src/model/values.js";
import { judge } from "./helpers.js";

const afterApply = new Unknown("known only after apply", "aws_db_instance.main.kms_key_id");
const ref = new Ref("aws_kms_key.db", "arn", "aws_kms_key.db.arn");
const noValue = new Unknown("var.kms_key_id has no value", "var.kms_key_id");

/** [op, value, actual, verdict, reason] — actual `undefined` means the prop is absent. */
type Case = [string, unknown, unknown, "PASS" | "FAIL" | "UNKNOWN", string];

const cases: Case[] = [
  ["eq", true, true, "PASS", "X is true"],
  ["eq", true, false, "FAIL", "X is false"],
  ["eq", true, undefined, "FAIL", "X is missing"],
  ["eq", true, null, "FAIL", "X is missing"],
  ["eq", "aws:kms", "AES256", "FAIL", 'X is "AES256", expected "aws:kms"'],
  ["eq", ["a", "b"], ["a", "b"], "PASS", 'X is ["a","b"]'],
  ["eq", { a: 1 }, { a: 1 }, "PASS", 'X is {"a":1}'],
  ["eq", { a: 1 }, { a: 2 }, "FAIL", 'X is {"a":2}, expected {"a":1}'],
  ["eq", ["a", "b"], ["a", afterApply], "UNKNOWN", "X is known only after apply (aws_db_instance.main.kms_key_id)"],
  ["eq", ["a", "b"], ["c", afterApply], "FAIL", 'X is ["c","(unknown: known only after apply)"], expected ["a","b"]'],
  ["eq", true, afterApply, "UNKNOWN", "X is known only after apply (aws_db_instance.main.kms_key_id)"],
  ["eq", "x", ref, "UNKNOWN", "X is known only after apply (aws_kms_key.db.arn)"],
  ["eq", "x", noValue, "UNKNOWN", "X is unknown: var.kms_key_id has no value"],
  ["eq", "x", REDACTED, "UNKNOWN", "X is sensitive"],
  ["ne", false, true, "PASS", "X is true"],
  ["ne", false, false, "FAIL", "X is false"],
  ["ne", false, undefined, "PASS", "X is missing"],
  ["ne", false, afterApply, "UNKNOWN", "X is known only after apply (aws_db_instance.main.kms_key_id)"],
  ["in", ["aws:kms", "aws:kms:dsse"], "aws:kms", "PASS", 'X is "aws:kms"'],
  ["in", ["aws:kms", "aws:kms:dsse"], "AES256", "FAIL", 'X is "AES256", not one of "aws:kms", "aws:kms:dsse"'],
  ["in", ["a"], undefined, "FAIL", "X is missing"],
  ["in", ["a"], REDACTED, "UNKNOWN", "X is sensitive"],
  ["not-in", ["0.0.0.0/0"], "10.0.0.0/8", "PASS", 'X is "10.0.0.0/8"'],
  ["not-in", ["0.0.0.0/0"], "0.0.0.0/0", "FAIL", 'X is "0.0.0.0/0", which is not allowed'],
  ["not-in", ["0.0.0.0/0"], undefined, "PASS", "X is missing"],
  ["contains", "s3:*", ["s3:GetObject", "s3:*"], "PASS", 'X contains "s3:*"'],
  ["contains", "s3:*", ["s3:GetObject"], "FAIL", 'X does not contain "s3:*"'],
  ["contains", "s3:*", ["s3:GetObject", afterApply], "UNKNOWN", "X is known only after apply (aws_db_instance.main.kms_key_id)"],
  ["contains", "s3:*", ["s3:*", afterApply], "PASS", 'X contains "s3:*"'],
  ["contains", "prod", "my-prod-bucket", "PASS", 'X contains "prod"'],
  ["contains", "Bool", { Bool: { "aws:SecureTransport": "false" } }, "PASS", 'X contains "Bool"'],
  ["contains", "x", undefined, "FAIL", "X is missing"],
  ["not-contains", "*", ["s3:GetObject"], "PASS", 'X does not contain "*"'],
  ["not-contains", "*", ["*"], "FAIL", 'X contains "*"'],
  ["not-contains", "*", undefined, "PASS", "X is missing"],
  ["contains-all", ["a", "b"], ["b", "c", "a"], "PASS", 'X contains "a", "b"'],
  ["contains-all", ["a", "b", "d"], ["b", "c"], "FAIL", 'X does not contain "a"'],
  ["contains-all", ["a", "b"], ["a", afterApply], "UNKNOWN", "X is known only after apply (aws_db_instance.main.kms_key_id)"],
  ["contains-all", ["a", "b"], ["b", afterApply], "UNKNOWN", "X is known only after apply (aws_db_instance.main.kms_key_id)"],
  ["contains-all", [], [], "PASS", "X contains "],
  ["contains-all", ["Owner", "Team"], { Owner: "alice", Team: "core", Extra: "1" }, "PASS", "X has Owner, Team"],
  ["contains-all", ["Owner", "Team"], { Owner: "alice" }, "FAIL", "X.Team is missing"],
  ["contains-all", ["Owner", "Team"], { Owner: "", Team: "core" }, "FAIL", "X.Owner is missing"],
  ["contains-all", ["Owner", "a b"], { Owner: "x", "a b": null }, "FAIL", 'X["a b"] is missing'],
  ["contains-all", ["Owner", "Team"], { Owner: noValue, Team: "core" }, "UNKNOWN", "X.Owner is unknown: var.kms_key_id has no value"],
  ["contains-all", ["Owner", "Team"], { Owner: noValue }, "FAIL", "X.Team is missing"],
  ["contains-all", ["Owner"], { Owner: ref }, "PASS", "X has Owner"],
  ["contains-all", ["Owner"], { Owner: REDACTED }, "PASS", "X has Owner"],
  ["contains-all", ["prod", "eu"], "prod-eu-1", "PASS", 'X contains "prod", "eu"'],
  ["contains-all", ["a"], undefined, "FAIL", "X is missing"],
  ["contains-all", ["a"], afterApply, "UNKNOWN", "X is known only after apply (aws_db_instance.main.kms_key_id)"],
  ["matches", "^arn:aws:kms:", "arn:aws:kms:eu-west-1:123456789012:key/abc", "PASS", 'X is "arn:aws:kms:eu-west-1:123456789012:key/abc"'],
  ["matches", "^arn:aws:kms:", "alias/aws/s3", "FAIL", 'X is "alias/aws/s3", which does not match /^arn:aws:kms:/'],
  ["matches", "^a", 12, "FAIL", "X is 12, not a string"],
  ["matches", "^a", ref, "UNKNOWN", "X is known only after apply (aws_kms_key.db.arn)"],
  ["gt", 0, 1, "PASS", "X is 1"],
  ["gt", 0, 0, "FAIL", "X is 0, not above 0"],
  ["gte", 7, 14, "PASS", "X is 14"],
  ["gte", 7, 1, "FAIL", "X is 1, below the minimum 7"],
  ["gte", 7, "7", "PASS", 'X is "7"'],
  ["gte", 7, "seven", "FAIL", 'X is "seven", not a number'],
  ["gte", 7, undefined, "FAIL", "X is missing"],
  ["gte", 7, afterApply, "UNKNOWN", "X is known only after apply (aws_db_instance.main.kms_key_id)"],
  ["lt", 90, 30, "PASS", "X is 30"],
  ["lt", 90, 90, "FAIL", "X is 90, not below 90"],
  ["lte", 90, 365, "FAIL", "X is 365, above the maximum 90"],
  ["lte", 90, 90, "PASS", "X is 90"],
  ["exists", undefined, "key-1", "PASS", 'X is "key-1"'],
  ["exists", undefined, undefined, "FAIL", "X is missing"],
  ["exists", undefined, "", "FAIL", "X is missing"],
  ["exists", undefined, ref, "PASS", "X is set (aws_kms_key.db.arn, known only after apply)"],
  ["exists", undefined, REDACTED, "PASS", "X is set (a sensitive value)"],
  ["exists", undefined, afterApply, "UNKNOWN", "X is known only after apply (aws_db_instance.main.kms_key_id)"],
  ["exists", undefined, noValue, "UNKNOWN", "X is unknown: var.kms_key_id has no value"],
  ["absent", undefined, undefined, "PASS", "X is not set"],
  ["absent", undefined, "pw", "FAIL", 'X is set to "pw"'],
  ["absent", undefined, REDACTED, "FAIL", "X is set to a sensitive value"],
  ["absent", undefined, ref, "FAIL", "X is set to aws_kms_key.db.arn, known only after apply"],
  ["absent", undefined, afterApply, "UNKNOWN", "X is known only after apply (aws_db_instance.main.kms_key_id)"],
  ["empty", undefined, [], "PASS", "X is empty"],
  ["empty", undefined, undefined, "PASS", "X is missing"],
  ["empty", undefined, {}, "PASS", "X is empty"],
  ["empty", undefined, ["a"], "FAIL", 'X is ["a"]'],
  ["empty", undefined, REDACTED, "UNKNOWN", "X is sensitive"],
  ["not-empty", undefined, ["a"], "PASS", 'X is ["a"]'],
  ["not-empty", undefined, "", "FAIL", "X is empty"],
  ["not-empty", undefined, [], "FAIL", "X is empty"],
  ["not-empty", undefined, afterApply, "UNKNOWN", "X is known only after apply (aws_db_instance.main.kms_key_id)"],
  ["known", undefined, "alias/aws/s3", "PASS", 'X is "alias/aws/s3"'],
  ["known", undefined, undefined, "FAIL", "X is missing"],
  ["known", undefined, ref, "FAIL", "X is set to aws_kms_key.db.arn, known only after apply"],
  ["known", undefined, afterApply, "FAIL", "X is set to aws_db_instance.main.kms_key_id, known only after apply"],
  ["known", undefined, REDACTED, "FAIL", "X is set to a sensitive value"],
  // Clock-dependent outcomes are in referencing-and-dates.test.ts (with a fixed `now`).
  ["within-days", 90, undefined, "FAIL", "X is missing"],
  ["within-days", 90, "soon", "FAIL", 'X is "soon", not a timestamp'],
  ["within-days", 90, afterApply, "UNKNOWN", "X is known only after apply (aws_db_instance.main.kms_key_id)"],
];

describe("leaf operators", () => {
  it.each(cases)("%s %j on %j → %s", (op, value, actual, verdict, reason) => {
    const leaf = value === undefined ? { path: "X", op } : { path: "X", op, value };
    const r = judge(leaf, actual === undefined ? {} : { X: actual });
    expect(r.verdict).toBe(verdict);
    expect(r.reason).toBe(reason);
    expect(r.path).toBe("X");
  });

  it("covers every operator in the registry", async () => {
    const { OPERATOR_NAMES } = await import("../../src/rules/operators.js");
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(OPERATOR_NAMES));
  });

  it("never shows a secret: REDACTED renders as (sensitive) inside structures", () => {
    const r = judge({ path: "X", op: "eq", value: { user: "admin", password: "x" } }, { X: { user: "root", password: REDACTED } });
    expect(r.verdict).toBe("FAIL");
    expect(r.reason).toBe('X is {"user":"root","password":"(sensitive)"}, expected {"user":"admin","password":"x"}');
  });

  it("truncates long values in reasons", () => {
    const long = "a".repeat(500);
    const r = judge({ path: "X", op: "eq", value: "b" }, { X: long });
    expect(r.reason.length).toBeLessThan(120);
    expect(r.reason).toContain("…");
  });

  it("uses a leaf's message template for TRUE and FALSE, and the standard text for UNKNOWN", () => {
    const leaf = { path: "StorageEncrypted", op: "eq", value: true, message: "{{path}} is {{actual}} (wanted {{value}} via {{op}})" };
    expect(judge(leaf, { StorageEncrypted: false }).reason).toBe("StorageEncrypted is false (wanted true via eq)");
    expect(judge(leaf, { StorageEncrypted: afterApply }).reason).toBe("StorageEncrypted is known only after apply (aws_db_instance.main.kms_key_id)");
  });

  it("names resource fields: tags, name, region", () => {
    expect(judge({ path: "$tags.Owner", op: "exists" }, {}).reason).toBe("tag Owner is missing");
    expect(judge({ path: "$tags.Owner", op: "exists" }, {}).path).toBeUndefined();
    expect(judge({ path: "$tags.Owner", op: "exists" }, {}, { resource: { tags: { Owner: "alice" } } }).verdict).toBe("PASS");
    expect(judge({ path: '$tags["kubernetes.io/role"]', op: "eq", value: "x" }, {}, { resource: { tags: { "kubernetes.io/role": "x" } } }).verdict).toBe("PASS");
    expect(judge({ path: "$name", op: "matches", value: "^prod-" }, {}, { resource: { name: "dev-db" } }).reason).toBe('name is "dev-db", which does not match /^prod-/');
    expect(judge({ path: "$region", op: "in", value: ["eu-west-1"] }, {}, { resource: { region: "us-east-1" } }).verdict).toBe("FAIL");
    expect(judge({ path: "$type", op: "eq", value: "AWS::Test::Thing" }, {}).verdict).toBe("PASS");
    expect(judge({ path: "$workspace", op: "eq", value: "prod" }, {}, { resource: { origin: { source: "hcl", workspace: "prod" } } }).verdict).toBe("PASS");
  });

  it("contains-all takes a list param, and the loader checks it is a list", async () => {
    const params = { requiredTags: { type: "list" as const, items: "string" as const, default: ["Environment", "Owner"] } };
    const leaf = { path: "$tags", op: "contains-all", value: { param: "requiredTags" } };
    const tags = { Environment: "prod", Owner: "alice" };
    expect(judge(leaf, {}, { rule: { params }, resource: { tags } }).reason).toBe("tags has Environment, Owner");
    const r = judge(leaf, {}, { rule: { params }, resource: { tags }, opts: { params: () => ({ requiredTags: ["Owner", "CostCenter", "Team"] }) } });
    expect([r.verdict, r.reason, r.path]).toEqual(["FAIL", "tag CostCenter is missing", undefined]);
    const { parseRule } = await import("../../src/rules/loader.js");
    const rule = (cond: string, params = "") => `id: t\ntitle: t\nseverity: low\narea: tagging\nresourceTypes: [AWS::S3::Bucket]\n${params}condition: ${cond}\nremediation: r\n`;
    expect(() => parseRule(rule("{ path: $tags, op: contains-all, value: Owner }"), "r.yaml")).toThrow(/'contains-all' needs a list, got string "Owner"/);
    expect(() => parseRule(rule("{ path: $tags, op: contains-all, value: { param: k } }", "params: { k: { type: string, default: Owner } }\n"), "r.yaml")).toThrow(
      /parameter 'k' is a string; this needs a list/,
    );
  });

  it("reads tags known only after apply (props.TagsUnknown) as unknown, never as missing", () => {
    const tags = { Environment: "prod" };
    const some = { TagsUnknown: ["Owner"] };
    const all = { TagsUnknown: ["*"] };
    const owner = { path: "$tags.Owner", op: "exists" };
    expect(judge(owner, some, { resource: { tags } })).toMatchObject({ verdict: "UNKNOWN", reason: "tag Owner is known only after apply" });
    // A known tag next to an unknown one is still known.
    expect(judge({ path: "$tags.Environment", op: "eq", value: "prod" }, some, { resource: { tags } }).verdict).toBe("PASS");
    // "*": the whole map, and so every key of it, is known only after apply.
    expect(judge(owner, all, { resource: { tags } })).toMatchObject({ verdict: "UNKNOWN", reason: "tag Owner is known only after apply" });
    expect(judge({ path: "$tags", op: "not-empty" }, all, { resource: { tags } })).toMatchObject({ verdict: "UNKNOWN", reason: "tags is known only after apply" });
    // contains-all: UNKNOWN naming the unknown tag; a tag missing outright still fails.
    const req = { path: "$tags", op: "contains-all", value: ["Environment", "Owner"] };
    expect(judge(req, some, { resource: { tags } })).toMatchObject({ verdict: "UNKNOWN", reason: "tag Owner is known only after apply" });
    expect(judge({ ...req, value: ["Owner", "Project"] }, some, { resource: { tags } })).toMatchObject({ verdict: "FAIL", reason: "tag Project is missing" });
    expect(judge(req, all, { resource: { tags } })).toMatchObject({ verdict: "UNKNOWN", reason: "tags is known only after apply" });
    // Wildcards over the tags see the unknown values too.
    expect(judge({ some: { path: "$tags[*]", where: { path: "@", op: "eq", value: "alice" } } }, some, { resource: { tags } }).verdict).toBe("UNKNOWN");
    // The record itself is not changed.
    expect(tags).toEqual({ Environment: "prod" });
  });

  it("reads keys that are not plain names, indexes and negative indexes", () => {
    const props = { Condition: { Bool: { "aws:SecureTransport": "false" } }, Rules: [{ A: 1 }, { A: 2 }] };
    expect(judge({ path: 'Condition.Bool["aws:SecureTransport"]', op: "eq", value: "false" }, props).verdict).toBe("PASS");
    expect(judge({ path: "Rules[0].A", op: "eq", value: 1 }, props).verdict).toBe("PASS");
    expect(judge({ path: "Rules[-1].A", op: "eq", value: 2 }, props).verdict).toBe("PASS");
    expect(judge({ path: "Rules[5].A", op: "exists" }, props).reason).toBe("Rules[5].A is missing");
    // Object prototype names are not props.
    expect(judge({ path: "constructor", op: "exists" }, {}).verdict).toBe("FAIL");
  });

  it("takes values from params, defaulted by the rule and overridden per evaluation", () => {
    const params = { minRetentionDays: { type: "integer" as const, default: 7 } };
    const leaf = { path: "BackupRetentionPeriod", op: "gte", value: { param: "minRetentionDays" } };
    expect(judge(leaf, { BackupRetentionPeriod: 1 }, { rule: { params } }).reason).toBe("BackupRetentionPeriod is 1, below the minimum 7");
    const r = judge(leaf, { BackupRetentionPeriod: 7 }, { rule: { params }, opts: { params: () => ({ minRetentionDays: 14 }) } });
    expect(r.reason).toBe("BackupRetentionPeriod is 7, below the minimum 14");
    const re = { pattern: { type: "string" as const, default: "^prod-" } };
    expect(judge({ path: "$name", op: "matches", value: { param: "pattern" } }, {}, { rule: { params: re }, resource: { name: "prod-a" } }).verdict).toBe("PASS");
  });

  it("rejects a param value of the wrong type at evaluation", () => {
    const params = { minRetentionDays: { type: "integer" as const, default: 7 } };
    expect(() => judge({ path: "X", op: "gte", value: { param: "minRetentionDays" } }, {}, { rule: { params }, opts: { params: () => ({ minRetentionDays: "7" }) } })).toThrow(
      /parameter 'minRetentionDays': expected a number, got a string/,
    );
  });
});
