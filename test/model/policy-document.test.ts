import { describe, expect, it } from "vitest";
import { normalizePolicyDocument } from "../../src/model/policy-document.js";
import { REDACTED, Ref, Unknown, isUnknown } from "../../src/model/values.js";

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
});
