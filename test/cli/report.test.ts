/**
 * The report's contracts that do not depend on the CLI: fingerprints (stable across runs and machines,
 * 32 hex digits) and the order of results.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { byImportance, judge, loadRuleSet } from "../../src/audit.js";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { loadPolicy } from "../../src/policy/loader.js";
import { fingerprint, murmur3x86_128 } from "../../src/report/fingerprint.js";
import { loadPlanEvidence } from "../../src/sources/terraform/plan.js";
import { loadStateEvidence } from "../../src/sources/terraform/state.js";

describe("fingerprints", () => {
  it("are MurmurHash3 x86_128: SMHasher's verification value", () => {
    const key = new Uint8Array(256);
    const hashes = new Uint8Array(16 * 256);
    const view = new DataView(hashes.buffer);
    for (let i = 0; i < 256; i++) {
      key[i] = i;
      murmur3x86_128(key, i, 256 - i).forEach((w, k) => view.setUint32(i * 16 + 4 * k, w, true));
    }
    expect(murmur3x86_128(hashes, hashes.length)[0].toString(16).toUpperCase()).toBe("B3ECE62A");
  });

  it("hash '<source>\\n<identity>\\n<rule id>' as UTF-8, h1…h4 as 8 hex digits each", () => {
    const res = { type: "AWS::S3::Bucket", id: "données-été", source: "aws" as const, arn: "arn:aws:s3:::données-été" };
    const text = Buffer.from("aws\narn:arn:aws:s3:::données-été\nrequired-tags", "utf8");
    const hex = murmur3x86_128(text, text.length).map((w) => w.toString(16).padStart(8, "0")).join("");
    expect(fingerprint("required-tags", res)).toBe(hex);
    expect(hex).toBe("abfa6a4be2a5a14aee2f9d7d857ba300");
  });

  it("do not change between runs or machines, nor with file, line or evidence location", () => {
    const res = { type: "AWS::RDS::DBInstance", id: "db-1", source: "tf-state" as const, address: 'module.db.aws_db_instance.main["eu"]', workspace: "prod" };
    expect(fingerprint("rds-storage-encrypted", res)).toBe("82cfa6591a780bd960d9b9497e8dea08");
    expect(fingerprint("rds-storage-encrypted", { ...res, file: "x.tf", line: 9, location: "/tmp/other" })).toBe("82cfa6591a780bd960d9b9497e8dea08");
    expect(fingerprint("rds-multi-az", res)).not.toBe("82cfa6591a780bd960d9b9497e8dea08");
    expect(fingerprint("rds-storage-encrypted", { ...res, workspace: "dev" })).not.toBe("82cfa6591a780bd960d9b9497e8dea08");
  });
});

describe("report results", () => {
  it("are in byImportance order, each with a distinct fingerprint, one shared record per resource", async () => {
    const fx = join(PACKAGE_ROOT, "test/fixtures");
    const [rules, policy, state, plan] = await Promise.all([
      loadRuleSet(),
      loadPolicy(join(PACKAGE_ROOT, "policies/baseline.yaml")),
      loadStateEvidence(join(fx, "state/terraform.tfstate")),
      loadPlanEvidence(join(fx, "plan/plan.json")),
    ]);
    const report = judge(policy, rules, [state, plan], new Date("2027-01-01"));
    expect(report.results.length).toBeGreaterThan(50);
    // A stable sort of an already sorted list changes nothing.
    expect([...report.results].sort(byImportance)).toEqual(report.results);
    const fps = report.results.map((r) => r.fingerprint);
    expect(new Set(fps).size).toBe(fps.length);
    expect(fps.every((f) => /^[0-9a-f]{32}$/.test(f))).toBe(true);
    // Results about one resource share its record (plans and states give no per-prop lines here).
    const byAddress = new Map<string, unknown>();
    for (const r of report.results) {
      if (r.resource.type === "AWS::::Account") continue; // account and region subjects differ by region
      const key = `${r.resource.source} ${r.resource.address ?? r.resource.id}`;
      if (byAddress.has(key)) expect(r.resource).toBe(byAddress.get(key));
      else byAddress.set(key, r.resource);
    }
  });
});
