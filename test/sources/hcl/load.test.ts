import { beforeAll, describe, expect, it } from "vitest";
import { isPartialJson, isRef, isUnknown, type PartialJson, REDACTED, Ref, Unknown } from "../../../src/model/values.js";
import type { TfEvidence, TfInstance } from "../../../src/sources/terraform/instance.js";
import { loadHclEvidence } from "../../../src/sources/terraform/hcl/index.js";

const ROOT = "test/fixtures/hcl/platform";

function byAddress(ev: TfEvidence, address: string): TfInstance {
  const inst = ev.instances.find((i) => i.address === address);
  if (!inst) throw new Error(`no instance ${address}; have ${ev.instances.map((i) => i.address).join(", ")}`);
  return inst;
}

describe("loadHclEvidence: the platform fixture", () => {
  let ev: TfEvidence;
  beforeAll(async () => {
    ev = await loadHclEvidence(ROOT, { env: {} });
  });

  it("emits every resource and data instance with file, line and address", () => {
    expect(ev.source).toBe("hcl");
    expect(ev.location).toBe(ROOT);
    const logs = byAddress(ev, "aws_s3_bucket.logs");
    expect(logs).toMatchObject({ mode: "managed", type: "aws_s3_bucket", name: "logs", modulePath: "", file: "storage.tf", line: 7 });
    expect(logs.workspace).toBe("default");
    const doc = byAddress(ev, "data.aws_iam_policy_document.static");
    expect(doc).toMatchObject({ mode: "data", file: "storage.tf", line: 91 });
    expect(byAddress(ev, "module.db.aws_db_instance.primary")).toMatchObject({
      modulePath: "module.db",
      file: "modules/db/main.tf",
      line: 6,
    });
  });

  it("records where each attribute and nested block is set", () => {
    const assets = byAddress(ev, "aws_s3_bucket.assets");
    expect(assets.attributeLocations).toMatchObject({
      bucket: { file: "storage.tf", line: 13 },
      versioning: { file: "storage.tf", line: 16 },
      logging: { file: "storage.tf", line: 20 },
      server_side_encryption_configuration: { file: "storage.tf", line: 25 },
      lifecycle_rule: { file: "storage.tf", line: 34 },
    });
    const primary = byAddress(ev, "module.db.aws_db_instance.primary");
    expect(primary.attributeLocations?.storage_encrypted).toEqual({ file: "modules/db/main.tf", line: 14 });
  });

  it("shapes nested blocks like state v4: lists of objects", () => {
    const a = byAddress(ev, "aws_s3_bucket.assets").attributes;
    expect(a.versioning).toEqual([{ enabled: true }]);
    expect(a.logging).toEqual([{ target_bucket: "mobilytics-stag-logs", target_prefix: "assets/" }]);
    const sse = a.server_side_encryption_configuration as { rule: { apply_server_side_encryption_by_default: Record<string, unknown>[] }[] }[];
    const byDefault = sse[0]!.rule[0]!.apply_server_side_encryption_by_default[0]!;
    expect(byDefault.sse_algorithm).toBe("aws:kms");
    expect(byDefault.kms_master_key_id).toEqual(new Ref("aws_kms_key.main", "arn", "aws_kms_key.main.arn"));
    // Meta-arguments never appear as attributes; unset attributes are absent.
    expect(byAddress(ev, "aws_instance.web[0]").attributes).not.toHaveProperty("count");
    expect(a).not.toHaveProperty("acl");
  });

  it("expands dynamic blocks over a known for_each, with a custom iterator", () => {
    const a = byAddress(ev, "aws_s3_bucket.assets").attributes;
    expect(a.lifecycle_rule).toEqual([{ id: "expire", enabled: true, expiration: [{ days: 30 }] }]);
  });

  it("makes a dynamic block Unknown when its for_each is not knowable", () => {
    const cors = byAddress(ev, "aws_s3_bucket.assets").attributes.cors_rule;
    expect(isUnknown(cors)).toBe(true);
    expect((cors as Unknown).reason).toBe('dynamic block "cors_rule": for_each is unknown (aws_kms_key.main.tags_all is known only after apply)');
  });

  it("resolves locals in any order, tfvars, auto tfvars JSON, defaults and workspace", () => {
    const logs = byAddress(ev, "aws_s3_bucket.logs").attributes;
    expect(logs.bucket).toBe("mobilytics-stag-logs");
    expect(logs.tags).toEqual({ Project: "mobilytics", ManagedBy: "terraform", Workspace: "default", Environment: "staging" });
    const rule = byAddress(ev, 'aws_security_group_rule.ingress["443"]').attributes;
    expect(rule.cidr_blocks).toEqual(["10.0.0.0/8", "192.168.0.0/16"]);
    expect(byAddress(ev, "aws_security_group.web").attributes.description).toBe("Web tier for mobilytics.\n  Managed by Terraform.\n");
  });

  it("expands count with count.index", () => {
    expect(ev.instances.filter((i) => i.type === "aws_instance").map((i) => [i.address, i.index])).toEqual([
      ["aws_instance.web[0]", 0],
      ["aws_instance.web[1]", 1],
    ]);
    expect(byAddress(ev, "aws_instance.web[0]").attributes).toMatchObject({ instance_type: "t3.large", tags: { Name: "mobilytics-stag-web-01" } });
    expect(byAddress(ev, "aws_instance.web[1]").attributes).toMatchObject({ instance_type: "t3.micro", tags: { Name: "mobilytics-stag-web-02" } });
  });

  it("expands for_each over maps (typed with optional defaults) and sets", () => {
    const orders = byAddress(ev, 'aws_sqs_queue.q["orders"]');
    expect(orders.index).toBe("orders");
    // tags_all: the provider's default_tags (aws_sqs_queue has a tags argument).
    expect(orders.attributes).toMatchObject({ name: "orders.fifo", fifo_queue: true, message_retention_seconds: 86400, kms_master_key_id: null });
    expect(Object.keys(orders.attributes).sort()).toEqual(["fifo_queue", "kms_master_key_id", "message_retention_seconds", "name", "tags_all"]);
    expect(byAddress(ev, 'aws_sqs_queue.q["events"]').attributes).toMatchObject({ name: "events", fifo_queue: false, message_retention_seconds: 345600 });
    expect(byAddress(ev, 'aws_security_group_rule.ingress["80"]').attributes).toMatchObject({ from_port: 80, to_port: 80 });
  });

  it("evaluates once with an unknown index when count is unknown, and says so", () => {
    const topic = byAddress(ev, "aws_sns_topic.alerts");
    expect(topic.index).toBeUndefined();
    expect(ev.notes).toContain(
      "aws_sns_topic.alerts: count is unknown (length(data.aws_caller_identity.current.account_id) > 0 ? 1 : 0); evaluated once with unknown index",
    );
  });

  it("renders templatefile() and file() relative to the working directory", () => {
    expect(byAddress(ev, "aws_instance.web[0]").attributes.user_data).toBe(
      '#!/bin/bash\necho "environment: staging"\nsystemctl start api\nsystemctl start jobs\n',
    );
    expect(JSON.parse(byAddress(ev, "aws_iam_role.task").attributes.assume_role_policy as string).Statement[0].Action).toBe("sts:AssumeRole");
  });

  it("turns references into Refs, unless the value is knowable from the referenced block", () => {
    const sg = byAddress(ev, 'aws_security_group_rule.ingress["443"]').attributes.security_group_id;
    expect(sg).toEqual(new Ref("aws_security_group.web", "id", "aws_security_group.web.id"));
    // aws_s3_bucket.id is its bucket argument; a literal argument is used as is.
    expect(byAddress(ev, "aws_s3_bucket_policy.assets").attributes.bucket).toBe("mobilytics-stag-assets");
    expect(byAddress(ev, "aws_cloudtrail.main").attributes.s3_bucket_name).toBe("mobilytics-stag-logs");
    expect(byAddress(ev, "module.db.aws_db_instance.replica[0]").attributes.replicate_source_db).toBe("mobilytics-stag-db");
    // Inside a module, the Ref target carries the module path.
    expect(byAddress(ev, 'module.buckets["media"].aws_s3_bucket_public_access_block.this').attributes.bucket).toBe("mobilytics-stag-media");
    const inline = byAddress(ev, "aws_iam_role.task").attributes.inline_policy as { policy: unknown }[];
    // jsonencode over a reference: the JSON text is known only after apply, its structure is known.
    const policy = inline[0]!.policy as PartialJson;
    expect(isPartialJson(policy)).toBe(true);
    expect(policy.reason).toBe("the JSON has values known only after apply: aws_cloudwatch_log_group.app.arn");
    expect(policy.structure).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: new Ref("aws_cloudwatch_log_group.app", "arn", "aws_cloudwatch_log_group.app.arn") }],
    });
  });

  it("renders aws_iam_policy_document JSON like the provider, or Unknown when an input is unknown", () => {
    const json = byAddress(ev, "data.aws_iam_policy_document.static").attributes.json as string;
    expect(JSON.parse(json)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"],
          Resource: "*",
          Principal: { Service: "sns.amazonaws.com" },
          Condition: { ArnLike: { "aws:SourceArn": "arn:aws:sns:eu-west-1:111122223333:alerts" } },
        },
      ],
    });
    expect(json.startsWith('{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",')).toBe(true);
    const policy = byAddress(ev, "aws_s3_bucket_policy.assets").attributes.policy as Unknown;
    expect(isUnknown(policy)).toBe(true);
    expect(policy.reason).toContain("var.kms_key_arn has no value");
    // The bucket ARN is derived from the bucket name and the provider region's partition.
    const stmt = (byAddress(ev, "data.aws_iam_policy_document.assets").attributes.statement as { resources: unknown }[])[0]!;
    expect(stmt.resources).toEqual(["arn:aws:s3:::mobilytics-stag-assets", "arn:aws:s3:::mobilytics-stag-assets/*"]);
  });

  it("gives data sources' computed attributes as Unknown read at plan time; aws_region from the provider", () => {
    const meta = byAddress(ev, "aws_sns_topic.meta").attributes;
    expect(meta.name).toBe("meta-eu-west-1");
    expect(meta.display_name).toEqual(
      new Unknown("data.aws_caller_identity.current.account_id is read at plan time", "data.aws_caller_identity.current.account_id"),
    );
    expect(isRef(meta.display_name)).toBe(false);
  });

  it("follows local modules with arguments, count and for_each; module outputs flow back", () => {
    expect(ev.instances.filter((i) => i.modulePath.startsWith("module.")).map((i) => i.address)).toEqual([
      "module.db.aws_db_subnet_group.this",
      "module.db.aws_db_instance.primary",
      "module.db.aws_db_instance.replica[0]",
      "module.db.aws_db_instance.replica[1]",
      'module.buckets["exports"].aws_s3_bucket.this',
      'module.buckets["exports"].aws_s3_bucket_public_access_block.this',
      'module.buckets["media"].aws_s3_bucket.this',
      'module.buckets["media"].aws_s3_bucket_public_access_block.this',
    ]);
    const primary = byAddress(ev, "module.db.aws_db_instance.primary").attributes;
    expect(primary).toMatchObject({ identifier: "mobilytics-stag-db", storage_encrypted: true, db_subnet_group_name: "mobilytics-stag-db" });
    expect(primary.engine_version).toEqual(new Unknown("var.engine_version has no value", "var.engine_version"));
    expect(byAddress(ev, 'module.buckets["media"].aws_s3_bucket.this').modulePath).toBe('module.buckets["media"]');
  });

  it("does not follow remote modules, says so without credentials, and leaves their outputs Unknown", () => {
    expect(ev.notes).toContain("module.network: remote source terraform-aws-modules/vpc/aws not followed");
    expect(ev.notes).toContain("module.private: remote source git::https://github.com/acme/tf-modules.git//vpc?ref=v1.2.0 not followed");
    expect(JSON.stringify(ev)).not.toContain("s3cr3t-token");
    const vpc = byAddress(ev, "aws_security_group.web").attributes.vpc_id as Unknown;
    expect(vpc.reason).toBe("module.network is a remote module (terraform-aws-modules/vpc/aws), not followed");
  });

  it("sets the region from the provider, respecting provider = aws.alias", () => {
    expect(byAddress(ev, "aws_s3_bucket.logs").region).toBe("eu-west-1");
    expect(byAddress(ev, "aws_cloudtrail.main").region).toBe("us-east-1");
    expect(byAddress(ev, "module.db.aws_db_instance.primary").region).toBe("eu-west-1");
  });

  it("redacts secrets: sensitive variables anywhere, secret attribute names, literal passwords", () => {
    const text = JSON.stringify(ev);
    expect(text).not.toContain("tfvars-secret-9c1e");
    expect(text).not.toContain("Hunter2-literal-pw");
    expect(text).not.toContain("literal-auth-token-4f9a");
    expect(byAddress(ev, "module.db.aws_db_instance.primary").attributes.password).toBe(REDACTED);
    expect(byAddress(ev, "aws_db_instance.legacy").attributes.password).toBe(REDACTED);
    expect(byAddress(ev, "aws_elasticache_replication_group.cache").attributes.auth_token).toBe(REDACTED);
    // A value built from a sensitive variable is redacted as a whole.
    expect(byAddress(ev, "aws_ssm_parameter.db_url").attributes.value).toBe(REDACTED);
  });
});

describe("loadHclEvidence: variable precedence and options", () => {
  it("applies --var-file after tfvars, then --var, and TF_VAR_ below tfvars", async () => {
    const ev = await loadHclEvidence(ROOT, {
      varFiles: [`${ROOT}/envs/prod.tfvars`],
      vars: { region: "eu-central-1", allowed_cidrs: '["172.16.0.0/12"]' },
      env: { TF_VAR_project: "fromenv", TF_VAR_env: "ignored-because-tfvars-wins" },
      workspace: "prod",
    });
    const logs = byAddress(ev, "aws_s3_bucket.logs");
    expect(logs.attributes.bucket).toBe("fromenv-prod-logs");
    expect(logs.attributes.tags).toMatchObject({ Environment: "production", Workspace: "prod" });
    expect(logs.workspace).toBe("prod");
    expect(logs.region).toBe("eu-central-1");
    expect(ev.instances.filter((i) => i.type === "aws_instance")).toHaveLength(3);
    expect(byAddress(ev, 'aws_security_group_rule.ingress["80"]').attributes.cidr_blocks).toEqual(["172.16.0.0/12"]);
    expect(byAddress(ev, "aws_s3_bucket.assets").attributes.lifecycle_rule).toEqual([
      { id: "expire", enabled: true, expiration: [{ days: 30 }] },
    ]);
  });

  it("renders a policy document once every input is known: * principal, reverse-sorted sets, single values unwrapped", async () => {
    const ev = await loadHclEvidence(ROOT, { vars: { kms_key_arn: "arn:aws:iam::111122223333:role/reader" }, env: {} });
    const json = byAddress(ev, "data.aws_iam_policy_document.assets").attributes.json as string;
    expect(JSON.parse(json).Statement).toEqual([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Action: "s3:*",
        Resource: ["arn:aws:s3:::mobilytics-stag-assets/*", "arn:aws:s3:::mobilytics-stag-assets"],
        Principal: "*",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "ReadOnly",
        Effect: "Allow",
        Action: ["s3:ListBucket", "s3:GetObject"],
        Resource: "arn:aws:s3:::mobilytics-stag-assets/*",
        Principal: { AWS: "arn:aws:iam::111122223333:role/reader" },
      },
    ]);
    // The bucket policy references the document, so it gets the same string.
    expect(byAddress(ev, "aws_s3_bucket_policy.assets").attributes.policy).toBe(json);
  });

  it("keeps a sensitive variable redacted when it comes from TF_VAR_", async () => {
    const ev = await loadHclEvidence(ROOT, { env: { TF_VAR_db_password: "env-secret-77aa" }, vars: { db_password: "cli-secret-88bb" } });
    const text = JSON.stringify(ev);
    expect(text).not.toContain("env-secret-77aa");
    expect(text).not.toContain("cli-secret-88bb");
  });

  it("expands a module with count = 0 to nothing", async () => {
    const ev = await loadHclEvidence(ROOT, { vars: { replica_count: "0", instance_count: "0" }, env: {} });
    expect(ev.instances.some((i) => i.address.startsWith("module.db.aws_db_instance.replica"))).toBe(false);
    expect(ev.instances.some((i) => i.type === "aws_instance")).toBe(false);
  });
});

describe("loadHclEvidence: CRLF, recursion", () => {
  it("reads CRLF files with the same lines and values", async () => {
    const ev = await loadHclEvidence("test/fixtures/hcl/crlf");
    const b = byAddress(ev, "aws_s3_bucket.crlf");
    expect(b.line).toBe(1);
    expect(b.attributeLocations).toMatchObject({ bucket: { line: 2 }, tags: { line: 4 }, policy: { line: 7 } });
    expect(b.attributes).toEqual({ bucket: "crlf-bucket", tags: { Name: "crlf" }, tags_all: { Name: "crlf" }, policy: '{"a": 1}\r\n' });
  });

  it("stops a module that calls itself, with a note", async () => {
    const ev = await loadHclEvidence("test/fixtures/hcl/recursive");
    expect(ev.instances.map((i) => [i.address, i.attributes.name])).toEqual([["module.child.aws_sqs_queue.q", "depth-1"]]);
    expect(ev.notes).toEqual(["module.child.module.again calls a module that is already being loaded (../child); not followed"]);
  });

  it("never reads files outside the audited tree", async () => {
    const ev = await loadHclEvidence("test/fixtures/hcl/templates-outside");
    const escape = byAddress(ev, "aws_iam_policy.escape").attributes.policy as Unknown;
    expect(escape.reason).toBe("evaluation failed: ./../../../../package.json is outside the audited directory; not read");
    expect(JSON.stringify(ev)).not.toContain("plumbline");
    expect((byAddress(ev, "aws_iam_policy.missing").attributes.policy as Unknown).reason).toBe("evaluation failed: file ./nope.json cannot be read");
  });
});
