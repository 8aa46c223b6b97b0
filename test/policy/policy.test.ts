import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import type { Resource } from "../../src/model/resource.js";
import { loadPolicy } from "../../src/policy/loader.js";
import { inScope } from "../../src/policy/scope.js";
import { checkPolicyAgainstRules, paramsFor, preparePolicy, selectRules } from "../../src/policy/select.js";
import type { Policy } from "../../src/policy/types.js";
import { applyWaivers, globToRegExp } from "../../src/policy/waivers.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { loadRules } from "../../src/rules/loader.js";
import type { Rule, RuleResult } from "../../src/rules/types.js";

const FIX = join(import.meta.dirname, "../fixtures/policies");
const RULES = join(import.meta.dirname, "../fixtures/rules-engine/valid");
let rules: Rule[];
beforeAll(async () => {
  rules = await loadRules([RULES]);
});

/** Write a policy into a fresh temp dir (plus extra files) and return its path. */
function tmpPolicy(text: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "plumbline-policy-"));
  for (const [name, body] of Object.entries(extra)) writeFileSync(join(dir, name), body);
  const file = join(dir, "policy.yaml");
  writeFileSync(file, text);
  return file;
}

async function errorOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === "function" ? p() : p);
    return "";
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
}

describe("loadPolicy", () => {
  it("merges extends in order: selections and waivers add up, params and severities override", async () => {
    const p = await loadPolicy(join(FIX, "prod.yaml"));
    expect(p.name).toBe("prod");
    expect(p.files).toEqual([join(FIX, "baseline.yaml"), join(FIX, "prod.yaml")]);
    expect(p.include).toEqual([{ areas: ["encryption", "logging"], ids: ["rds-backup-retention"] }, { areas: ["waf"] }]);
    expect(p.params["rds-backup-retention"]).toEqual({ minRetentionDays: 14 });
    expect(p.severity).toEqual({ "rds-storage-encrypted": "critical" });
    expect(p.waivers.map((w) => [w.owner, w.file, w.line])).toEqual([
      ["alice@example.com", join(FIX, "baseline.yaml"), 10],
      ["bob@example.com", join(FIX, "prod.yaml"), 18],
      ["carol@example.com", join(FIX, "prod.yaml"), 23],
    ]);
  });

  it("selects rules with severity overrides applied, exclude winning", async () => {
    const p = await loadPolicy(join(FIX, "prod.yaml"));
    const selected = selectRules(p, rules);
    expect(selected.map((r) => `${r.id}:${r.severity}`)).toEqual(["cloudfront-waf-blocking:high", "rds-backup-retention:medium", "rds-storage-encrypted:critical", "s3-bucket-kms:medium"]);
    // The input rules are untouched.
    expect(rules.find((r) => r.id === "rds-storage-encrypted")!.severity).toBe("high");
  });

  it("params: rule defaults ← policy \"*\" ← policy per rule", async () => {
    const rule = rules.find((r) => r.id === "rds-backup-retention")!;
    const base: Policy = { name: "t", file: "t.yaml", files: [], include: [{ all: true }], exclude: [], params: {}, severity: {}, scope: {}, waivers: [], mentions: [] };
    expect(paramsFor(base, rule)).toEqual({ minRetentionDays: 7 });
    expect(paramsFor({ ...base, params: { "*": { minRetentionDays: 10 } } }, rule)).toEqual({ minRetentionDays: 10 });
    expect(paramsFor({ ...base, params: { "*": { minRetentionDays: 10 }, "rds-backup-retention": { minRetentionDays: 21 } } }, rule)).toEqual({ minRetentionDays: 21 });
    // "*" values reach only rules that declare the param.
    expect(paramsFor({ ...base, params: { "*": { minRetentionDays: 10 } } }, rules.find((r) => r.id === "rds-storage-encrypted")!)).toEqual({});
  });

  it("prepared policy feeds evaluate: params, selection and severity in one step", async () => {
    const p = preparePolicy(await loadPolicy(join(FIX, "prod.yaml")), rules);
    const db: Resource = { type: "AWS::RDS::DBInstance", id: "db", tags: {}, props: { StorageEncrypted: false, BackupRetentionPeriod: 7 }, origin: { source: "aws" } };
    const res = evaluate(p.rules, [db], { params: p.params });
    expect(res.map((r) => `${r.rule.id} ${r.rule.severity} ${r.verdict} ${r.reason}`)).toEqual([
      "rds-backup-retention medium FAIL BackupRetentionPeriod is 7, below the minimum 14",
      "rds-storage-encrypted critical FAIL StorageEncrypted is false",
    ]);
  });

  it("rejects an extends cycle and a missing base, naming the line", async () => {
    expect(await errorOf(loadPolicy(join(FIX, "cycle/a.yaml")))).toMatch(/extends cycle: .*cycle\/a\.yaml → .*cycle\/b\.yaml → .*cycle\/a\.yaml$/);
    const f = tmpPolicy("name: x\nextends:\n  - base.yaml\n  - missing.yaml\nrules: { include: { all: true } }\n", { "base.yaml": "name: base\n" });
    expect(await errorOf(loadPolicy(f))).toMatch(new RegExp(`^${f}:4: extends\\[1\\]: 'missing.yaml' not found`));
  });

  it("errors name file, line and field", async () => {
    const cases: [string, string][] = [
      ["name: x\nrules:\n  include: { areas: [encyption] }\n", ":3: rules.include.areas[0]: 'encyption' is not one of encryption, iam, waf, backups, tagging, baseline, network, logging, containers, secrets, state"],
      ["name: x\nrules: { include: { all: true } }\nwaivers:\n  - rule: a\n    resource: b\n    reason: c\n    owner: d\n", ":4: waivers[0]: missing required key 'expires'"],
      ["name: x\nrules: { include: { all: true } }\nwaivers:\n  - rule: a\n    resource: b\n    reason: c\n    owner: d\n    expires: 2027-02-30\n", ":8: waivers[0].expires: '2027-02-30' is not a real date"],
      ["name: x\nrules: { include: { all: true } }\nwaivers:\n  - rule: a\n    resource: b\n    reason: c\n    owner: d\n    expires: next year\n", ":8: waivers[0].expires: 'next year' does not match"],
      ["name: x\nrules: { include: { all: true } }\nsevertiy: {}\n", ":3: severtiy: unknown key 'severtiy'"],
      ["name: x\nrules: { include: { all: true } }\nseverity: { a: urgent }\n", ":3: severity.a: 'urgent' is not one of critical, high, medium, low, info"],
      ["name: x\nrules: { include: { all: true } }\nscope: { accounts: [1234] }\n", ":3: scope.accounts[0]: expected string, got number 1234"],
      ["name: x\nname: y\n", ":2: duplicate key 'name'"],
      ["name: x\n", ": the policy selects no rules: add rules.include"],
    ];
    for (const [text, want] of cases) {
      const f = tmpPolicy(text);
      expect(await errorOf(loadPolicy(f)), text).toContain(f + want);
    }
  });
});

describe("checkPolicyAgainstRules", () => {
  it("lists every unknown rule id with where it is named", async () => {
    const f = tmpPolicy(
      "name: x\nrules:\n  include: { ids: [rds-storage-encrypted, rds-multi-azz] }\nseverity:\n  s3-bucket-kmss: low\nwaivers:\n  - { rule: nope, resource: '*', reason: r, owner: o, expires: 2030-01-01 }\n  - { rule: 's3-*', resource: '*', reason: r, owner: o, expires: 2030-01-01 }\n",
    );
    const p = await loadPolicy(f);
    expect(await errorOf(() => checkPolicyAgainstRules(p, rules))).toBe(`${f}: unknown rule ids: rds-multi-azz (include, line 3), s3-bucket-kmss (severity, line 5), nope (waiver, line 7)`);
  });

  it("checks params against the rules' declarations, with lines", async () => {
    const bad = async (params: string) => errorOf(async () => checkPolicyAgainstRules(await loadPolicy(tmpPolicy(`name: x\nrules: { include: { all: true } }\nparams:\n${params}`)), rules));
    expect(await bad("  rds-backup-retention: { minRetention: 14 }\n")).toMatch(/:4: params\.rds-backup-retention\.minRetention: rule rds-backup-retention has no parameter 'minRetention' \(it has minRetentionDays\)$/);
    expect(await bad("  rds-backup-retention:\n    minRetentionDays: fourteen\n")).toMatch(/:5: params\.rds-backup-retention\.minRetentionDays: expected a number, got a string$/);
    expect(await bad("  rds-backup-retention: { minRetentionDays: 90 }\n")).toMatch(/params\.rds-backup-retention\.minRetentionDays: 90 is above the maximum 35$/);
    expect(await bad('  "*": { requiredTags: [Owner] }\n')).toMatch(/:4: params\.\*\.requiredTags: no rule has a parameter 'requiredTags'$/);
    expect(await bad('  "*": { minRetentionDays: 14 }\n')).toBe("");
  });
});

describe("scope", () => {
  const r = (extra: Partial<Resource>): Resource => ({ type: "AWS::S3::Bucket", id: "b", tags: {}, props: {}, origin: { source: "tf-state" }, ...extra });
  const policy = { scope: { workspaces: ["prod"], accounts: ["111122223333"], tags: { Environment: "prod" } } };
  it("ANDs the keys; facts the evidence lacks do not exclude", () => {
    expect(inScope(policy, r({ tags: { Environment: "prod" }, origin: { source: "tf-state", workspace: "prod" }, account: "111122223333" }))).toBe(true);
    expect(inScope(policy, r({ tags: { Environment: "prod" }, origin: { source: "tf-state", workspace: "dev" } }))).toBe(false);
    expect(inScope(policy, r({ tags: { Environment: "prod" }, account: "999999999999" }))).toBe(false);
    expect(inScope(policy, r({ tags: { Environment: "dev" } }))).toBe(false);
    expect(inScope(policy, r({ tags: {} }))).toBe(false);
    // Live AWS records have no workspace, HCL none of account: still in scope.
    expect(inScope(policy, r({ tags: { Environment: "prod" }, origin: { source: "aws" } }))).toBe(true);
    expect(inScope({ scope: {} }, r({}))).toBe(true);
  });
});

describe("waivers", () => {
  it("globs: * spans dots and brackets, ? one character, the rest literal", () => {
    const g = globToRegExp("module.support_ui.aws_s3_bucket.*");
    expect(g.test("module.support_ui.aws_s3_bucket.assets")).toBe(true);
    expect(g.test('module.support_ui.aws_s3_bucket.assets["eu"]')).toBe(true);
    expect(g.test("module.support_uiXaws_s3_bucket.assets")).toBe(false);
    expect(g.test("module.other.aws_s3_bucket.assets")).toBe(false);
    expect(globToRegExp("db-?").test("db-1")).toBe(true);
    expect(globToRegExp("db-?").test("db-12")).toBe(false);
    expect(globToRegExp("a(b)+[c]").test("a(b)+[c]")).toBe(true);
  });

  it("attaches active and expired waivers; expired ones do not waive and are reported; unused ones too", async () => {
    const p = await loadPolicy(join(FIX, "prod.yaml"));
    const byId = (id: string) => rules.find((r) => r.id === id)!;
    const res = (address: string | undefined, arn?: string): Resource => ({ type: "AWS::S3::Bucket", id: address ?? "x", arn, tags: {}, props: {}, origin: { source: "tf-state", address } });
    const results: RuleResult[] = [
      { rule: byId("s3-bucket-kms"), resource: res("module.support_ui.aws_s3_bucket.assets"), verdict: "FAIL", reason: "r" },
      { rule: byId("s3-bucket-kms"), resource: res("module.support_ui.aws_s3_bucket.logs"), verdict: "UNKNOWN", reason: "r" },
      { rule: byId("s3-bucket-kms"), resource: res("module.support_ui.aws_s3_bucket.ok"), verdict: "PASS", reason: "r" },
      { rule: byId("s3-bucket-kms"), resource: res("module.api.aws_s3_bucket.data"), verdict: "FAIL", reason: "r" },
      { rule: byId("cloudfront-waf-blocking"), resource: res(undefined, "arn:aws:cloudfront::111122223333:distribution/E2OLD123"), verdict: "FAIL", reason: "r" },
    ];
    const out = applyWaivers(results, p, new Date("2026-06-01T12:00:00Z"));
    expect(out.results.map((r) => r.waiver && [r.waiver.owner, r.waiver.expired])).toEqual([
      ["alice@example.com", false],
      ["alice@example.com", false],
      undefined,
      undefined,
      ["bob@example.com", true],
    ]);
    expect(out.results[0]).toMatchObject({ verdict: "FAIL", waiver: { reason: "Static assets are public by design; SSE-S3 is enough.", ticket: "PLAT-123", expires: "2027-03-01" } });
    expect(out.results[4].verdict).toBe("FAIL");
    expect(out.expired.map((w) => [w.owner, w.matched])).toEqual([["bob@example.com", 1]]);
    expect(out.unused.map((w) => w.owner)).toEqual(["carol@example.com"]);
    // The input is not changed.
    expect(results[0].waiver).toBeUndefined();
  });

  it("a waiver stops waiving at the start of its expiry day (UTC)", async () => {
    const p = await loadPolicy(join(FIX, "baseline.yaml"));
    const rule = rules.find((r) => r.id === "s3-bucket-kms")!;
    const result: RuleResult = { rule, resource: { type: "AWS::S3::Bucket", id: "x", tags: {}, props: {}, origin: { source: "hcl", address: "module.support_ui.aws_s3_bucket.x" } }, verdict: "FAIL", reason: "r" };
    expect(applyWaivers([result], p, new Date("2027-02-28T23:59:59Z")).results[0].waiver?.expired).toBe(false);
    expect(applyWaivers([result], p, new Date("2027-03-01T00:00:00Z")).results[0].waiver?.expired).toBe(true);
  });

  it("prefers an active waiver when an expired one also matches", () => {
    const rule = rules.find((r) => r.id === "s3-bucket-kms")!;
    const w = { rule: "*", resource: "*", reason: "r", owner: "o", file: "p.yaml" };
    const result: RuleResult = { rule, resource: { type: "AWS::S3::Bucket", id: "x", tags: {}, props: {}, origin: { source: "hcl" } }, verdict: "FAIL", reason: "r" };
    const out = applyWaivers([result], { waivers: [{ ...w, owner: "old", expires: "2020-01-01" }, { ...w, owner: "new", expires: "2030-01-01" }] }, new Date("2026-01-01"));
    expect(out.results[0].waiver).toMatchObject({ owner: "new", expired: false });
    expect(out.expired.map((x) => x.owner)).toEqual(["old"]);
  });
});
