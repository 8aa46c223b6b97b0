/**
 * jsonencode(...) and aws_iam_policy_document over values known only after apply: the JSON text is a
 * PartialJson (an Unknown whose structure is known), mappers normalize its structure, and rules decide on
 * the known leaves while the unknown ones stay Unknown.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Resource } from "../../../src/model/resource.js";
import { isPartialJson, isRef, isUnknown, PartialJson, REDACTED, Ref, Unknown } from "../../../src/model/values.js";
import { evaluate } from "../../../src/rules/evaluate.js";
import type { ConditionSpec } from "../../../src/rules/types.js";
import { tfToResources } from "../../../src/sources/terraform/aws/index.js";
import { loadHclEvidence } from "../../../src/sources/terraform/hcl/index.js";
import type { TfEvidence } from "../../../src/sources/terraform/instance.js";
import { renderPolicyDocument } from "../../../src/sources/terraform/hcl/policy-document.js";
import { SENSITIVE } from "../../../src/sources/terraform/hcl/value.js";
import { redact } from "../../../src/sources/terraform/hcl/body.js";
import { validateProps } from "../../../src/model/types/index.js";
import { rule } from "../../rules/helpers.js";

/** Template results carry the shape their known text gives them; these tests check the Ref itself. */
const SHAPE = expect.any(RegExp);
function shaped<T extends object>(value: T, shape: unknown): T {
  return Object.assign(value, { shape });
}

const ROOT = "test/fixtures/hcl/partial-json";

let ev: TfEvidence;
let resources: Resource[];
beforeAll(async () => {
  ev = await loadHclEvidence(ROOT, { env: {} });
  resources = tfToResources(ev).resources;
});

const attr = (address: string, name: string) => ev.instances.find((i) => i.address === address)!.attributes[name];
const res = (address: string) => {
  const r = resources.find((x) => x.origin.address === address);
  if (!r) throw new Error(`no resource ${address}`);
  return r;
};
const judge = (condition: ConditionSpec, address: string) => {
  const r = res(address);
  const out = evaluate([rule(condition, { resourceTypes: [r.type] })], resources).filter((x) => x.resource === r);
  expect(out).toHaveLength(1);
  return out[0]!;
};

const TLS_ONLY: ConditionSpec = {
  some: {
    path: "Policy.Statement",
    where: {
      all: [
        { path: "Effect", op: "eq", value: "Deny" },
        { path: "Principal", op: "eq", value: "*" },
        { some: { path: "Action", where: { path: "@", op: "in", value: ["s3:*", "*"] } } },
        { path: 'Condition.Bool["aws:SecureTransport"]', op: "contains", value: "false" },
      ],
    },
  },
};

describe("jsonencode with values known only after apply", () => {
  it("gives a PartialJson: an Unknown naming the references, with the structure kept", () => {
    const policy = attr("aws_s3_bucket_policy.b", "policy");
    expect(isPartialJson(policy)).toBe(true);
    expect(isUnknown(policy)).toBe(true);
    const p = policy as PartialJson;
    expect(p.reason).toBe('the JSON has values known only after apply: "${aws_s3_bucket.b.arn}/*", aws_s3_bucket.b.arn');
    const st = (p.structure as { Statement: Array<Record<string, unknown>> }).Statement[0]!;
    expect(st).toMatchObject({ Sid: "TLS", Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } });
    // Literal text around one reference still points at it: both leaves are Refs to the bucket.
    const [tmpl, bare] = st.Resource as Unknown[];
    expect(tmpl).toEqual(shaped(new Ref("aws_s3_bucket.b", "arn", '"${aws_s3_bucket.b.arn}/*"', true), SHAPE));
    expect(bare).toEqual(new Ref("aws_s3_bucket.b", "arn", "aws_s3_bucket.b.arn"));
    // Serialized evidence shows the Unknown, never the structure.
    expect(JSON.stringify(policy)).toBe('"(unknown: the JSON has values known only after apply: \\"${aws_s3_bucket.b.arn}/*\\", aws_s3_bucket.b.arn)"');
  });

  it("normalizes the bucket policy: known Effect/Action/Principal/Condition, Unknown Resource leaves", () => {
    const doc = res("aws_s3_bucket.b").props.Policy as { Version: string; Statement: Array<Record<string, unknown>> };
    expect(doc.Version).toBe("2012-10-17");
    const st = doc.Statement[0]!;
    expect(st).toMatchObject({ Sid: "TLS", Effect: "Deny", Principal: "*", Action: ["s3:*"], Condition: { Bool: { "aws:SecureTransport": ["false"] } } });
    expect(st.Resource).toHaveLength(2);
    expect((st.Resource as unknown[]).every(isUnknown)).toBe(true);
  });

  it("lets known leaves decide: the TLS-only condition is TRUE on it", () => {
    const r = judge(TLS_ONLY, "aws_s3_bucket.b");
    expect(r.verdict).toBe("PASS");
    // ... while a condition on the unknown leaves stays UNKNOWN, never a guess.
    const onResource = judge({ every: { path: "Policy.Statement[0].Resource", where: { path: "@", op: "matches", value: "^arn:aws:s3:::" } } }, "aws_s3_bucket.b");
    expect(onResource.verdict).toBe("UNKNOWN");
    expect(onResource.reason).toBe(
      'Policy.Statement[0].Resource[0] is known only after apply ("${aws_s3_bucket.b.arn}/*"); ' +
        "Policy.Statement[0].Resource[1] is known only after apply (aws_s3_bucket.b.arn)",
    );
  });

  it("still detects admin in a role inline policy whose Resource is a reference", () => {
    const doc = (res("aws_iam_role.admin").props.Policies as Array<{ PolicyDocument: { Statement: Array<Record<string, unknown>> } }>)[0]!.PolicyDocument;
    expect(doc.Statement[0]).toMatchObject({ Effect: "Allow", Action: ["*"] });
    expect(doc.Statement[0]!.Resource).toEqual(new Ref("aws_s3_bucket.b", "arn", "aws_s3_bucket.b.arn"));
    const noAdmin: ConditionSpec = {
      none: {
        path: "Policies[*].PolicyDocument.Statement",
        where: { all: [{ path: "Effect", op: "eq", value: "Allow" }, { some: { path: "Action", where: { path: "@", op: "eq", value: "*" } } }] },
      },
    };
    const r = judge(noAdmin, "aws_iam_role.admin");
    expect(r.verdict).toBe("FAIL");
    expect(r.reason).toBe('Policies[0].PolicyDocument.Statement[0].Effect is "Allow"; Policies[0].PolicyDocument.Statement[0].Action[0] is "*"');
  });

  it("keeps container definitions: Privileged, environment (secret-looking values redacted), logging; Image Unknown", () => {
    const defs = attr("aws_ecs_task_definition.app", "container_definitions") as PartialJson;
    expect(defs.reason).toBe('the JSON has values known only after apply: "${aws_ecr_repository.r.repository_url}:latest"');
    const c = (res("aws_ecs_task_definition.app").props.ContainerDefinitions as Array<Record<string, unknown>>)[0]!;
    expect(c).toMatchObject({
      Name: "app",
      Privileged: true,
      ReadonlyRootFilesystem: false,
      Environment: [
        { Name: "DB_PASSWORD", Value: REDACTED },
        { Name: "MODE", Value: "prod" },
      ],
      LogConfiguration: { LogDriver: "awslogs", Options: { "awslogs-group": "app" } },
    });
    expect(isUnknown(c.Image)).toBe(true);
    expect(judge({ every: { path: "ContainerDefinitions", where: { path: "Privileged", op: "ne", value: true } } }, "aws_ecs_task_definition.app").verdict).toBe("FAIL");
  });

  it("parses key policies and WAF rule_json through the same path", () => {
    const key = res("aws_kms_key.k").props.KeyPolicy as { Statement: Array<Record<string, unknown>> };
    expect(key.Statement[0]).toMatchObject({ Sid: "Admin", Effect: "Allow", Action: ["kms:*"], Resource: ["*"] });
    expect((key.Statement[0]!.Principal as { AWS: unknown }).AWS).toEqual(new Ref("aws_iam_role.admin", "arn", "aws_iam_role.admin.arn"));
    const rules = res("aws_wafv2_web_acl.edge").props.Rules as Array<Record<string, unknown>>;
    expect(rules[0]).toMatchObject({ Name: "blocked-ips", Priority: 1, Action: { Block: {} } });
    expect(rules[0]!.Statement).toEqual({ IPSetReferenceStatement: { ARN: new Ref("aws_wafv2_ip_set.blocked", "arn", "aws_wafv2_ip_set.blocked.arn") } });
  });

  it("maps to props that match each type's schema", () => {
    for (const r of resources) expect(validateProps(r.type, r.props).errors, r.origin.address).toEqual([]);
  });

  it("redacts secret-named keys inside a PartialJson's structure, as everywhere else in HCL values", () => {
    const ref = new Ref("aws_s3_bucket.b", "arn", "aws_s3_bucket.b.arn");
    const p = new PartialJson({ password: "pw-literal-31", arn: ref }, "r", "e");
    const out = redact({ body: p }, "aws_lambda_function") as { body: PartialJson };
    expect(out.body).toEqual(new PartialJson({ password: REDACTED, arn: ref }, "r", "e"));
    const clean = new PartialJson({ arn: ref }, "r", "e");
    expect(redact(clean, "aws_lambda_function")).toBe(clean);
  });

  it("keeps a sensitive value inside jsonencode redacted as a whole, and out of the evidence", () => {
    expect(attr("aws_ecs_task_definition.secret", "container_definitions")).toBe(REDACTED);
    expect(isUnknown(res("aws_ecs_task_definition.secret").props.ContainerDefinitions)).toBe(true);
    for (const text of [JSON.stringify(ev), JSON.stringify(resources)]) {
      expect(text).not.toContain("pw-in-json-5e1d");
      expect(text).not.toContain("literal-env-pw-77c1");
    }
  });
});

describe("aws_iam_policy_document with unknown inputs", () => {
  it("gives a PartialJson in the provider's layout", () => {
    const json = attr("data.aws_iam_policy_document.read", "json") as PartialJson;
    expect(isPartialJson(json)).toBe(true);
    expect(json.reason).toBe(
      'data.aws_iam_policy_document.read.json has values known only after apply: aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*", aws_iam_role.admin.arn',
    );
    expect(json.expression).toBe("data.aws_iam_policy_document.read.json");
    const st = (json.structure as { Version: string; Statement: Array<Record<string, unknown>> }).Statement[0]!;
    expect(Object.keys(st)).toEqual(["Sid", "Effect", "Action", "Resource", "Principal", "Condition"]);
    expect(st).toMatchObject({ Sid: "Read", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetObject"], Condition: { Bool: { "aws:SecureTransport": "true" } } });
    expect((st.Resource as unknown[]).map(isUnknown)).toEqual([true, true]);
    // A single principal is unwrapped, as the provider does: the one Unknown identifier.
    expect(isRef((st.Principal as { AWS: unknown }).AWS)).toBe(true);
    // The policy referencing it gets the same PartialJson.
    expect(attr("aws_iam_policy.read", "policy")).toEqual(json);
  });

  it("normalizes into the policy's props, and the known parts decide", () => {
    const doc = res("aws_iam_policy.read").props.PolicyDocument as { Statement: Array<Record<string, unknown>> };
    expect(doc.Statement[0]).toMatchObject({ Effect: "Allow", Action: ["s3:ListBucket", "s3:GetObject"], Condition: { Bool: { "aws:SecureTransport": ["true"] } } });
    const noWildcard: ConditionSpec = { none: { path: "PolicyDocument.Statement", where: { some: { path: "Action", where: { path: "@", op: "eq", value: "*" } } } } };
    expect(judge(noWildcard, "aws_iam_policy.read").verdict).toBe("PASS");
  });
});

describe("renderPolicyDocument: which unknowns stay leaves", () => {
  const ref = (a: string) => new Ref(a, "arn", `${a}.arn`);
  const structure = (v: unknown) => {
    expect(isPartialJson(v)).toBe(true);
    return (v as PartialJson).structure as { Statement: unknown };
  };

  it("keeps the document text when everything is known", () => {
    expect(typeof renderPolicyDocument({ statement: [{ actions: ["s3:GetObject"], resources: ["*"] }] }, "data.x.y")).toBe("string");
  });

  it("makes unknown list elements Unknown elements, an unknown list one Unknown, an unknown key the whole map", () => {
    const u = new Unknown("var.vals has no value", "var.vals");
    const doc = structure(
      renderPolicyDocument(
        {
          statement: [
            { effect: "Deny", actions: u, resources: ["arn:aws:s3:::b", ref("aws_s3_bucket.c")], condition: [{ test: u, variable: "aws:x", values: ["1"] }] },
          ],
        },
        "data.x.y",
      ),
    );
    expect(doc.Statement).toEqual([{ Effect: "Deny", Action: u, Resource: ["arn:aws:s3:::b", ref("aws_s3_bucket.c")], Condition: u }]);
  });

  it("makes the statements Unknown when a merge by Sid depends on an unknown, or a source document is unknown", () => {
    const u = new Unknown("aws_x.y.policy is known only after apply", "aws_x.y.policy");
    const sid = new Unknown("var.sid has no value", "var.sid");
    const merged = renderPolicyDocument({ statement: [{ sid: "A", actions: ["s3:*"], resources: ["*"] }], override_policy_documents: [u] }, "data.x.y");
    expect(structure(merged).Statement).toBe(u);
    const bySid = renderPolicyDocument(
      { statement: [{ sid, actions: ["s3:*"], resources: ["*"] }], source_policy_documents: ['{"Statement":[{"Sid":"A","Effect":"Allow","Action":"*","Resource":"*"}]}'] },
      "data.x.y",
    );
    expect(structure(bySid).Statement).toBe(sid);
    // A source document that is itself a PartialJson contributes its structure.
    const partial = renderPolicyDocument({ statement: [{ actions: ["s3:GetObject"], resources: [ref("aws_s3_bucket.b")] }] }, "data.a.b");
    const combined = structure(renderPolicyDocument({ source_policy_documents: [partial], statement: [{ sid: "B", actions: ["s3:PutObject"], resources: ["*"] }] }, "data.x.y"));
    expect(combined.Statement).toEqual([
      { Effect: "Allow", Action: "s3:GetObject", Resource: ref("aws_s3_bucket.b") },
      { Sid: "B", Effect: "Allow", Action: "s3:PutObject", Resource: "*" },
    ]);
  });

  it("stays sensitive when an input is sensitive", () => {
    expect(renderPolicyDocument({ statement: [{ actions: ["s3:*"], resources: [SENSITIVE, ref("aws_s3_bucket.b")] }] }, "data.x.y")).toBe(SENSITIVE);
  });
});
