import { describe, expect, it } from "vitest";
import { PartialJson, REDACTED, Ref, Unknown } from "../../src/model/values.js";
import type { ConditionSpec } from "../../src/rules/types.js";
import { judge } from "./helpers.js";

// Three leaves with known outcomes: T is TRUE, F is FALSE, U is UNKNOWN.
const props = { t: true, f: false, u: new Unknown("known only after apply", "aws_kms_key.k.arn") };
const leaf = { T: { path: "t", op: "eq", value: true }, F: { path: "f", op: "eq", value: true }, U: { path: "u", op: "eq", value: true } };
type V = keyof typeof leaf;
const verdictOf = { T: "PASS", F: "FAIL", U: "UNKNOWN" } as const;
const run = (c: ConditionSpec) => judge(c, props);

describe("Kleene logic", () => {
  const vals: V[] = ["T", "F", "U"];
  const and = (a: V, b: V): V => (a === "F" || b === "F" ? "F" : a === "U" || b === "U" ? "U" : "T");
  const or = (a: V, b: V): V => (a === "T" || b === "T" ? "T" : a === "U" || b === "U" ? "U" : "F");
  const not = (a: V): V => (a === "T" ? "F" : a === "F" ? "T" : "U");

  for (const a of vals) {
    it(`not ${a} = ${not(a)}`, () => expect(run({ not: leaf[a] }).verdict).toBe(verdictOf[not(a)]));
    for (const b of vals) {
      it(`all [${a}, ${b}] = ${and(a, b)}`, () => expect(run({ all: [leaf[a], leaf[b]] }).verdict).toBe(verdictOf[and(a, b)]));
      it(`any [${a}, ${b}] = ${or(a, b)}`, () => expect(run({ any: [leaf[a], leaf[b]] }).verdict).toBe(verdictOf[or(a, b)]));
    }
  }

  it("the reason comes from the branch that decided", () => {
    // FALSE wins over UNKNOWN in `all`, whatever the order.
    expect(run({ all: [leaf.U, leaf.F, leaf.T] }).reason).toBe("f is false");
    // UNKNOWN reasons only, when nothing is FALSE.
    expect(run({ all: [leaf.T, leaf.U] }).reason).toBe("u is known only after apply (aws_kms_key.k.arn)");
    // TRUE: every fact that made it true.
    expect(run({ all: [leaf.T, { path: "f", op: "eq", value: false }] }).reason).toBe("t is true; f is false");
    expect(run({ any: [leaf.F, leaf.U] }).reason).toBe("u is known only after apply (aws_kms_key.k.arn)");
    // The same fact from two leaves is said once.
    expect(run({ any: [leaf.F, leaf.F] }).reason).toBe("f is false");
    expect(run({ any: [leaf.U, leaf.T] }).reason).toBe("t is true");
    expect(run({ not: leaf.T }).reason).toBe("t is true");
    expect(run({ not: { any: [leaf.F, leaf.T] } }).path).toBe("t");
  });

  it("caps long reasons at four facts, counting distinct facts", () => {
    const p = { a: 1, b: 2, c: 3, d: 4, e: 5, g: 6 };
    const is0 = (k: string) => ({ path: k, op: "eq", value: 0 });
    const r = judge({ any: ["a", "b", "a", "c", "d", "e", "b", "g", "g"].map(is0) }, p);
    expect(r.reason).toBe("a is 1, expected 0; b is 2, expected 0; c is 3, expected 0; d is 4, expected 0; and 2 more");
  });

  it("says each fact once: the same unknown read by several leaves, and in `applies` and `condition`", () => {
    const unknown = { u: new Unknown("var.k has no value", "var.k") };
    const r = judge({ all: [{ path: "u", op: "eq", value: 1 }, { path: "u", op: "ne", value: 2 }, { path: "u", op: "matches", value: "x" }] }, unknown);
    expect(r.reason).toBe("u is unknown: var.k has no value");
    // applies UNKNOWN and condition UNKNOWN on the same fact: the fact once, not "may apply (X); X".
    const same = judge({ path: "u", op: "in", value: [1] }, unknown, { rule: { applies: { path: "u", op: "exists" } } });
    expect([same.verdict, same.reason]).toEqual(["UNKNOWN", "u is unknown: var.k has no value"]);
    // Different facts keep the "may apply" form.
    const diff = judge({ path: "f", op: "eq", value: true }, { ...unknown, f: false }, { rule: { applies: { path: "u", op: "exists" } } });
    expect(diff.reason).toBe("may apply (u is unknown: var.k has no value); f is false");
  });
});

describe("wildcards", () => {
  const bucket = (...algos: unknown[]) => ({
    BucketEncryption: { ServerSideEncryptionConfiguration: algos.map((a) => ({ ServerSideEncryptionByDefault: a === undefined ? {} : { SSEAlgorithm: a } })) },
  });
  const path = "BucketEncryption.ServerSideEncryptionConfiguration[*].ServerSideEncryptionByDefault.SSEAlgorithm";
  const isKms = { path, op: "eq", value: "aws:kms" };

  it("holds when every matched value satisfies the leaf", () => {
    const r = judge(isKms, bucket("aws:kms", "aws:kms"));
    expect(r.verdict).toBe("PASS");
  });

  it("fails on the first value that does not, naming its concrete path", () => {
    const r = judge(isKms, bucket("aws:kms", "AES256"));
    expect(r.verdict).toBe("FAIL");
    expect(r.reason).toBe(`BucketEncryption.ServerSideEncryptionConfiguration[1].ServerSideEncryptionByDefault.SSEAlgorithm is "AES256", expected "aws:kms"`);
    expect(r.path).toBe("BucketEncryption.ServerSideEncryptionConfiguration[1].ServerSideEncryptionByDefault.SSEAlgorithm");
  });

  it("counts an element without the value as a missing value", () => {
    const r = judge(isKms, bucket("aws:kms", undefined));
    expect(r.verdict).toBe("FAIL");
    expect(r.reason).toBe("BucketEncryption.ServerSideEncryptionConfiguration[1].ServerSideEncryptionByDefault.SSEAlgorithm is missing");
  });

  it("treats zero matches as absent", () => {
    // The reason names the deepest part that exists.
    expect(judge(isKms, {}).reason).toBe("BucketEncryption is missing");
    expect(judge(isKms, { BucketEncryption: { ServerSideEncryptionConfiguration: [] } }).reason).toBe(`${path} is missing`);
    expect(judge(isKms, bucket()).verdict).toBe("FAIL");
    expect(judge({ path, op: "absent" }, bucket()).verdict).toBe("PASS");
  });

  it("is UNKNOWN when a value is unknown and none is FALSE; FALSE wins over UNKNOWN", () => {
    const u = new Unknown("known only after apply");
    expect(judge(isKms, bucket("aws:kms", u)).verdict).toBe("UNKNOWN");
    expect(judge(isKms, bucket(u, "AES256")).verdict).toBe("FAIL");
    // An unknown whole block makes every path below it unknown.
    expect(judge(isKms, { BucketEncryption: u }).verdict).toBe("UNKNOWN");
    expect(judge(isKms, { BucketEncryption: { ServerSideEncryptionConfiguration: REDACTED } }).reason).toBe(
      "BucketEncryption.ServerSideEncryptionConfiguration is sensitive",
    );
  });

  it("iterates an object's values with [*]", () => {
    expect(judge({ path: "$tags[*]", op: "not-empty" }, {}, { resource: { tags: { a: "x", b: "" } } }).reason).toBe('$tags.b is empty');
  });
});

describe("quantifiers", () => {
  const policy = (...statements: object[]) => ({ PolicyDocument: { Statement: statements } });
  const wildcardAllow: ConditionSpec = {
    some: {
      path: "PolicyDocument.Statement",
      where: { all: [{ path: "Effect", op: "eq", value: "Allow" }, { some: { path: "Action", where: { path: "@", op: "eq", value: "*" } } }] },
    },
  };

  it("some: TRUE when one element satisfies where, with relative paths and @", () => {
    const r = judge(wildcardAllow, policy({ Effect: "Deny", Action: "*" }, { Effect: "Allow", Action: ["s3:GetObject", "*"] }));
    expect(r.verdict).toBe("PASS");
    expect(r.reason).toBe('PolicyDocument.Statement[1].Effect is "Allow"; PolicyDocument.Statement[1].Action[1] is "*"');
  });

  it("a non-list value is a one-element list (IAM's Action: \"*\")", () => {
    expect(judge(wildcardAllow, policy({ Effect: "Allow", Action: "*" })).verdict).toBe("PASS");
  });

  it("some: FALSE when none does, UNKNOWN when one might", () => {
    expect(judge(wildcardAllow, policy({ Effect: "Allow", Action: "s3:GetObject" })).verdict).toBe("FAIL");
    const u = judge(wildcardAllow, policy({ Effect: "Allow", Action: ["s3:GetObject"] }, { Effect: new Unknown("known only after apply", "var.effect"), Action: "*" }));
    expect(u.verdict).toBe("UNKNOWN");
    expect(u.reason).toBe("PolicyDocument.Statement[1].Effect is known only after apply (var.effect)");
  });

  it("none: the negation of some, explained by the offending element", () => {
    const r = judge({ none: wildcardAllow.some }, policy({ Effect: "Allow", Action: "*" }));
    expect(r.verdict).toBe("FAIL");
    expect(r.reason).toBe('PolicyDocument.Statement[0].Effect is "Allow"; PolicyDocument.Statement[0].Action is "*"');
  });

  it("every: FALSE on the first failing element; TRUE on an empty or absent list", () => {
    const every: ConditionSpec = { every: { path: "Ingress", where: { path: "CidrIp", op: "ne", value: "0.0.0.0/0" } } };
    const r = judge(every, { Ingress: [{ CidrIp: "10.0.0.0/8" }, { CidrIp: "0.0.0.0/0" }] });
    expect(r.verdict).toBe("FAIL");
    expect(r.reason).toBe('Ingress[1].CidrIp is "0.0.0.0/0"');
    expect(r.path).toBe("Ingress[1].CidrIp");
    expect(judge(every, { Ingress: [] }).verdict).toBe("PASS");
    expect(judge(every, {}).reason).toBe("Ingress has no elements");
    expect(judge({ some: every.every }, {}).verdict).toBe("FAIL");
    expect(judge(every, { Ingress: new Unknown("known only after apply", "aws_security_group.x.ingress") }).verdict).toBe("UNKNOWN");
  });

  it("flattens wildcard collections and names concrete paths", () => {
    const c: ConditionSpec = { some: { path: "Statement[*].Action", where: { path: "@", op: "eq", value: "*" } } };
    const r = judge(c, { Statement: [{ Action: ["s3:Get"] }, { Action: "*" }] });
    expect(r.verdict).toBe("PASS");
    expect(r.reason).toBe('Statement[1].Action is "*"');
  });

  it("$ paths inside where still read the resource", () => {
    const c: ConditionSpec = { some: { path: "Rules", where: { all: [{ path: "Name", op: "eq", value: "x" }, { path: "$tags.Env", op: "eq", value: "prod" }] } } };
    expect(judge(c, { Rules: [{ Name: "x" }] }, { resource: { tags: { Env: "prod" } } }).verdict).toBe("PASS");
  });
});

describe("applies", () => {
  const rule = { applies: { path: "Engine", op: "in", value: ["mysql", "postgres"] } };
  const cond = { path: "IAMDatabaseAuthenticationEnabled", op: "eq", value: true };

  it("FALSE → NOT_APPLICABLE with the reason", () => {
    const r = judge(cond, { Engine: "sqlserver-ex" }, { rule });
    expect(r.verdict).toBe("NOT_APPLICABLE");
    expect(r.reason).toBe('does not apply: Engine is "sqlserver-ex", not one of "mysql", "postgres"');
  });

  it("UNKNOWN applies: PASS still passes, anything else is UNKNOWN", () => {
    const engine = new Ref("aws_db_instance.x", "engine", "var.engine");
    expect(judge(cond, { Engine: engine, IAMDatabaseAuthenticationEnabled: true }, { rule }).verdict).toBe("PASS");
    const r = judge(cond, { Engine: engine, IAMDatabaseAuthenticationEnabled: false }, { rule });
    expect(r.verdict).toBe("UNKNOWN");
    expect(r.reason).toBe("may apply (Engine is known only after apply (var.engine)); IAMDatabaseAuthenticationEnabled is false");
  });

  it("TRUE → the condition decides", () => {
    expect(judge(cond, { Engine: "mysql", IAMDatabaseAuthenticationEnabled: false }, { rule }).verdict).toBe("FAIL");
  });
});

describe("reasons about Unknowns are one readable line", () => {
  const HCL = `jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "\${aws_s3_bucket.b.arn}/*" }]
  })`;

  it("collapses a multi-line expression and caps it at about 80 characters", () => {
    const policy = new PartialJson({}, "the JSON has values known only after apply: aws_s3_bucket.b.arn", HCL);
    const r = judge({ path: "Policy", op: "eq", value: "{}" }, { Policy: policy });
    expect(r.verdict).toBe("UNKNOWN");
    expect(r.reason).not.toMatch(/\n/);
    expect(r.reason).toBe(
      'Policy is unknown: the JSON has values known only after apply: aws_s3_bucket.b.arn (jsonencode({ Version = "2012-10-17" Statement = [{ Effect = "Allow", Action = "…)',
    );
  });

  it("does so for Refs, multi-line reasons and set-to-a-reference facts too", () => {
    const ref = new Ref("aws_s3_bucket.b", "arn", `aws_s3_bucket.b
      .arn`);
    expect(judge({ path: "X", op: "eq", value: "a" }, { X: ref }).reason).toBe("X is known only after apply (aws_s3_bucket.b .arn)");
    expect(judge({ path: "X", op: "exists" }, { X: ref }).reason).toBe("X is set (aws_s3_bucket.b .arn, known only after apply)");
    const u = new Unknown("evaluation failed:\n  a bad\n  thing", "x");
    expect(judge({ path: "X", op: "eq", value: "a" }, { X: u }).reason).toBe("X is unknown: evaluation failed: a bad thing (x)");
  });
});

