import { describe, expect, it } from "vitest";
import { normalizePolicyDocument } from "../../src/model/policy-document.js";
import { PartialJson, REDACTED, Ref, Unknown, isUnknown, parseJsonText } from "../../src/model/values.js";

describe("normalizePolicyDocument", () => {
  it("turns every list-or-scalar field into a list and keeps Sid/Version", () => {
    const doc = normalizePolicyDocument(
      JSON.stringify({
        Version: "2012-10-17",
        Statement: {
          Sid: "DenyInsecure",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
          Condition: { Bool: { "aws:SecureTransport": false } },
        },
      }),
    );
    expect(doc).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecure",
          Effect: "Deny",
          Principal: "*",
          Action: ["s3:*"],
          Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
          Condition: { Bool: { "aws:SecureTransport": ["false"] } },
        },
      ],
    });
  });

  it("normalizes principals of every kind to lists, and a bare string principal to AWS", () => {
    const doc = normalizePolicyDocument({
      Statement: [
        { Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com", AWS: ["arn:aws:iam::111122223333:root"] }, Action: "sts:AssumeRole" },
        { Effect: "Allow", Principal: "111122223333", NotAction: "iam:*" },
        { Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject" },
      ],
    });
    expect(isUnknown(doc)).toBe(false);
    const s = (doc as unknown as { Statement: Array<Record<string, unknown>> }).Statement;
    expect(s[0].Principal).toEqual({ Service: ["ecs-tasks.amazonaws.com"], AWS: ["arn:aws:iam::111122223333:root"] });
    expect(s[1].Principal).toEqual({ AWS: ["111122223333"] });
    expect(s[1].NotAction).toEqual(["iam:*"]);
    expect(s[2].Principal).toEqual({ AWS: ["*"] });
  });

  it("treats absent, null and the empty string (state for 'no policy') as not set", () => {
    expect(normalizePolicyDocument(undefined)).toBeUndefined();
    expect(normalizePolicyDocument(null)).toBeUndefined();
    expect(normalizePolicyDocument("")).toBeUndefined();
  });

  it("keeps an Unknown (and a Ref) as it is", () => {
    const u = new Unknown("known only after apply", "data.aws_iam_policy_document.x.json");
    expect(normalizePolicyDocument(u)).toBe(u);
    const ref = new Ref("data.aws_iam_policy_document.x", "json", "data.aws_iam_policy_document.x.json");
    expect(normalizePolicyDocument(ref)).toBe(ref);
  });

  it("makes invalid JSON an Unknown whose reason does not quote the document", () => {
    const doc = normalizePolicyDocument('{"Statement": [{"Effect": "Allow", "Action": "s3:*" "Resource": "secret-ish"}]}');
    expect(isUnknown(doc)).toBe(true);
    expect((doc as Unknown).reason).toMatch(/not valid JSON/);
    expect((doc as Unknown).reason).not.toContain("secret-ish");
  });

  it("makes wrong structures Unknown with a reason", () => {
    expect((normalizePolicyDocument("[1,2]") as Unknown).reason).toMatch(/not a JSON object/);
    expect((normalizePolicyDocument({ Version: "2012-10-17" }) as Unknown).reason).toMatch(/no Statement/);
    expect((normalizePolicyDocument({ Statement: [{ Action: "s3:*" }] }) as Unknown).reason).toMatch(/no Effect/);
  });

  it("says a redacted policy is sensitive rather than guessing", () => {
    expect((normalizePolicyDocument(REDACTED) as Unknown).reason).toMatch(/sensitive/);
  });

  it("keeps Unknown elements inside lists", () => {
    const u = new Unknown("known only after apply", "aws_s3_bucket.b.arn");
    const doc = normalizePolicyDocument({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: [u] }] });
    expect((doc as { Statement: Array<{ Resource: unknown[] }> }).Statement[0].Resource[0]).toBe(u);
  });

  it("normalizes a PartialJson's structure, keeping only the unknown parts Unknown", () => {
    const arn = new Ref("aws_s3_bucket.b", "arn", "aws_s3_bucket.b.arn");
    const tmpl = new Unknown("aws_s3_bucket.b.arn is known only after apply", '"${aws_s3_bucket.b.arn}/*"');
    const effect = new Unknown("var.effect has no value", "var.effect");
    const principal = new Ref("aws_iam_role.r", "arn", "aws_iam_role.r.arn");
    const lost = new Unknown("dynamic block statement: for_each is unknown", "var.statements");
    const input = new PartialJson(
      {
        Version: "2012-10-17",
        Statement: [
          { Sid: "TLS", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [tmpl, arn], Condition: { Bool: { "aws:SecureTransport": false } } },
          { Effect: "Allow", Principal: { AWS: principal }, Action: ["s3:GetObject"], Resource: arn },
          { Effect: effect, Action: "*", Resource: "*" },
          lost,
        ],
      },
      "the JSON has values known only after apply: aws_s3_bucket.b.arn",
      "jsonencode({...})",
    );
    const doc = normalizePolicyDocument(input) as { Statement: unknown[] };
    expect(doc).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "TLS", Effect: "Deny", Principal: "*", Action: ["s3:*"], Resource: [tmpl, arn], Condition: { Bool: { "aws:SecureTransport": ["false"] } } },
        // An unknown scalar may be a string or a list: it stays one Unknown, not a one-element list.
        { Effect: "Allow", Principal: { AWS: principal }, Action: ["s3:GetObject"], Resource: arn },
        // What a statement with an unknown Effect grants or denies is not known: the statement is Unknown.
        effect,
        lost,
      ],
    });
    // The input's structure is not shared with the result.
    expect((input.structure as { Statement: Array<{ Resource: unknown[] }> }).Statement[0]!.Resource).not.toBe((doc.Statement[0] as { Resource: unknown }).Resource);
  });

  it("keeps a PartialJson with an unknown Statement, or a malformed one, Unknown as a whole", () => {
    const u = new Unknown("var.statements has no value", "var.statements");
    expect(normalizePolicyDocument(new PartialJson({ Statement: u }, "r"))).toBe(u);
    expect((normalizePolicyDocument(new PartialJson({ Statement: [u, { Action: "*" }] }, "r")) as Unknown).reason).toMatch(/statement 1 .* has no Effect/);
  });
});

describe("parseJsonText", () => {
  it("decodes JSON text, a PartialJson or a decoded value; not set, unknown, sensitive and invalid text as documented", () => {
    expect(parseJsonText('{"a":[1]}', "x")).toEqual({ json: { a: [1] } });
    expect(parseJsonText([1], "x")).toEqual({ json: [1] });
    const ref = new Ref("aws_s3_bucket.b", "arn", "aws_s3_bucket.b.arn");
    const parsed = parseJsonText(new PartialJson({ a: [ref] }, "r"), "x") as { json: { a: unknown[] } };
    expect(parsed.json.a[0]).toBe(ref);
    for (const v of [undefined, null, "", "  "]) expect(parseJsonText(v, "x")).toBeUndefined();
    expect(parseJsonText(ref, "x")).toBe(ref);
    expect((parseJsonText(REDACTED, "rule_json") as Unknown).reason).toBe("rule_json is marked sensitive");
    const bad = parseJsonText('{"password": "hunter2"', "x") as Unknown;
    expect(bad.reason).toMatch(/^x is not valid JSON \(/);
    expect(bad.reason).not.toContain("hunter2");
  });
});
