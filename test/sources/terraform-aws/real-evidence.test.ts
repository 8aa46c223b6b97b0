import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlanText } from "../../../src/sources/terraform/plan.js";
import { parseStateText } from "../../../src/sources/terraform/state.js";
import { tfToResources } from "../../../src/sources/terraform/aws/index.js";
import { validateProps } from "../../../src/model/types/index.js";
import { matchResources } from "../../../src/model/identity.js";
import { isRef, isUnknown } from "../../../src/model/values.js";

/** The real state and plan written by Terraform 1.11 + AWS provider 5.100 (see test/fixtures/plan/README.md). */
const fixture = (p: string) => readFileSync(new URL(`../../fixtures/${p}`, import.meta.url), "utf8");
const state = tfToResources(parseStateText(fixture("state/terraform.tfstate"), "terraform.tfstate"));
const plan = tfToResources(parsePlanText(fixture("plan/plan.json"), "plan.json"));
const SECRETS = ["FIXTURE-DB-PASSWORD-4417", "FIXTURE-SECRET-API-KEY-7731", "FIXTURE-NEW-SECRET-9902"];

describe("mapping real Terraform evidence", () => {
  it("every resource's props validate and no secret survives", () => {
    for (const { resources } of [state, plan]) {
      expect(resources.length).toBeGreaterThan(5);
      for (const r of resources) expect(validateProps(r.type, r.props), r.origin.address).toEqual({ valid: true, errors: [] });
      const text = JSON.stringify(resources);
      for (const s of SECRETS) expect(text).not.toContain(s);
    }
  });

  it("state: for_each split SSE merges by literal bucket name; the alias joins its key inside the module", () => {
    const raw = state.resources.find((r) => r.origin.address === 'aws_s3_bucket.data["raw"]')!;
    expect(raw.origin.mergedFrom).toEqual(['aws_s3_bucket_server_side_encryption_configuration.data["raw"]']);
    expect(raw.props.BucketEncryption).toMatchObject({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" } }] });
    const key = state.resources.find((r) => r.origin.address === "module.kms.aws_kms_key.this")!;
    expect(key.props.Aliases).toHaveLength(1);
    const db = state.resources.find((r) => r.type === "AWS::RDS::DBInstance")!;
    expect(db.id).toMatch(/^db-/);
    expect(state.notes).toEqual(["1 resource of 1 type not mapped: aws_secretsmanager_secret_version"]);
  });

  it("plan: a key created in the same plan is a Ref in the merged bucket encryption", () => {
    const logs = plan.resources.find((r) => r.origin.address === "aws_s3_bucket.logs[0]")!;
    const sse = (logs.props.BucketEncryption as { ServerSideEncryptionConfiguration: Array<{ ServerSideEncryptionByDefault: { KMSMasterKeyID: unknown } }> })
      .ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID;
    expect(isUnknown(sse)).toBe(true);
    expect(isRef(sse) && sse.target).toBe("aws_kms_key.logs");
  });

  it("state and plan records of the same root match by id or address", () => {
    const m = matchResources(plan.resources, state.resources);
    const byAddr = new Map(m.matched.map((x) => [x.a.origin.address, x.by]));
    expect(byAddr.get('aws_s3_bucket.data["raw"]')).toBe("arn");
    expect(byAddr.get("module.app[0].module.db.aws_db_instance.this")).toBe("arn");
    // Renamed bucket (replace): a different name, so a different resource.
    expect(byAddr.has("aws_s3_bucket.logs[0]")).toBe(false);
    expect(m.onlyB.map((r) => r.origin.address)).toContain('aws_s3_bucket.data["archive"]');
  });
});
