import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/errors.js";
import { isRef, isUnknown, REDACTED, Ref, Unknown } from "../../../src/model/values.js";
import { loadPlanEvidence, parsePlanText } from "../../../src/sources/terraform/plan.js";

const FIXTURE = fileURLToPath(new URL("../../fixtures/plan/plan.json", import.meta.url));
const TEXT = readFileSync(FIXTURE, "utf8");
/** Secrets seeded by the Terraform run (test/fixtures/plan/README.md): a sensitive variable and secret strings. */
const SECRETS = ["FIXTURE-DB-PASSWORD-4417", "FIXTURE-SECRET-API-KEY-7731", "FIXTURE-NEW-SECRET-9902"];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const fixtureDoc = (): Any => JSON.parse(TEXT);

function inputErrorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error("expected an InputError");
}

describe("plan JSON from a real terraform show -json (Terraform 1.11, AWS provider 5.100)", async () => {
  const ev = await loadPlanEvidence(FIXTURE);
  const byAddr = new Map(ev.instances.map((i) => [i.address, i]));
  const attrs = (a: string): Any => byAddr.get(a)!.attributes;

  it("keeps creates, updates, replaces and no-ops, and notes the deletions it does not judge", () => {
    expect(ev.source).toBe("tf-plan");
    expect(byAddr.has("aws_kms_key.logs")).toBe(true); // create
    expect(attrs('aws_s3_bucket.data["raw"]').tags).toEqual({ Env: "dev", Tier: "raw", Owner: "data-platform" }); // update
    expect(attrs("aws_s3_bucket.logs[0]").bucket).toBe("plumbline-fixture-logs-v2-0"); // replace: the new object
    expect(byAddr.has("module.kms.aws_kms_alias.this")).toBe(true); // tainted → replace
    expect(byAddr.has("module.app[0].module.db.aws_db_instance.this")).toBe(true); // no-op
    for (const gone of ['aws_s3_bucket.data["archive"]', "aws_s3_bucket.logs[1]"]) expect(byAddr.has(gone)).toBe(false);
    expect(ev.notes.join("\n")).toContain(
      '3 resources planned for deletion not judged: aws_s3_bucket.data["archive"], aws_s3_bucket.logs[1], aws_s3_bucket_server_side_encryption_configuration.data["archive"]',
    );
  });

  it("carries module path, index and the provider's region; plans have no file or line", () => {
    expect(byAddr.get("module.app[0].module.db.aws_db_instance.this")).toMatchObject({
      modulePath: "module.app[0].module.db",
      mode: "managed",
      type: "aws_db_instance",
      name: "this",
      region: "eu-west-1",
      account: "123456789012",
      location: FIXTURE,
    });
    expect(byAddr.get('aws_s3_bucket.data["curated"]')).toMatchObject({ index: "curated", modulePath: "", region: "eu-west-1" });
    expect(byAddr.get("aws_s3_bucket.logs[0]")!.index).toBe(0);
    for (const i of ev.instances) {
      expect(i.file).toBeUndefined();
      expect(i.line).toBeUndefined();
    }
  });

  it("turns after_unknown into Unknown with the address and attribute path", () => {
    const key = attrs("aws_kms_key.logs");
    expect(key.arn).toBeInstanceOf(Unknown);
    expect(isRef(key.arn)).toBe(false);
    expect(key.arn.reason).toBe("known only after apply");
    expect(key.arn.expression).toBe("aws_kms_key.logs.arn");
    expect(key.enable_key_rotation).toBe(false); // known values stay plain
    expect(attrs("aws_secretsmanager_secret.db").arn.expression).toBe("aws_secretsmanager_secret.db.arn");
  });

  it("makes a Ref where configuration shows the unknown value is another resource's attribute", () => {
    // Direct reference, inside nested blocks: rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id
    const sse = attrs("aws_s3_bucket_server_side_encryption_configuration.logs[0]");
    const kmsId = sse.rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id;
    expect(kmsId).toBeInstanceOf(Ref);
    expect(kmsId).toMatchObject({ target: "aws_kms_key.logs", attribute: "arn", expression: "aws_kms_key.logs.arn" });
    expect(sse.rule[0].apply_server_side_encryption_by_default[0].sse_algorithm).toBe("aws:kms");
    // Through a module output: module.logs_kms.key_arn = aws_kms_key.this.arn inside the module.
    const secret = attrs("aws_secretsmanager_secret.db");
    expect(secret.kms_key_id).toMatchObject({
      target: "module.logs_kms.aws_kms_key.this",
      attribute: "arn",
      expression: "module.logs_kms.key_arn",
    });
    // Inside a module: target carries the module path.
    const alias = attrs("module.logs_kms.aws_kms_alias.this");
    expect(alias.target_key_id).toMatchObject({ target: "module.logs_kms.aws_kms_key.this", attribute: "key_id" });
    expect(ev.notes.join("\n")).toMatch(/\d+ values are known only after apply/);
  });

  it("redacts sensitive values (after_sensitive, secret names, sensitive variables) so none reaches the evidence", () => {
    expect(attrs("module.app[0].module.db.aws_db_instance.this").password).toBe(REDACTED);
    expect(attrs("aws_secretsmanager_secret_version.api").secret_string).toBe(REDACTED);
    expect(attrs("aws_secretsmanager_secret_version.db").secret_string).toBe(REDACTED);
    expect(attrs("module.app[0].aws_ssm_parameter.db_url").value).toBe(REDACTED);
    expect(attrs("aws_secretsmanager_secret.db").force_overwrite_replica_secret).toBe(false); // a flag, not a secret
    const out = JSON.stringify(ev);
    for (const s of SECRETS) {
      expect(TEXT).toContain(s); // the raw plan holds them
      expect(out).not.toContain(s);
    }
  });
});

describe("plan shapes", () => {
  it("notes an incomplete or errored plan, forgotten resources and deferred changes", () => {
    const doc = fixtureDoc();
    doc.complete = false;
    doc.errored = true;
    doc.deferred_changes = [{ reason: "provider_config_unknown", resource_change: {} }];
    const rc = doc.resource_changes.find((r: Any) => r.address === "aws_secretsmanager_secret.api");
    rc.change.actions = ["forget"];
    const ev = parsePlanText(JSON.stringify(doc), "p.json");
    const notes = ev.notes.join("\n");
    expect(notes).toContain("the plan is incomplete (complete=false, errored=true)");
    expect(notes).toContain("1 resource changes deferred");
    expect(notes).toMatch(/1 resources leaving Terraform management \(forget\).*aws_secretsmanager_secret\.api/);
    expect(ev.instances.some((i) => i.address === "aws_secretsmanager_secret.api")).toBe(false);
  });

  it("keeps data sources read during apply as mode data, and redacts a wholly sensitive object", () => {
    const doc = {
      format_version: "1.2",
      terraform_version: "1.11.4",
      resource_changes: [
        {
          address: "module.iam.data.aws_iam_policy_document.assume",
          module_address: "module.iam",
          mode: "data",
          type: "aws_iam_policy_document",
          name: "assume",
          provider_name: "registry.terraform.io/hashicorp/aws",
          change: {
            actions: ["read"],
            before: null,
            after: { statement: [{ effect: "Allow" }] },
            after_unknown: { id: true, json: true },
            before_sensitive: false,
            after_sensitive: {},
          },
          action_reason: "read_because_config_unknown",
        },
        {
          address: "aws_iam_access_key.ci",
          mode: "managed",
          type: "aws_iam_access_key",
          name: "ci",
          change: {
            actions: ["update"],
            before: {},
            after: { user: "ci", note: "WHOLE-OBJECT-SECRET", nothing: null },
            after_unknown: {},
            before_sensitive: true,
            after_sensitive: true,
          },
        },
      ],
    };
    const ev = parsePlanText(JSON.stringify(doc), "p.json");
    const data = ev.instances[0];
    expect(data).toMatchObject({ mode: "data", modulePath: "module.iam", type: "aws_iam_policy_document" });
    expect(isUnknown(data.attributes.json)).toBe(true);
    expect((data.attributes.json as Unknown).expression).toBe("module.iam.data.aws_iam_policy_document.assume.json");
    expect(ev.instances[1].attributes).toEqual({ user: REDACTED, note: REDACTED, nothing: null });
    expect(JSON.stringify(ev)).not.toContain("WHOLE-OBJECT-SECRET");
  });

  it("does not make a Ref of an interpolation that mixes several references", () => {
    const doc = {
      format_version: "1.2",
      resource_changes: [
        {
          address: "aws_ssm_parameter.p",
          mode: "managed",
          type: "aws_ssm_parameter",
          name: "p",
          change: { actions: ["create"], after: { name: null, type: "String" }, after_unknown: { name: true, key_id: true } },
        },
      ],
      configuration: {
        root_module: {
          resources: [
            {
              address: "aws_ssm_parameter.p",
              mode: "managed",
              type: "aws_ssm_parameter",
              name: "p",
              expressions: {
                name: { references: ["var.prefix", "aws_kms_key.k.arn", "aws_kms_key.k"] },
                key_id: { references: ["aws_kms_key.k[0].key_id", "aws_kms_key.k[0]", "aws_kms_key.k"] },
              },
            },
          ],
        },
      },
    };
    const [p] = parsePlanText(JSON.stringify(doc), "p.json").instances;
    expect(isRef(p.attributes.name)).toBe(false);
    expect(p.attributes.key_id).toMatchObject({ target: "aws_kms_key.k[0]", attribute: "key_id" });
  });
});

describe("bad plan input", () => {
  it("rejects unsupported format versions and things that are not a plan", () => {
    expect(inputErrorOf(() => parsePlanText('{"format_version": "2.0", "resource_changes": []}', "p.json")).message).toBe(
      "p.json: plan format_version 2.0 is not supported (expected 0.x or 1.x)",
    );
    expect(inputErrorOf(() => parsePlanText('{"resource_changes": []}', "p.json")).message).toMatch(/^p\.json: no "format_version"/);
    expect(inputErrorOf(() => parsePlanText('{"version": 4, "resources": []}', "s.tfstate")).message).toMatch(/state file, not a plan/);
    expect(inputErrorOf(() => parsePlanText("PK\u0003\u0004\u0014\u0000binary", "tfplan")).message).toMatch(/binary plan file/);
    expect(inputErrorOf(() => parsePlanText('{"format_version": "1.2", "resource_changes": {}}', "p.json")).message).toBe(
      'p.json: "resource_changes" is not an array',
    );
  });

  it("reports invalid and truncated JSON with line and column, never quoting a secret", () => {
    const e = inputErrorOf(() => parsePlanText(TEXT.slice(0, TEXT.indexOf(SECRETS[0]) + 10), "trunc.json"));
    expect(e.message).toMatch(/^trunc\.json:\d+: not valid JSON \(column \d+: unexpected end of input\)/);
    for (const s of SECRETS) expect(e.message).not.toContain(s.slice(0, 10));
    const e2 = inputErrorOf(() => parsePlanText('{"format_version": "1.2",\n "variables": {"db_password": {"value": \'x\'}}}', "q.json"));
    expect(e2.message).toBe("q.json:2: not valid JSON (column 41: unexpected character; expected a value); expected Terraform plan (terraform show -json <planfile>) JSON");
  });

  it("rejects absurd nesting in after_unknown quickly", () => {
    const depth = 100_000;
    const mask = '{"a":'.repeat(depth) + "true" + "}".repeat(depth);
    const after = '{"a":'.repeat(depth) + "null" + "}".repeat(depth);
    const text = `{"format_version":"1.2","resource_changes":[{"address":"aws_x.y","mode":"managed","type":"aws_x","name":"y","change":{"actions":["create"],"after":{"v":${after}},"after_unknown":{"v":${mask}}}}]}`;
    const t0 = Date.now();
    expect(inputErrorOf(() => parsePlanText(text, "deep.json")).message).toMatch(/^deep\.json: aws_x\.y: values nest deeper than/);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it("names a missing file", async () => {
    await expect(loadPlanEvidence("/nonexistent/plan.json")).rejects.toThrow("/nonexistent/plan.json: no such file");
  });
});

describe("attributes the provider computes", () => {
  it("are not set when the configuration does not set them, as in HCL; identities stay Unknown", () => {
    const ev = parsePlanText(
      JSON.stringify({
        format_version: "1.2",
        resource_changes: [
          {
            address: "aws_iam_role.r", mode: "managed", type: "aws_iam_role", name: "r",
            change: { actions: ["create"], after: { name: "r", assume_role_policy: "{}" }, after_unknown: { arn: true, id: true, inline_policy: true, managed_policy_arns: true, permissions_boundary: true } },
          },
        ],
        configuration: {
          root_module: {
            resources: [{ address: "aws_iam_role.r", mode: "managed", type: "aws_iam_role", name: "r", expressions: { name: { constant_value: "r" }, assume_role_policy: { constant_value: "{}" }, permissions_boundary: { references: ["var.boundary"] } } }],
          },
        },
      }),
      "computed.plan.json",
    );
    const attrs = ev.instances[0].attributes;
    expect("inline_policy" in attrs).toBe(false);
    expect("managed_policy_arns" in attrs).toBe(false);
    expect(attrs.permissions_boundary).toBeInstanceOf(Unknown); // configured, known after apply
    expect(attrs.arn).toBeInstanceOf(Unknown);
  });
});
