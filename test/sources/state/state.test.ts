import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/errors.js";
import { REDACTED } from "../../../src/model/values.js";
import { loadStateEvidence, parseStateText } from "../../../src/sources/terraform/state.js";

const FIXTURE = fileURLToPath(new URL("../../fixtures/state/terraform.tfstate", import.meta.url));
const TEXT = readFileSync(FIXTURE, "utf8");
/** Secret strings seeded into the fixture by the Terraform run (see test/fixtures/state/README.md). */
const SECRETS = ["FIXTURE-DB-PASSWORD-4417", "FIXTURE-SECRET-API-KEY-7731"];

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

describe("state v4 from a real Terraform 1.11 apply", () => {
  const ev = parseStateText(TEXT, "envs/dev/terraform.tfstate", { workspace: "dev" });
  const byAddr = new Map(ev.instances.map((i) => [i.address, i]));

  it("names every instance the way Terraform prints it, with modules, count, for_each and data sources", () => {
    expect([...byAddr.keys()].sort()).toEqual(
      [
        "data.aws_caller_identity.current",
        'aws_s3_bucket.data["archive"]',
        'aws_s3_bucket.data["curated"]',
        'aws_s3_bucket.data["raw"]',
        "aws_s3_bucket.logs[0]",
        "aws_s3_bucket.logs[1]",
        'aws_s3_bucket_server_side_encryption_configuration.data["archive"]',
        'aws_s3_bucket_server_side_encryption_configuration.data["curated"]',
        'aws_s3_bucket_server_side_encryption_configuration.data["raw"]',
        "aws_secretsmanager_secret.api",
        "aws_secretsmanager_secret_version.api",
        "module.app[0].aws_ssm_parameter.db_url",
        "module.app[0].module.db.aws_db_instance.this",
        "module.kms.aws_kms_alias.this",
        "module.kms.aws_kms_key.this",
      ].sort(),
    );
    const db = byAddr.get("module.app[0].module.db.aws_db_instance.this")!;
    expect(db).toMatchObject({
      modulePath: "module.app[0].module.db",
      mode: "managed",
      type: "aws_db_instance",
      name: "this",
      source: "tf-state",
      location: "envs/dev/terraform.tfstate",
      workspace: "dev",
      account: "123456789012",
      region: "eu-west-1",
    });
    expect(db.attributes.storage_encrypted).toBe(false);
    expect(db.attributes.engine).toBe("postgres");
    expect(byAddr.get("aws_s3_bucket.logs[1]")!.index).toBe(1);
    expect(byAddr.get('aws_s3_bucket.data["raw"]')!.index).toBe("raw");
    expect(byAddr.get("data.aws_caller_identity.current")!.mode).toBe("data");
  });

  it("takes account and region from the ARN, and the bucket's region attribute when its ARN has none", () => {
    expect(byAddr.get("module.kms.aws_kms_key.this")).toMatchObject({ account: "123456789012", region: "eu-west-1" });
    const bucket = byAddr.get("aws_s3_bucket.logs[0]")!;
    expect(bucket.account).toBeUndefined(); // arn:aws:s3:::name carries no account
    expect(bucket.region).toBe("eu-west-1");
  });

  it("keeps tainted instances and says so", () => {
    expect(byAddr.has("module.kms.aws_kms_alias.this")).toBe(true);
    expect(ev.notes.join("\n")).toMatch(/1 tainted instances.*module\.kms\.aws_kms_alias\.this/);
  });

  it("redacts Terraform-marked sensitive paths and secret-by-name attributes, and no secret survives anywhere", () => {
    const db = byAddr.get("module.app[0].module.db.aws_db_instance.this")!;
    expect(db.attributes.password).toBe(REDACTED);
    expect(db.attributes.password_wo).toBeNull(); // null is "not set", not a secret
    expect(db.attributes.master_user_secret).toEqual([]); // metadata block, not secret material
    expect(byAddr.get("aws_secretsmanager_secret_version.api")!.attributes.secret_string).toBe(REDACTED);
    expect(byAddr.get("module.app[0].aws_ssm_parameter.db_url")!.attributes.value).toBe(REDACTED);
    const out = JSON.stringify(ev);
    for (const s of SECRETS) expect(out).not.toContain(s);
  });

  it("redacts sensitive outputs in the parsed document it was given", () => {
    const doc = fixtureDoc();
    const text = JSON.stringify(doc);
    expect(text).toContain(SECRETS[0]); // the raw file holds it (output db_password_echo, sensitive)
    const ev2 = parseStateText(text, "s.tfstate");
    expect(JSON.stringify(ev2)).not.toContain(SECRETS[0]);
  });
});

describe("state v4 shapes Terraform writes less often", () => {
  it("skips deposed objects and legacy attributes_flat instances, with notes", () => {
    const doc = fixtureDoc();
    const key = doc.resources.find((r: Any) => r.type === "aws_kms_key");
    key.instances.push({ ...structuredClone(key.instances[0]), deposed: "00000001" });
    doc.resources.push({
      mode: "managed",
      type: "aws_iam_role",
      name: "legacy",
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [{ schema_version: 0, attributes_flat: { id: "legacy", name: "legacy" } }],
    });
    const ev = parseStateText(JSON.stringify(doc), "s.tfstate");
    expect(ev.instances.filter((i) => i.address === "module.kms.aws_kms_key.this")).toHaveLength(1);
    expect(ev.instances.some((i) => i.address === "aws_iam_role.legacy")).toBe(false);
    const notes = ev.notes.join("\n");
    expect(notes).toMatch(/1 deposed objects .*not judged: module\.kms\.aws_kms_key\.this/);
    expect(notes).toMatch(/attributes_flat.*aws_iam_role\.legacy/);
  });

  it("addresses nested module instances and quotes string keys like Terraform", () => {
    const doc = {
      version: 4,
      terraform_version: "1.9.0",
      serial: 3,
      lineage: "0d8e5a84-1c1c-4c4b-9d4d-1d5a3c1f2b10",
      outputs: {},
      resources: [
        {
          module: 'module.region["eu-west-1"].module.vpc[0]',
          mode: "managed",
          type: "aws_s3_bucket",
          name: "b",
          each: "map",
          provider: 'provider["registry.terraform.io/hashicorp/aws"]',
          instances: [
            { index_key: 'a"b', schema_version: 0, attributes: { id: "x", arn: "arn:aws-cn:s3:::x" }, sensitive_attributes: [] },
          ],
        },
      ],
    };
    const [i] = parseStateText(JSON.stringify(doc), "s.tfstate").instances;
    expect(i.address).toBe('module.region["eu-west-1"].module.vpc[0].aws_s3_bucket.b["a\\"b"]');
    expect(i.modulePath).toBe('module.region["eu-west-1"].module.vpc[0]');
    expect(i.index).toBe('a"b');
  });

  it("reads sensitive_attributes as paths, as a flat list of steps, and as a mask", () => {
    const attrs = () => ({
      id: "r1",
      name: "cluster",
      auth: [{ kind: "token", value: "S3CRET-A" }],
      settings: { plain: "ok", hidden: "S3CRET-B" },
      set_of_things: [{ v: "S3CRET-C" }],
    });
    const state = (sensitive: unknown) => ({
      version: 4,
      serial: 1,
      lineage: "l",
      outputs: {},
      resources: [
        {
          mode: "managed",
          type: "aws_thing",
          name: "t",
          provider: "p",
          instances: [{ schema_version: 0, attributes: attrs(), sensitive_attributes: sensitive }],
        },
      ],
    });
    const read = (sensitive: unknown) => parseStateText(JSON.stringify(state(sensitive)), "s.tfstate").instances[0].attributes as Any;

    const nested = read([
      [
        { type: "get_attr", value: "auth" },
        { type: "index", value: { value: 0, type: "number" } },
        { type: "get_attr", value: "value" },
      ],
      [
        { type: "get_attr", value: "settings" },
        { type: "index", value: { value: "hidden", type: "string" } },
      ],
      // A set element is addressed by value: the whole set is redacted.
      [
        { type: "get_attr", value: "set_of_things" },
        { type: "index", value: { value: { v: "S3CRET-C" }, type: ["object", { v: "string" }] } },
      ],
    ]);
    expect(nested.auth).toEqual([{ kind: "token", value: REDACTED }]);
    expect(nested.settings).toEqual({ plain: "ok", hidden: REDACTED });
    expect(nested.set_of_things).toBe(REDACTED);
    expect(nested.name).toBe("cluster");

    const flat = read([
      { type: "get_attr", value: "auth" },
      { type: "get_attr", value: "settings" },
      { type: "get_attr", value: "set_of_things" },
    ]);
    expect(flat.auth).toBe(REDACTED);
    expect(flat.settings).toBe(REDACTED);
    expect(flat.name).toBe("cluster");

    const flatPath = read([{ type: "get_attr", value: "settings" }, { type: "index", value: "hidden" }]);
    expect(flatPath.settings).toEqual({ plain: "ok", hidden: REDACTED });

    const mask = read({ settings: { hidden: true }, auth: true, set_of_things: true });
    expect(mask.settings).toEqual({ plain: "ok", hidden: REDACTED });
    expect(mask.auth).toBe(REDACTED);

    // A shape we cannot read: nothing survives but nulls.
    const odd = read("everything");
    expect(odd.name).toBe(REDACTED);
    for (const r of [nested, flat, mask, odd]) expect(JSON.stringify(r)).not.toMatch(/S3CRET-[ABC]/);
  });

  it("reads the local backend's workspace layout from a directory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-state-"));
    mkdirSync(join(dir, "terraform.tfstate.d", "staging"), { recursive: true });
    writeFileSync(join(dir, "terraform.tfstate"), TEXT);
    const staging = fixtureDoc();
    staging.resources = staging.resources.filter((r: Any) => r.type === "aws_kms_key");
    writeFileSync(join(dir, "terraform.tfstate.d", "staging", "terraform.tfstate"), JSON.stringify(staging));
    const def = await loadStateEvidence(dir);
    expect(def.instances).toHaveLength(15);
    expect(def.instances[0].workspace).toBe("default");
    const st = await loadStateEvidence(dir, { workspace: "staging" });
    expect(st.instances.map((i) => i.address)).toEqual(["module.kms.aws_kms_key.this"]);
    expect(st.instances[0].workspace).toBe("staging");
    expect(st.location).toBe(join(dir, "terraform.tfstate.d", "staging", "terraform.tfstate"));
  });
});

describe("bad state input", () => {
  it("reports invalid JSON with line and column, without quoting the input", () => {
    const text = '{\n  "version": 4,\n  "resources": [\n    {"password": "hunter2-S3CRET" oops}\n  ]\n}\n';
    const e = inputErrorOf(() => parseStateText(text, "bad.tfstate"));
    expect(e.message).toMatch(/^bad\.tfstate:4: not valid JSON \(column 35: expected ',' or '}' after a property value\)/);
    expect(e.line).toBe(4);
    expect(e.message).not.toContain("S3CRET");
  });

  it("reports a truncated file", () => {
    const e = inputErrorOf(() => parseStateText(TEXT.slice(0, Math.floor(TEXT.length / 2)), "trunc.tfstate"));
    expect(e.message).toMatch(/^trunc\.tfstate:\d+: not valid JSON \(column \d+: unexpected end of input\)/);
    for (const s of SECRETS) expect(e.message).not.toContain(s);
  });

  it("rejects old and unknown state versions, and files that are not state", () => {
    expect(inputErrorOf(() => parseStateText('{"version": 3, "modules": []}', "old.tfstate")).message).toBe(
      "old.tfstate: state version 3 is not supported; run terraform 0.12+ to upgrade it",
    );
    expect(inputErrorOf(() => parseStateText('{"version": 5, "resources": []}', "new.tfstate")).message).toBe(
      "new.tfstate: state version 5 is not supported (expected 4)",
    );
    expect(inputErrorOf(() => parseStateText('{"version": 4, "serial": 1}', "s.tfstate")).message).toMatch(
      /^s\.tfstate: state has no "resources" array/,
    );
    expect(inputErrorOf(() => parseStateText("[1, 2]", "s.tfstate")).message).toMatch(/expected a JSON object/);
    expect(inputErrorOf(() => parseStateText("", "empty.tfstate")).message).toBe(
      "empty.tfstate: empty file; expected Terraform state JSON",
    );
    expect(inputErrorOf(() => parseStateText('{"format_version": "1.2", "resource_changes": []}', "p.json")).message).toMatch(
      /this is a plan/,
    );
    expect(
      inputErrorOf(() => parseStateText('{"version": 4, "resources": [{"mode": "managed", "name": "x", "instances": []}]}', "s.tfstate"))
        .message,
    ).toBe('s.tfstate: resources[0] has no "type"');
  });

  it("names a missing file", async () => {
    await expect(loadStateEvidence("/nonexistent/plumbline/terraform.tfstate")).rejects.toThrow(
      "/nonexistent/plumbline/terraform.tfstate: no such file",
    );
  });

  it("rejects absurd nesting quickly instead of overflowing the stack", () => {
    const depth = 200_000;
    const deep = "[".repeat(depth) + "]".repeat(depth);
    const text = `{"version":4,"resources":[{"mode":"managed","type":"aws_x","name":"y","instances":[{"attributes":{"v":${deep}}}]}]}`;
    const t0 = Date.now();
    const e = inputErrorOf(() => parseStateText(text, "deep.tfstate"));
    expect(e.message).toMatch(/^deep\.tfstate: aws_x\.y: values nest deeper than \d+ levels/);
    // And an unterminated one: the error locator is iterative too.
    const e2 = inputErrorOf(() => parseStateText(`{"version":4,"resources":${"[".repeat(depth)}`, "deep2.tfstate"));
    expect(e2.message).toMatch(/unexpected end of input/);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});

describe("regions of resources without an ARN", () => {
  it("come from the other resources of the same provider configuration; global ones stay region-less", () => {
    const res = (type: string, name: string, provider: string, attributes: Record<string, unknown>) => ({ mode: "managed", type, name, provider, instances: [{ schema_version: 0, attributes }] });
    const east = 'provider["registry.terraform.io/hashicorp/aws"].us_east_1';
    const west = 'provider["registry.terraform.io/hashicorp/aws"]';
    const ev = parseStateText(
      JSON.stringify({
        version: 4, terraform_version: "1.11.4", serial: 1, lineage: "x", outputs: {},
        resources: [
          res("aws_guardduty_detector", "east", east, { id: "d1", arn: "arn:aws:guardduty:us-east-1:111122223333:detector/d1" }),
          res("aws_config_configuration_recorder", "east", east, { id: "rec", name: "rec" }),
          res("aws_config_configuration_recorder", "west", west, { id: "rec", name: "rec" }),
          res("aws_kms_key", "west", west, { id: "k", arn: "arn:aws:kms:eu-west-1:111122223333:key/k" }),
          res("aws_iam_role", "r", west, { id: "r", name: "r", arn: "arn:aws:iam::111122223333:role/r" }),
        ],
      }),
      "regions.tfstate",
    );
    const region = (a: string) => ev.instances.find((i) => i.address === a)?.region;
    expect(region("aws_config_configuration_recorder.east")).toBe("us-east-1");
    expect(region("aws_config_configuration_recorder.west")).toBe("eu-west-1");
    expect(region("aws_iam_role.r")).toBeUndefined();
  });
});
