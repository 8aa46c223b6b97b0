/**
 * The S3 backend against the moto server from test/support/global-setup.ts. The code under test gets
 * its endpoint and credentials from the environment, as it would in CI; the test sets up the bucket
 * with its own client.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../../src/errors.js";
import { REDACTED } from "../../../src/model/values.js";
import { readStateObject, stateObjectKey } from "../../../src/sources/terraform/s3-backend.js";
import { loadStateEvidence } from "../../../src/sources/terraform/state.js";
import { motoClientConfig, motoEndpoint } from "../../support/moto.js";

const FIXTURE = readFileSync(fileURLToPath(new URL("../../fixtures/state/terraform.tfstate", import.meta.url)), "utf8");
const BUCKET = `plumbline-tfstate-${process.pid}-${Date.now().toString(36)}`;
const KEY = "platform/terraform.tfstate";
const ENV_KEYS = ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_PROFILE"];
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  for (const k of ENV_KEYS) saved[k] = process.env[k];
  delete process.env.AWS_ENDPOINT_URL_S3;
  delete process.env.AWS_PROFILE;
  process.env.AWS_ENDPOINT_URL = motoEndpoint();
  process.env.AWS_ACCESS_KEY_ID = "testing";
  process.env.AWS_SECRET_ACCESS_KEY = "testing";
  process.env.AWS_REGION = "us-east-1";

  const s3 = new S3Client(motoClientConfig());
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: FIXTURE }));
  // The staging workspace holds a smaller state: only the KMS key.
  const staging = JSON.parse(FIXTURE);
  staging.resources = staging.resources.filter((r: { type: string }) => r.type === "aws_kms_key");
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `env:/staging/${KEY}`, Body: JSON.stringify(staging) }));
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `custom/qa/${KEY}`, Body: JSON.stringify(staging) }));
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "corrupt/terraform.tfstate", Body: FIXTURE.slice(0, 5000) }));
  s3.destroy();
});

afterAll(() => {
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

async function inputError(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error("expected an InputError");
}

describe("S3 backend", () => {
  it("maps workspaces to object keys like Terraform's S3 backend", () => {
    expect(stateObjectKey("a/b.tfstate")).toBe("a/b.tfstate");
    expect(stateObjectKey("a/b.tfstate", "default")).toBe("a/b.tfstate");
    expect(stateObjectKey("a/b.tfstate", "prod")).toBe("env:/prod/a/b.tfstate");
    expect(stateObjectKey("a/b.tfstate", "prod", "workspaces")).toBe("workspaces/prod/a/b.tfstate");
  });

  it("reads the default workspace's state object", async () => {
    const ev = await loadStateEvidence(`s3://${BUCKET}/${KEY}`);
    expect(ev.source).toBe("tf-state");
    expect(ev.location).toBe(`s3://${BUCKET}/${KEY}`);
    expect(ev.instances).toHaveLength(15);
    const db = ev.instances.find((i) => i.type === "aws_db_instance")!;
    expect(db.location).toBe(`s3://${BUCKET}/${KEY}`);
    expect(db.workspace).toBe("default");
    expect(db.attributes.password).toBe(REDACTED);
    expect(JSON.stringify(ev)).not.toContain("FIXTURE-DB-PASSWORD-4417");
  });

  it("reads another workspace from env:/<workspace>/<key>, or a custom workspace_key_prefix", async () => {
    const ev = await loadStateEvidence(`s3://${BUCKET}/${KEY}`, { workspace: "staging" });
    expect(ev.location).toBe(`s3://${BUCKET}/env:/staging/${KEY}`);
    expect(ev.instances.map((i) => i.address)).toEqual(["module.kms.aws_kms_key.this"]);
    expect(ev.instances[0].workspace).toBe("staging");
    const qa = await loadStateEvidence(`s3://${BUCKET}/${KEY}`, { workspace: "qa", workspaceKeyPrefix: "custom" });
    expect(qa.location).toBe(`s3://${BUCKET}/custom/qa/${KEY}`);
    expect(qa.instances).toHaveLength(1);
  });

  it("names the workspace key when the object is missing", async () => {
    const e = await inputError(loadStateEvidence(`s3://${BUCKET}/${KEY}`, { workspace: "prod" }));
    expect(e.message).toBe(`s3://${BUCKET}/${KEY}: no such object (workspace 'prod' key env:/prod/${KEY})`);
    const e2 = await inputError(loadStateEvidence(`s3://${BUCKET}/nope.tfstate`));
    expect(e2.message).toBe(`s3://${BUCKET}/nope.tfstate: no such object`);
    const e3 = await inputError(loadStateEvidence(`s3://${BUCKET}-missing/${KEY}`));
    expect(e3.message).toBe(`s3://${BUCKET}-missing/${KEY}: no such bucket '${BUCKET}-missing'`);
  });

  it("reports corrupt JSON in the object with the object's URL and line, quoting nothing", async () => {
    const e = await inputError(loadStateEvidence(`s3://${BUCKET}/corrupt/terraform.tfstate`));
    expect(e.message).toMatch(new RegExp(`^s3://${BUCKET}/corrupt/terraform\\.tfstate:\\d+: not valid JSON \\(column \\d+: unexpected end of input\\)`));
  });

  it("reports an unreachable endpoint briefly and without credentials", async () => {
    const prev = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = "http://127.0.0.1:9"; // discard port: nothing listens
    process.env.AWS_SECRET_ACCESS_KEY = "SECRET-KEY-MUST-NOT-APPEAR";
    try {
      const e = await inputError(loadStateEvidence(`s3://${BUCKET}/${KEY}`));
      expect(e.message).toMatch(new RegExp(`^s3://${BUCKET}/${KEY}: cannot reach S3 \\(ECONNREFUSED\\)`));
      expect(e.message).not.toContain("SECRET-KEY-MUST-NOT-APPEAR");
    } finally {
      process.env.AWS_ENDPOINT_URL = prev;
      process.env.AWS_SECRET_ACCESS_KEY = "testing";
    }
  });

  it("names the missing permission on AccessDenied", async () => {
    // moto does not enforce IAM unless the whole server runs with auth on, so this one error comes from
    // a client that answers the way S3 does (error name, HTTP 403).
    const denied = {
      send: async () => {
        throw Object.assign(new Error("Access Denied"), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
      },
      destroy: () => undefined,
    } as unknown as S3Client;
    const e = await inputError(readStateObject(`s3://${BUCKET}/${KEY}`, { workspace: "prod", client: denied }));
    expect(e.message).toBe(`s3://${BUCKET}/${KEY}: access denied: the caller needs s3:GetObject on arn:aws:s3:::${BUCKET}/env:/prod/${KEY}`);
  });

  it("rejects an s3:// location without a key", async () => {
    const e = await inputError(loadStateEvidence(`s3://${BUCKET}`));
    expect(e.message).toBe(`s3://${BUCKET}: expected s3://bucket/key`);
  });
});
