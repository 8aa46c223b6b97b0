/**
 * The launch readiness artifact: control statuses from a gated report, the controls file's checks, and the
 * artifact on disk (gate --readiness --out DIR) with its digests, checked by sha256sum and verify-readiness.
 */
import { Ajv } from "ajv";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decideGate } from "../../src/gate.js";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { loadRuleSet } from "../../src/audit.js";
import { buildReadiness, sha256Hex, type ReadinessDefinition } from "../../src/report/readiness.js";
import { DEFAULT_READINESS_FILE, loadReadinessControls, parseReadinessControls } from "../../src/report/readiness-controls.js";
import { manifestOf } from "../../src/report/readiness-artifact.js";
import { runCli } from "../cli/run-cli.js";
import { formatsReport } from "./formats-fixture.js";

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat("date-time", fullFormats["date-time"]);
const validateArtifact = ajv.compile(JSON.parse(readFileSync(join(PACKAGE_ROOT, "schemas/readiness.schema.json"), "utf8")));
const tmp = () => mkdtempSync(join(tmpdir(), "plumbline-readiness-"));

const DEF: ReadinessDefinition = {
  name: "test launch",
  file: "readiness.yaml",
  controls: [
    { id: "enc", title: "encryption", rules: ["s3-bucket-sse-kms-cmk"] },
    { id: "versioning", title: "versioning", rules: ["s3-bucket-versioning"] },
    { id: "public", title: "public access", rules: ["s3-bucket-public-access-blocked"] },
    { id: "rds", title: "rds", rules: ["rds-storage-encrypted"] },
    { id: "kms", title: "kms", rules: ["kms-key-rotation-enabled", "ssm-parameter-secure-cmk"] },
    { id: "none", title: "nothing judged", rules: ["rds-multi-az"] },
    { id: "runbooks", title: "runbooks", manual: "someone signs" },
  ],
};

function gated(failOn: "high" | "critical" | "low" = "high", allowUnknown = false) {
  const report = formatsReport();
  report.gate = decideGate(report, { failOn, allowUnknown });
  return report;
}

describe("buildReadiness", () => {
  it("gives each control a status from its rules' results against the gate's threshold", () => {
    const a = buildReadiness({ report: gated(), definition: DEF, enabledRules: new Set(["s3-bucket-sse-kms-cmk", "s3-bucket-versioning", "rds-multi-az"]), evidence: [], reportSha256: "0".repeat(64) });
    const status = Object.fromEntries(a.controls.map((c) => [c.id, c.status]));
    expect(status).toEqual({ enc: "not-met", versioning: "met", public: "not-met", rds: "unknown", kms: "met", none: "not-assessed", runbooks: "manual" });
    // versioning: a waived FAIL at medium is below --fail-on high, so it does not block at all.
    expect(a.controls.find((c) => c.id === "versioning")!.reason).toMatch(/1 finding\(s\) below high do not block/);
    expect(a.controls.find((c) => c.id === "kms")!.reason).toMatch(/below high/);
    expect(a.controls.find((c) => c.id === "none")!.reason).toMatch(/no evidence/);
    expect(a.controls.find((c) => c.id === "runbooks")!.attestation).toBe("someone signs");
    expect(a.controls.find((c) => c.id === "enc")!.findings[0]).toMatchObject({ ruleId: "s3-bucket-sse-kms-cmk", status: "FAIL", where: "modules/store/main tf/main.tf:12" });
    expect(a.counts).toEqual({ met: 2, waived: 0, "not-met": 2, unknown: 1, "not-assessed": 1, manual: 1 });
    expect(a.decision).toBe("no-go");
    expect(a.exitCode).toBe(1);
    expect(a.reasons).toEqual(expect.arrayContaining(["1 readiness control(s) without evidence: none", "1 manual control(s) need sign-off outside plumbline"]));
    expect(validateArtifact(a), JSON.stringify(validateArtifact.errors)).toBe(true);
  });

  it("lists the waivers relied on (with owner and expiry), expired ones too, and calls a waived-only control waived", () => {
    const a = buildReadiness({ report: gated("low"), definition: DEF, enabledRules: new Set(), evidence: [], reportSha256: "0".repeat(64) });
    expect(a.controls.find((c) => c.id === "versioning")!.status).toBe("waived");
    expect(a.waivers).toEqual([
      { rule: "s3-bucket-versioning", resource: "module.store.aws_s3_bucket.logs", reason: "versioning after migration", owner: "platform@example.com", ticket: "PLAT-1", expires: "2027-03-31", expired: false, controls: ["versioning"] },
      { rule: "s3-bucket-public-access-blocked", resource: "module.store.aws_s3_bucket.logs", reason: "old", owner: "x@example.com", ticket: "PLAT-0", expires: "2026-01-01", expired: true, controls: ["public"] },
    ]);
  });

  it("names blocking results that no control covers", () => {
    const def = { ...DEF, controls: DEF.controls.filter((c) => c.id !== "public") };
    const a = buildReadiness({ report: gated(), definition: def, enabledRules: new Set(), evidence: [], reportSha256: "0".repeat(64) });
    expect(a.reasons).toContain("blocking results outside the readiness controls: s3-bucket-public-access-blocked (1)");
  });

  it("turns a gate's go into incomplete (exit 3) when a rule-backed control has no evidence", () => {
    const report = formatsReport();
    report.results = report.results.filter((r) => r.status === "PASS" || r.status === "NOT_APPLICABLE");
    report.waivers.expired = [];
    report.gate = decideGate(report, { failOn: "high", allowUnknown: false });
    expect(report.gate.decision).toBe("go");
    const def = { ...DEF, controls: DEF.controls.filter((c) => c.id === "kms" || c.id === "none") };
    const a = buildReadiness({ report, definition: def, enabledRules: new Set(), evidence: [], reportSha256: "0".repeat(64) });
    expect(a).toMatchObject({ decision: "incomplete", exitCode: 3 });
    const ok = buildReadiness({ report, definition: { ...def, controls: def.controls.filter((c) => c.id === "kms") }, enabledRules: new Set(), evidence: [], reportSha256: "0".repeat(64) });
    expect(ok).toMatchObject({ decision: "go", exitCode: 0 });
  });
});

describe("readiness controls file", () => {
  it("the shipped phase 2 controls name only real rules", async () => {
    const rules = new Set((await loadRuleSet()).map((r) => r.id));
    const { definition } = await loadReadinessControls(DEFAULT_READINESS_FILE, rules);
    expect(definition.name).toBe("Phase 2 – Production Launch");
    expect(definition.controls.map((c) => c.id)).toEqual(expect.arrayContaining(["prod-encryption-cmk", "iam-boundaries", "secret-rotation", "runbooks"]));
    expect(definition.controls.filter((c) => c.manual).length).toBe(3);
  });

  it("rejects unknown rules, duplicate ids and controls with both or neither of rules / manual, naming the line", () => {
    const known = new Set(["a", "b"]);
    const head = "kind: readiness\nname: x\ncontrols:\n";
    const err = (body: string) => {
      try {
        parseReadinessControls(head + body, "r.yaml", known);
      } catch (e) {
        return (e as Error).message;
      }
      return "no error";
    };
    expect(err("  - id: one\n    title: t\n    rules: [a, zz]\n")).toBe("r.yaml:6: controls.0.rules.1: unknown rule 'zz'");
    expect(err("  - id: one\n    title: t\n    rules: [a]\n  - id: one\n    title: u\n    rules: [b]\n")).toBe("r.yaml:7: controls.1.id: duplicate control id 'one'");
    expect(err("  - id: one\n    title: t\n    rules: [a]\n    manual: sign\n")).toMatch(/^r\.yaml:4: controls\.0: a control has either 'rules'/);
    expect(err("  - id: one\n    title: t\n")).toMatch(/^r\.yaml:4: controls\.0: a control has either 'rules'/);
    expect(err("  - id: one\n    title: t\n    rules: [a]\n    colour: red\n")).toMatch(/^r\.yaml:7: .*colour/);
    expect(err("  - id: one\n    title: t\n    rules: [a]\n")).toBe("no error");
  });
});

describe("gate --readiness --out DIR", () => {
  const APP = join(PACKAGE_ROOT, "test/fixtures/cli/app");
  const WAIVED = join(PACKAGE_ROOT, "test/fixtures/cli/policy-waived.yaml");
  const STRICT = join(PACKAGE_ROOT, "test/fixtures/cli/policy-strict.yaml");

  function readinessFile(dir: string): string {
    const f = join(dir, "controls.yaml");
    writeFileSync(
      f,
      [
        "kind: readiness",
        "name: fixture launch",
        "controls:",
        "  - id: encryption",
        "    title: RDS storage is encrypted",
        "    rules: [rds-storage-encrypted]",
        "  - id: recovery",
        "    title: RDS can be restored",
        "    rules: [rds-backup-retention, rds-deletion-protection]",
        "  - id: runbooks",
        "    title: Runbooks",
        "    manual: the lead signs",
        "",
      ].join("\n"),
    );
    return f;
  }

  async function gate(policy: string, extra: string[] = []) {
    const work = tmp();
    const app = join(work, "infra");
    cpSync(APP, app, { recursive: true });
    const varFile = join(work, "dev.tfvars");
    writeFileSync(varFile, 'env = "dev"\n');
    const out = join(work, "artifact");
    const run = await runCli(["gate", "--hcl", app, "--var-file", varFile, "--policy", policy, "--readiness", "--readiness-file", readinessFile(work), "--out", out, "--now", "2026-12-01", ...extra]);
    return { run, out, app, work };
  }

  it("writes report.json, readiness.json, readiness.html and SHA256SUMS that sha256sum -c accepts", async () => {
    const { run, out, app } = await gate(WAIVED);
    expect(run.stderr).toBe("");
    const a = JSON.parse(readFileSync(join(out, "readiness.json"), "utf8"));
    expect(validateArtifact(a), JSON.stringify(validateArtifact.errors)).toBe(true);
    expect(run.code).toBe(a.exitCode);
    expect(run.stdout).toMatch(new RegExp(`readiness fixture launch: ${a.decision.toUpperCase()} \\(exit ${a.exitCode}\\)`));
    // Failures on aws_db_instance.plain are waived (rds-*); recovery's are below --fail-on high.
    expect(Object.fromEntries(a.controls.map((c: any) => [c.id, c.status]))).toEqual({ encryption: "waived", recovery: "met", runbooks: "manual" });
    expect(a).toMatchObject({ decision: "go", exitCode: 0 });
    // The waiver on rds-* for aws_db_instance.plain is listed with its owner and expiry.
    expect(a.waivers[0]).toMatchObject({ resource: "aws_db_instance.plain", owner: "data-team@example.com", ticket: "DATA-42", expires: "2027-01-31", expired: false });
    // Digests: the report, and the HCL directory as a sha256sum-style manifest, and the var file.
    expect(a.report.sha256).toBe(sha256Hex(readFileSync(join(out, "report.json"))));
    const hcl = a.evidence.find((e: any) => e.source === "hcl" && e.resources > 0);
    expect(hcl.files.map((f: any) => f.path)).toEqual(["main.tf"]);
    const sum = spawnSync("sha256sum", ["main.tf"], { cwd: app }).stdout.toString();
    expect(manifestOf(hcl.files)).toBe(sum);
    expect(hcl.sha256).toBe(sha256Hex(sum));
    expect(a.evidence.find((e: any) => e.note === "--var-file").sha256).toMatch(/^[0-9a-f]{64}$/);
    const check = spawnSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: out });
    expect(check.status, check.stderr.toString()).toBe(0);
    expect(check.stdout.toString()).toBe("report.json: OK\nreadiness.json: OK\nreadiness.html: OK\n");
    const html = readFileSync(join(out, "readiness.html"), "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain("fixture launch");
  });

  it("verify-readiness says intact, then catches a changed report, a rewritten manifest, a forged decision and changed evidence", async () => {
    const { run, out, app } = await gate(STRICT);
    expect(run.code).toBe(1);
    const digest = /artifact digest sha256:([0-9a-f]{64})/.exec(run.stdout)![1];
    const ok = await runCli(["verify-readiness", out, "--expect", digest, "--evidence"]);
    expect(ok.stdout).toMatch(/^intact: /m);
    expect(ok.code).toBe(0);

    // Evidence changed after the decision.
    writeFileSync(join(app, "main.tf"), readFileSync(join(app, "main.tf"), "utf8") + "\n# later edit\n");
    const ev = await runCli(["verify-readiness", out, "--evidence"]);
    expect(ev.code).toBe(1);
    expect(ev.stdout).toMatch(/FAIL evidence .*infra: changed since the gate ran: main\.tf changed/);

    // A changed report.
    const reportFile = join(out, "report.json");
    const original = readFileSync(reportFile, "utf8");
    const forged = JSON.parse(original);
    forged.gate.decision = "go";
    forged.gate.exitCode = 0;
    forged.gate.reasons = [];
    writeFileSync(reportFile, JSON.stringify(forged, null, 2) + "\n");
    const changed = await runCli(["verify-readiness", out]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/FAIL report\.json: changed/);

    // Everything rewritten consistently (readiness.json too): only the recorded digest and the recomputed decision catch it.
    const a = JSON.parse(readFileSync(join(out, "readiness.json"), "utf8"));
    a.report.sha256 = a.digests.report = sha256Hex(readFileSync(reportFile));
    writeFileSync(join(out, "readiness.json"), JSON.stringify(a, null, 2) + "\n");
    const sums = ["report.json", "readiness.json", "readiness.html"].map((f) => `${sha256Hex(readFileSync(join(out, f)))}  ${f}\n`).join("");
    writeFileSync(join(out, "SHA256SUMS"), sums);
    const rewritten = await runCli(["verify-readiness", out, "--expect", digest]);
    expect(rewritten.code).toBe(1);
    expect(rewritten.stdout).toMatch(/FAIL artifact digest: expected/);
    expect(rewritten.stdout).toMatch(/FAIL decision: readiness\.json does not follow from report\.json \(recorded no-go, recomputed go\)/);
    expect(rewritten.stdout).toMatch(/^NOT INTACT: /m);
  });

  it("needs --out, and a directory that is an artifact", async () => {
    const noOut = await runCli(["gate", "--hcl", APP, "--var", "env=dev", "--policy", WAIVED, "--readiness"]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/--readiness needs --out DIR/);
    const notArtifact = await runCli(["verify-readiness", tmp()]);
    expect(notArtifact.code).toBe(2);
    expect(notArtifact.stderr).toMatch(/SHA256SUMS: no such file: not a readiness artifact directory/);
  });

  it("judges the seed's phase 2 controls on the prod demo state", async () => {
    const out = tmp();
    const run = await runCli([
      "gate",
      "--state",
      join(PACKAGE_ROOT, "examples/mobilytics/generated/prod.tfstate"),
      "--workspace",
      "prod",
      "--policy",
      join(PACKAGE_ROOT, "policies/prod.yaml"),
      "--readiness",
      "--out",
      out,
      "--now",
      "2026-12-01",
      "--quiet",
    ]);
    expect(run.stderr).toBe("");
    const a = JSON.parse(readFileSync(join(out, "readiness.json"), "utf8"));
    expect(validateArtifact(a), JSON.stringify(validateArtifact.errors)).toBe(true);
    expect(run.code).toBe(a.exitCode);
    expect(a.readiness.file).toBe(DEFAULT_READINESS_FILE);
    // Every rule-backed control found evidence in the prod state; the launch waiver on CloudFront logging is relied on.
    expect(a.controls.filter((c: any) => c.status === "not-assessed")).toEqual([]);
    expect(a.controls.find((c: any) => c.id === "edge-protection").status).toBe("waived");
    expect(a.waivers.find((w: any) => w.ticket === "PLAT-412")).toMatchObject({ owner: "platform-team@mobilytics.example", expires: "2027-03-31", controls: ["edge-protection"] });
    expect(a.evidence[0]).toMatchObject({ source: "tf-state", sha256: sha256Hex(readFileSync(join(PACKAGE_ROOT, "examples/mobilytics/generated/prod.tfstate"))) });
  });
});
