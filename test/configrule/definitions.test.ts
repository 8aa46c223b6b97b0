/** `plumbline config-rules`, the rule → Config rule definitions, annotation truncation and parameter reading. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { truncateAnnotation } from "../../src/configrule/evaluations.js";
import { selectFromParameters } from "../../src/configrule/parameters.js";
import { isChangeTriggerable, otherTypes, typesToEnumerate } from "../../src/configrule/ruleset.js";
import { runCli } from "../cli/run-cli.js";
import { ruleSet } from "./helpers.js";

describe("plumbline config-rules", () => {
  it("json: one Config rule per plumbline rule, trigger and scope from the rule, managed equivalents flagged", async () => {
    const out = await runCli(["config-rules", "--format", "json"]);
    expect(out.code).toBe(0);
    const { policy, config_rules } = JSON.parse(out.stdout);
    expect(policy).toBe("baseline");
    const set = await ruleSet();
    expect(config_rules).toHaveLength(set.rules.length);
    const byName = new Map(config_rules.map((d: any) => [d.name, d]));
    expect(byName.get("s3-bucket-versioning")).toEqual({
      name: "s3-bucket-versioning",
      trigger: "change",
      resource_types: ["AWS::S3::Bucket"],
      input_parameters: { rules: "s3-bucket-versioning", pack: "baseline" },
      plumbline_rules: ["s3-bucket-versioning"],
      managed_rules: ["S3_BUCKET_VERSIONING_ENABLED"],
    });
    expect(byName.get("cloudtrail-multi-region")).toMatchObject({ trigger: "periodic", resource_types: [], maximum_execution_frequency: "TwentyFour_Hours", note: "account-level rule: reported on AWS::::Account", managed_rules: ["MULTI_REGION_CLOUD_TRAIL_ENABLED"] });
    for (const rule of set.rules) {
      const d: any = byName.get(rule.id);
      expect(d.trigger, rule.id).toBe(isChangeTriggerable(rule) ? "change" : "periodic");
      expect(d.managed_rules).toEqual(rule.controls.awsConfigRule ? [rule.controls.awsConfigRule] : []);
    }
  });

  it("a policy file outside the built-in packs passes its non-default parameters explicitly", async () => {
    const out = await runCli(["config-rules", "--policy", "test/fixtures/policies/../../../policies/prod.yaml", "--format", "json"]);
    expect(out.code).toBe(0);
    const d = JSON.parse(out.stdout).config_rules.find((x: any) => x.name === "rds-backup-retention");
    // policies/prod.yaml is a built-in pack (same directory), so it travels by name.
    expect(d.input_parameters).toEqual({ rules: "rds-backup-retention", pack: "prod" });
  });

  it("--embedded: a policy built into the bundle travels by its file name (waivers included); --rules adds rule files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-config-rules-"));
    try {
      mkdirSync(join(dir, "rules"));
      writeFileSync(join(dir, "rules", "team-bucket-owner-tag.yaml"), "id: team-bucket-owner-tag\ntitle: Team buckets name their owner\ndescription: An Owner tag on every bucket.\nseverity: low\narea: tagging\nresourceTypes: [AWS::S3::Bucket]\ncondition: { path: $tags.Owner, op: exists }\nremediation: Add an Owner tag.\n");
      writeFileSync(join(dir, "team.yaml"), "name: team\nrules:\n  include:\n    ids: [rds-backup-retention, team-bucket-owner-tag]\nparams:\n  rds-backup-retention: { minRetentionDays: 21 }\n");
      const out = await runCli(["config-rules", "--policy", join(dir, "team.yaml"), "--rules", join(dir, "rules"), "--embedded", "--format", "json"]);
      expect(out.code).toBe(0);
      const defs = JSON.parse(out.stdout).config_rules;
      expect(defs.map((d: any) => [d.name, d.input_parameters])).toEqual([
        ["rds-backup-retention", { rules: "rds-backup-retention", pack: "team" }],
        ["team-bucket-owner-tag", { rules: "team-bucket-owner-tag", pack: "team" }],
      ]);
      // Without --embedded the parameters travel explicitly (and the waivers cannot).
      const plain = await runCli(["config-rules", "--policy", join(dir, "team.yaml"), "--rules", join(dir, "rules"), "--format", "json"]);
      expect(JSON.parse(plain.stdout).config_rules[0].input_parameters).toEqual({ rules: "rds-backup-retention", params: JSON.stringify({ "rds-backup-retention": { minRetentionDays: 21 } }) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("text: a table with the managed-rule marks and how to deploy", async () => {
    const out = await runCli(["config-rules"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^plumbline config-rules · policy baseline · \d+ Config rule\(s\): \d+ change-triggered, \d+ periodic\n/);
    expect(out.stdout).toMatch(/\ns3-bucket-versioning +change +AWS::S3::Bucket +\* S3_BUCKET_VERSIONING_ENABLED\n/);
    expect(out.stdout).toMatch(/\ncloudtrail-multi-region +periodic +every 24h \(account-level rule\) +\* MULTI_REGION_CLOUD_TRAIL_ENABLED\n/);
    expect(out.stdout).toContain("deploy/terraform/config-rules");
  });

  it("--format other than text or json is an input error", async () => {
    const out = await runCli(["config-rules", "--format", "yaml"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe("plumbline: --format: unknown format 'yaml' (expected text or json)\n");
  });
});

describe("rule triggers", () => {
  it("rules that count or reference other types are periodic and enumerate those types", async () => {
    const set = await ruleSet();
    const trail = set.rules.find((r) => r.id === "cloudtrail-multi-region")!;
    expect(isChangeTriggerable(trail)).toBe(false);
    expect(otherTypes(trail)).toEqual(["AWS::CloudTrail::Trail"]);
    expect(typesToEnumerate([trail])).toEqual(["AWS::CloudTrail::Trail"]);
    const versioning = set.rules.find((r) => r.id === "s3-bucket-versioning")!;
    expect(isChangeTriggerable(versioning)).toBe(true);
  });
});

describe("annotations", () => {
  it("keeps 256 characters or fewer, cut readably with …, never empty, never half a surrogate pair", () => {
    expect(truncateAnnotation("")).toBeUndefined();
    expect(truncateAnnotation("  short\n reason ")).toBe("short reason");
    const exact = "x".repeat(256);
    expect(truncateAnnotation(exact)).toBe(exact);
    const cut = truncateAnnotation("y".repeat(300))!;
    expect(Array.from(cut)).toHaveLength(256);
    expect(cut).toBe("y".repeat(255) + "…");
    const emoji = truncateAnnotation("😀".repeat(300))!;
    expect(Array.from(emoji)).toHaveLength(256);
    expect(emoji.endsWith("😀…")).toBe(true);
  });
});

describe("ruleParameters", () => {
  it("rules as a JSON list, params as an object, list and boolean values read by type", async () => {
    const set = await ruleSet();
    const listRule = set.rules.find((r) => Object.values(r.params).some((p) => p.type === "list" && (p.items ?? "string") === "string"));
    expect(listRule).toBeDefined();
    const [name] = Object.entries(listRule!.params).find(([, p]) => p.type === "list" && (p.items ?? "string") === "string")!;
    const sel = selectFromParameters(JSON.stringify({ rules: JSON.stringify([listRule!.id]), [`${listRule!.id}.${name}`]: "a, b" }), set);
    expect(sel.rules.map((r) => r.id)).toEqual([listRule!.id]);
    expect(sel.params(listRule!.id)![name]).toEqual(["a", "b"]);
    const viaParams = selectFromParameters(JSON.stringify({ rules: "rds-backup-retention", params: JSON.stringify({ "rds-backup-retention": { minRetentionDays: 21 } }) }), set);
    expect(viaParams.params("rds-backup-retention")).toEqual({ minRetentionDays: 21 });
  });

  it("a pack with rules: the pack's parameters and severities, only those rules", async () => {
    const set = await ruleSet();
    const sel = selectFromParameters(JSON.stringify({ pack: "prod", rules: "rds-backup-retention" }), set);
    expect(sel.rules.map((r) => r.id)).toEqual(["rds-backup-retention"]);
    expect(sel.params("rds-backup-retention")).toEqual({ minRetentionDays: 14 });
    expect(sel.policy.name).toBe("prod");
  });
});

describe("combining results", () => {
  it("an active waiver is NOT_APPLICABLE 'WAIVED ...', never COMPLIANT; an expired one waives nothing", async () => {
    const { combine } = await import("../../src/configrule/evaluations.js");
    const set = await ruleSet();
    const rule = set.rules.find((r) => r.id === "s3-bucket-versioning")!;
    const resource: any = { type: "AWS::S3::Bucket", id: "b", tags: {}, props: {}, origin: { source: "aws-config" } };
    const at = new Date("2026-11-21T00:00:00Z");
    const t = { resourceType: "AWS::S3::Bucket", resourceId: "b" };
    const waiver = { reason: "migration", owner: "platform", expires: "2027-01-31", expired: false };
    expect(combine(t, [{ rule, resource, verdict: "FAIL", reason: "versioning is off", waiver }], at)).toMatchObject({ ComplianceType: "NOT_APPLICABLE", Annotation: "WAIVED until 2027-01-31 (platform): s3-bucket-versioning: migration" });
    expect(combine(t, [{ rule, resource, verdict: "FAIL", reason: "versioning is off", waiver: { ...waiver, expired: true } }], at)).toMatchObject({ ComplianceType: "NON_COMPLIANT", Annotation: "s3-bucket-versioning: versioning is off" });
    expect(combine(t, [{ rule, resource, verdict: "PASS", reason: "" }, { rule, resource, verdict: "UNKNOWN", reason: "policy unreadable" }], at)).toMatchObject({ ComplianceType: "NOT_APPLICABLE", Annotation: "UNKNOWN: s3-bucket-versioning: policy unreadable" });
  });
});
