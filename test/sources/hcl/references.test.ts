import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { isRef, Ref, Unknown } from "../../../src/model/values.js";
import { tfToResources } from "../../../src/sources/terraform/aws/index.js";
import type { TfEvidence, TfInstance } from "../../../src/sources/terraform/instance.js";
import { loadHclEvidence } from "../../../src/sources/terraform/hcl/index.js";
import { hasTags } from "../../../src/sources/terraform/hcl/known-attributes.js";

/** Template results carry the shape their known text gives them; these tests check the Ref itself. */
const SHAPE = expect.any(RegExp);
function shaped<T extends object>(value: T, shape: unknown): T {
  return Object.assign(value, { shape });
}

function byAddress(ev: TfEvidence, address: string): TfInstance {
  const inst = ev.instances.find((i) => i.address === address);
  if (!inst) throw new Error(`no instance ${address}; have ${ev.instances.map((i) => i.address).join(", ")}`);
  return inst;
}

describe("provider default_tags (test/fixtures/hcl/default-tags)", () => {
  let ev: TfEvidence;
  const tagsAll = (address: string) => byAddress(ev, address).attributes.tags_all;
  const costCenter = new Unknown("var.cost_center has no value", "var.cost_center");
  beforeAll(async () => {
    ev = await loadHclEvidence("test/fixtures/hcl/default-tags", { env: {} });
  });

  it("gives tags_all = merge(default_tags, tags), the resource's tags winning", () => {
    expect(tagsAll("aws_s3_bucket.b")).toEqual({ Owner: "x", Team: "data", Name: "b" });
    expect(byAddress(ev, "aws_s3_bucket.b").attributes.tags).toEqual({ Name: "b", Team: "data" });
    expect(tagsAll("aws_s3_bucket.untagged")).toEqual({ Owner: "x", Team: "platform" });
  });

  it("follows provider aliases; unknown default tag values stay Unknown; values become strings", () => {
    expect(tagsAll("aws_s3_bucket.edge")).toEqual({ Owner: "edge", CostCenter: costCenter, Name: "edge", Count: "3" });
    // A provider without default_tags adds nothing, and an untagged resource gets no tags_all.
    expect(byAddress(ev, "aws_s3_bucket.plain").attributes).not.toHaveProperty("tags_all");
  });

  it("makes tags_all Unknown when the resource's whole tags map is", () => {
    expect(tagsAll("aws_s3_bucket.var_tags")).toEqual(new Unknown("var.resource_tags has no value", "var.resource_tags"));
  });

  it("sets tags_all only on types with a tags argument", () => {
    expect(byAddress(ev, "aws_s3_bucket_versioning.b").attributes).not.toHaveProperty("tags_all");
    // aws_sqs_queue joined the known list when the rule library mapped it: an untagged queue now takes
    // the provider's default tags too, as Terraform does.
    expect(tagsAll("module.default.aws_sqs_queue.untagged")).toEqual({ Owner: "x", Team: "platform" });
    expect(tagsAll("module.default.aws_iam_role.r")).toEqual({ Owner: "x", Team: "platform" });
    expect(tagsAll("module.default.aws_sqs_queue.tagged")).toEqual({ Owner: "x", Team: "platform", App: "q" });
  });

  it("follows module providers mappings, and inherits the default configuration without one", () => {
    expect(tagsAll("module.east.aws_iam_role.r")).toEqual({ Owner: "edge", CostCenter: costCenter });
    expect(tagsAll("module.east.aws_sqs_queue.tagged")).toEqual({ Owner: "edge", CostCenter: costCenter, App: "q" });
    expect(byAddress(ev, "module.east.aws_iam_role.r").region).toBe("us-east-1");
  });

  it("reaches the canonical resource's tags", () => {
    const { resources } = tfToResources(ev);
    const bucket = resources.find((r) => r.origin.address === "aws_s3_bucket.b")!;
    expect(bucket.tags).toEqual({ Owner: "x", Team: "data", Name: "b" });
  });

  it("knows which mapped types are taggable, as the provider schema says", () => {
    const schema = JSON.parse(readFileSync("test/fixtures/aws-provider-attribute-paths.json", "utf8")) as { types: Record<string, string[]> };
    for (const [type, paths] of Object.entries(schema.types)) expect(hasTags(type), type).toBe(paths.includes("tags_all"));
  });
});

describe("references through for_each / count resources (test/fixtures/hcl/references)", () => {
  let ev: TfEvidence;
  let refs: Record<string, unknown>;
  let tmpl: Record<string, unknown>;
  beforeAll(async () => {
    ev = await loadHclEvidence("test/fixtures/hcl/references", { env: {} });
    refs = byAddress(ev, "terraform_data.refs").attributes.input as Record<string, unknown>;
    tmpl = byAddress(ev, "terraform_data.templates").attributes.input as Record<string, unknown>;
  });

  it("keeps the Ref through a for expression over a for_each resource", () => {
    expect(byAddress(ev, "aws_cloudwatch_log_group.trail").attributes.kms_key_id).toEqual(
      new Ref('aws_kms_key.k["logs"]', "arn", 'aws_kms_key.k["logs"].arn'),
    );
    // Configured attributes are known through it.
    expect(refs.description).toBe("data key");
    expect(refs.count).toBe(2);
  });

  it("expands for_each over a resource, each.value reading its instance", () => {
    expect(byAddress(ev, 'aws_kms_alias.k["logs"]').attributes).toEqual({
      name: "alias/logs",
      target_key_id: new Ref('aws_kms_key.k["logs"]', "key_id", 'aws_kms_key.k["logs"].key_id'),
    });
    expect(byAddress(ev, 'aws_kms_alias.k["data"]').attributes.name).toBe("alias/data");
  });

  it("keeps it through module outputs: a for expression, or the resource itself", () => {
    expect(byAddress(ev, "aws_cloudtrail.t").attributes.kms_key_id).toEqual(
      new Ref('module.kms.aws_kms_key.this["logs"]', "arn", 'module.kms.aws_kms_key.this["logs"].arn'),
    );
    expect(refs.module_arn).toEqual(new Ref('module.kms.aws_kms_key.this["data"]', "arn", 'module.kms.aws_kms_key.this["data"].arn'));
    expect(refs.module_object).toEqual(refs.module_arn);
    expect(refs.module_known).toBe("logs key");
  });

  it("keeps it through values(), list for expressions over count resources, and splats", () => {
    expect(refs.key_ids).toEqual([
      new Ref('aws_kms_key.k["data"]', "key_id", 'aws_kms_key.k["data"].key_id'),
      new Ref('aws_kms_key.k["logs"]', "key_id", 'aws_kms_key.k["logs"].key_id'),
    ]);
    expect(refs.names).toEqual(["topic-0", "topic-1"]);
    expect((refs.splat as Ref[]).map((r) => [r.target, r.attribute])).toEqual([
      ["aws_sns_topic.counted[0]", "arn"],
      ["aws_sns_topic.counted[1]", "arn"],
    ]);
    expect(refs.splat_single).toEqual(["trail"]);
    expect(refs.instance).toEqual(new Ref('aws_kms_key.k["logs"]', undefined, 'aws_kms_key.k["logs"]'));
  });

  it("keeps today's plain Unknown over a resource whose for_each is unknown", () => {
    expect(refs.unknown_each).toBeInstanceOf(Unknown);
    expect(isRef(refs.unknown_each)).toBe(false);
  });

  it("makes literal text around exactly one reference a Ref to it", () => {
    expect(byAddress(ev, "aws_cloudtrail.t").attributes.cloud_watch_logs_group_arn).toEqual(
      shaped(new Ref("aws_cloudwatch_log_group.trail", "arn", '"${aws_cloudwatch_log_group.trail.arn}:*"', true), SHAPE),
    );
    expect((tmpl.one as Ref).shape?.test("arn:aws:logs:eu-west-1:1:log-group:t:*")).toBe(true);
    expect((tmpl.one as Ref).shape?.test("*")).toBe(false);
    expect(tmpl.one).toEqual(shaped(new Ref("aws_cloudwatch_log_group.trail", "arn", '"${aws_cloudwatch_log_group.trail.arn}:*"', true), SHAPE));
    expect(tmpl.same_twice).toMatchObject({ target: 'aws_kms_key.k["logs"]', attribute: "arn" });
    expect(isRef(tmpl.same_twice)).toBe(true);
    expect(isRef(tmpl.heredoc)).toBe(true);
    expect(tmpl.known).toBe("trail-x");
    // A template file is named by the call that renders it.
    const call = 'templatefile("${path.module}/templates/arn.tpl", { arn = aws_cloudwatch_log_group.trail.arn })';
    expect(tmpl.file).toEqual(shaped(new Ref("aws_cloudwatch_log_group.trail", "arn", call, true), SHAPE));
  });

  it("keeps a plain Unknown for several references, or any other unknown", () => {
    expect(tmpl.file_var).toEqual(shaped(new Unknown("var.suffix has no value", 'templatefile("${path.module}/templates/arn.tpl", { arn = var.suffix })'), SHAPE));
    for (const k of ["two", "with_var", "directive", "file_var"]) {
      expect(tmpl[k], k).toBeInstanceOf(Unknown);
      expect(isRef(tmpl[k]), k).toBe(false);
    }
  });

  it("lets the mappers and cross-resource rules resolve them by address", () => {
    const { resources } = tfToResources(ev);
    const trail = resources.find((r) => r.origin.address === "aws_cloudtrail.t")!;
    const logs = Object.values(trail.props).filter(isRef);
    expect(logs.map((r) => r.target).sort()).toEqual(['module.kms.aws_kms_key.this["logs"]', "aws_cloudwatch_log_group.trail"].sort());
  });
});
