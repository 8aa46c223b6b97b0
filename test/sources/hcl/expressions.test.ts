import { beforeAll, describe, expect, it } from "vitest";
import { isUnknown, REDACTED, Ref, Unknown } from "../../../src/model/values.js";
import type { TfEvidence } from "../../../src/sources/terraform/instance.js";
import { loadHclEvidence } from "../../../src/sources/terraform/hcl/index.js";

/** Template results carry the shape their known text gives them; these tests check the Ref itself. */
const SHAPE = expect.any(RegExp);
function shaped<T extends object>(value: T, shape: unknown): T {
  return Object.assign(value, { shape });
}

describe("expression evaluation (test/fixtures/hcl/expressions)", () => {
  let ev: TfEvidence;
  let fn: Record<string, unknown>;
  let ex: Record<string, unknown>;
  beforeAll(async () => {
    ev = await loadHclEvidence("test/fixtures/hcl/expressions", { workspace: "staging", env: {} });
    fn = ev.instances.find((i) => i.address === "terraform_data.functions")!.attributes.input as Record<string, unknown>;
    ex = ev.instances.find((i) => i.address === "terraform_data.expressions")!.attributes.input as Record<string, unknown>;
  });

  it("evaluates the common built-in functions", () => {
    expect(fn).toMatchObject({
      merge: { a: 1, b: 3 },
      concat: ["a", "b", "c"],
      lookup: "fallback",
      coalesce: "first",
      coalescel: ["x"],
      compact: ["alpha", "beta", "alpha"],
      contains: true,
      distinct: ["alpha", "beta", ""],
      element: "b",
      flatten: ["a", "b", "c"],
      format: "id-007-3.14-true",
      formatlist: ["a=v", "b=v"],
      join: "a,b",
      split: ["a", "b", "c"],
      keys: ["a", "b"],
      values: [2, 1],
      length: 5,
      case: ["abc", "ABC", "Hello World"],
      replace: ["a_b_c", "major1"],
      regex: ["s3"],
      substr: "wor",
      trims: ["x", "y", "z", "z"],
      starts: [true, true],
      conversions: ["5", 4.5, true, ["a", "b"]],
      try: "default",
      can: [true, false],
      json: '{"a":"\\u003c\\u0026\\u003e","b":[1,true,null]}',
      jsondecode: [1, 2],
      minmax: [1, 3, 4, 2, 1],
      range: [1, 3, 5],
      zipmap: { a: 1, b: 2 },
      slice: ["b", "c"],
      reverse: [3, 2, 1],
      sort: ["a", "b", "c"],
      cidr: "10.1.3.0/24",
      hashes: ["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "900150983cd24fb0d6963f7d28e17f72", "aGk=", "hi"],
    });
  });

  it("returns Unknown with a reason for time, randomness, unsupported and provider functions", () => {
    expect(fn.timestamp).toEqual(new Unknown("timestamp() is known only at apply time", "timestamp()"));
    expect(fn.uuid).toEqual(new Unknown("uuid() is known only at apply time", "uuid()"));
    expect(fn.unsupported).toEqual(new Unknown("function yamldecode() is not evaluated statically", 'yamldecode("a: 1")'));
    expect((fn.provider_fn as Unknown).reason).toBe("provider-defined function provider::aws::arn_parse() is not evaluated statically");
  });

  it("evaluates operators, conditionals, for expressions, splats and indexing", () => {
    expect(ex).toMatchObject({
      arithmetic: 5,
      comparison: [true, false, true, false],
      logic: true,
      conditional: "on",
      for_tuple: ["ALPHA", "BETA", "ALPHA"],
      for_object: { alpha: [5, 5], beta: [4] },
      splat: [1, 2],
      legacy: 11,
      index: "y",
    });
  });

  it("converts variable values to their declared type, filling optional attributes", () => {
    expect(ex.settings).toEqual({ size: 3, enabled: true, owner: null });
  });

  it("handles escapes, heredocs, <<- indentation and template directives with strip markers", () => {
    expect(ex.raw).toBe("literal ${not_interp} and %{not_directive}");
    expect(ex.heredoc).toBe("  keep indentation\n");
    expect(ex.flush).toBe("first\n  nested\nlast 3\n");
    expect(ex.directives).toBe("0:alpha,1:beta,2:alpha");
    expect(ex.stripped).toBe("abc");
  });

  it("knows terraform.workspace and path.*", () => {
    expect(ex.workspace).toBe("staging");
    expect(ex.path).toEqual([".", "."]);
  });

  it("redacts values derived from a sensitive variable and keeps Unknown reasons", () => {
    expect(ex.token_used).toBe(REDACTED);
    expect(JSON.stringify(ev)).not.toContain("tok-123-do-not-leak");
    // Literal text around one reference still points at that resource (as a plan records it).
    expect(ex.unknown_ref).toEqual(shaped(new Ref("aws_kms_key.k", "arn", '"${aws_kms_key.k.arn}:suffix"', true), SHAPE));
    expect((ex.unknown_ref as Unknown).reason).toBe('"${aws_kms_key.k.arn}:suffix" is known only after apply');
  });

  it("turns an evaluation error into an Unknown naming what failed, without failing the load", () => {
    const errs = ev.instances.find((i) => i.address === "terraform_data.errors")!.attributes;
    expect(errs.input).toEqual(new Unknown("evaluation failed: index 5 out of range for a list of 1", '["a"][5]'));
    expect((errs.cycle as Unknown).reason).toBe("local.loop_a refers to itself (a cycle)");
    expect(errs.missing_var).toEqual(new Unknown("evaluation failed: reference to undeclared input variable \"nope\"", "var.nope"));
  });
});

describe("syntax edge cases (test/fixtures/hcl/syntax)", () => {
  it("loads them and evaluates dynamic blocks, optional() defaults and lookups", async () => {
    const ev = await loadHclEvidence("test/fixtures/hcl/syntax", { env: {} });
    const b = ev.instances.find((i) => i.address === "aws_s3_bucket.this[0]")!;
    expect(b.attributes).toEqual({
      bucket: "svc-logs",
      tags: { Name: "logs" },
      tags_all: { Name: "logs" },
      versioning: [{ enabled: true }],
      lifecycle_rule: [
        { id: "archive", enabled: false, expiration: [{ days: 90 }] },
        { id: "expire", enabled: true, expiration: [{ days: 30 }] },
      ],
    });
    expect(b.attributeLocations?.lifecycle_rule).toEqual({ file: "main.tf", line: 66 });
    const doc = ev.instances.find((i) => i.address === "data.aws_iam_policy_document.one_line")!;
    expect(JSON.parse(doc.attributes.json as string).Version).toBe("2012-10-17");
  });
});
