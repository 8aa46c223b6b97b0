import { Ajv } from "ajv";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { motoEndpoint } from "../support/moto.js";
import { runCli } from "./run-cli.js";

const fx = (p: string) => join(PACKAGE_ROOT, "test/fixtures/cli", p);
const app = fx("app");
const strict = fx("policy-strict.yaml");
const tmp = () => mkdtempSync(join(tmpdir(), "plumbline-cli-"));

const reportSchema = JSON.parse(readFileSync(join(PACKAGE_ROOT, "schemas/report.schema.json"), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat("date-time", fullFormats["date-time"]);
const validateReport = ajv.compile(reportSchema);

describe("plumbline audit", () => {
  it("writes report.json and report.md under --out, valid against the report schema", async () => {
    const out = tmp();
    const run = await runCli(["audit", "--hcl", app, "--var", "env=dev", "--policy", strict, "--format", "json,md", "--out", out, "--quiet"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.schemaVersion).toBe(1);
    expect(report.policy.name).toBe("cli-strict");
    const plain = report.results.find((r: any) => r.ruleId === "rds-storage-encrypted" && r.resource.address === "aws_db_instance.plain");
    expect(plain.status).toBe("FAIL");
    expect(plain.resource).toMatchObject({ type: "AWS::RDS::DBInstance", source: "hcl", file: "main.tf" });
    expect(plain.resource.line).toBeGreaterThan(1);
    expect(plain.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(plain.controls.awsConfigRule).toBe("RDS_STORAGE_ENCRYPTED");
    const md = readFileSync(join(out, "report.md"), "utf8");
    expect(md).toContain("rds-storage-encrypted");
    expect(md).toContain("aws\\_db\\_instance.plain");
  });

  it("prints the first format to stdout without --out", async () => {
    const run = await runCli(["audit", "--hcl", app, "--policy", strict, "--format", "md,json"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^## plumbline audit/);
  });

  it("prints a readable summary on a terminal when no --format is given", async () => {
    const run = await runCli(["audit", "--hcl", app, "--policy", strict], { isTTY: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("FAIL");
    expect(run.stdout).toContain("aws_db_instance.plain");
  });

  it("fingerprints do not change when the code moves", async () => {
    const a = await runCli(["audit", "--hcl", app, "--policy", strict, "--format", "json"]);
    const moved = tmp();
    writeFileSync(join(moved, "main.tf"), "\n\n\n# moved down\n" + readFileSync(join(app, "main.tf"), "utf8"));
    const b = await runCli(["audit", "--hcl", moved, "--policy", strict, "--format", "json"]);
    const fp = (run: { stdout: string }) => JSON.parse(run.stdout).results.map((r: any) => `${r.ruleId} ${r.fingerprint}`).sort();
    expect(fp(b)).toEqual(fp(a));
  });

  it("never prints sensitive values", async () => {
    const out = tmp();
    const run = await runCli(["audit", "--hcl", app, "--var", "db_password=var-secret-value-123", "--policy", strict, "--format", "json,md,text", "--out", out]);
    expect(run.code).toBe(0);
    for (const f of ["report.json", "report.md", "report.txt"]) {
      const text = readFileSync(join(out, f), "utf8");
      expect(text).not.toContain("var-secret-value-123");
      expect(text).not.toContain("hunter2-literal-secret");
    }
    expect(run.stdout + run.stderr).not.toContain("hunter2");
  });
});

describe("plumbline gate", () => {
  it("exits 1 on a non-waived FAIL at or above --fail-on", async () => {
    const run = await runCli(["gate", "--hcl", app, "--policy", strict]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("NO-GO");
  });

  it("exits 0 when the failures are below --fail-on", async () => {
    const run = await runCli(["gate", "--hcl", app, "--policy", strict, "--fail-on", "critical"]);
    expect(run.code).toBe(0);
  });

  it("exits 0 with --soft-fail but still says no-go", async () => {
    const run = await runCli(["gate", "--hcl", app, "--policy", strict, "--soft-fail"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("NO-GO");
  });

  it("honours an active waiver and fails on the same waiver once expired", async () => {
    const waived = fx("policy-waived.yaml");
    const active = await runCli(["gate", "--hcl", app, "--policy", waived, "--now", "2027-01-01", "--format", "json"]);
    const report = JSON.parse(active.stdout);
    const plain = report.results.filter((r: any) => r.resource.address === "aws_db_instance.plain" && r.status === "FAIL");
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.every((r: any) => r.waiver && r.waiver.expired === false && r.waiver.owner === "data-team@example.com")).toBe(true);
    expect(report.gate.decision).toBe("go");
    expect(active.code).toBe(0);

    const expired = await runCli(["gate", "--hcl", app, "--policy", waived, "--now", "2027-02-01", "--format", "json"]);
    expect(expired.code).toBe(1);
    const late = JSON.parse(expired.stdout);
    expect(late.gate.reasons.join(" ")).toMatch(/expired/);
    expect(late.waivers.expired.length).toBeGreaterThan(0);
  });

  it("exits 3 when a result at or above the threshold is UNKNOWN, 0 with --allow-unknown", async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, "main.tf"),
      `variable "encrypted" { type = bool }
resource "aws_db_instance" "x" {
  identifier = "x"
  storage_encrypted = var.encrypted
  backup_retention_period = 14
  deletion_protection = true
}
`,
    );
    const run = await runCli(["gate", "--hcl", dir, "--policy", strict, "--format", "json"]);
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout);
    const r = report.results.find((x: any) => x.ruleId === "rds-storage-encrypted");
    expect(r.status).toBe("UNKNOWN");
    expect(r.reason).toMatch(/var\.encrypted/);
    const allowed = await runCli(["gate", "--hcl", dir, "--policy", strict, "--allow-unknown"]);
    expect(allowed.code).toBe(0);
  });
});

describe("bad input: exit 2, one line naming what is wrong", () => {
  const oneLine = (s: string) => s.trim().split("\n").length === 1;

  it("no evidence", async () => {
    const run = await runCli(["audit"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no evidence/);
  });

  it("a missing HCL directory", async () => {
    const run = await runCli(["audit", "--hcl", "/nonexistent/infra"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("/nonexistent/infra");
    expect(oneLine(run.stderr)).toBe(true);
  });

  it("malformed HCL names file and line", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "main.tf"), 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n\nresource "aws_kms_key" "k" {}\n');
    const run = await runCli(["audit", "--hcl", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/main\.tf:\d+/);
    expect(oneLine(run.stderr)).toBe(true);
  });

  it("malformed state JSON names the file and position", async () => {
    const dir = tmp();
    const f = join(dir, "bad.tfstate");
    writeFileSync(f, '{"version": 4, "resources": [\n  {"mode": "managed",\n');
    const run = await runCli(["audit", "--state", f]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("bad.tfstate");
    expect(oneLine(run.stderr)).toBe(true);
  });

  it("a state of the wrong version", async () => {
    const dir = tmp();
    const f = join(dir, "old.tfstate");
    writeFileSync(f, JSON.stringify({ version: 3, modules: [] }));
    const run = await runCli(["audit", "--state", f]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/version 3/);
  });

  it("a policy with a parameter of the wrong type names file, line and field", async () => {
    const run = await runCli(["audit", "--hcl", app, "--policy", fx("policy-bad.yaml")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/policy-bad\.yaml:\d+: params\.rds-backup-retention\.minRetentionDays/);
  });

  it("a YAML alias bomb in a policy is refused, not expanded", async () => {
    const dir = tmp();
    const f = join(dir, "bomb.yaml");
    const levels = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    const lines = ["name: bomb", `a: &a ["x","x","x","x","x","x","x","x","x"]`];
    for (let i = 1; i < levels.length; i++) lines.push(`${levels[i]}: &${levels[i]} [${Array(9).fill(`*${levels[i - 1]}`).join(",")}]`);
    writeFileSync(f, lines.join("\n") + "\n");
    const run = await runCli(["policy", "validate", f]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("bomb.yaml");
  });

  it("an unknown --format and an unknown --fail-on", async () => {
    expect((await runCli(["audit", "--hcl", app, "--format", "pdf"])).code).toBe(2);
    expect((await runCli(["gate", "--hcl", app, "--fail-on", "severe"])).code).toBe(2);
  });

  it("an unreadable S3 state object", async () => {
    // The S3 backend reader uses the standard credential chain and AWS_ENDPOINT_URL: point both at moto.
    Object.assign(process.env, { AWS_ENDPOINT_URL: motoEndpoint(), AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_REGION: "us-east-1" });
    const run = await runCli(["audit", "--state", "s3://plumbline-no-such-bucket-cli/state.tfstate"], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("s3://plumbline-no-such-bucket-cli/state.tfstate");
    expect(oneLine(run.stderr)).toBe(true);
  });
});

describe("rules and policy commands", () => {
  it("lists rules and shows one", async () => {
    const list = await runCli(["rules", "list"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("rds-storage-encrypted");
    const show = await runCli(["rules", "show", "rds-storage-encrypted"]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain("RDS_STORAGE_ENCRYPTED");
    const missing = await runCli(["rules", "show", "no-such-rule"]);
    expect(missing.code).toBe(2);
  });

  it("validates the shipped policies", async () => {
    for (const p of ["baseline", "dev", "staging", "prod"]) {
      const run = await runCli(["policy", "validate", join(PACKAGE_ROOT, "policies", `${p}.yaml`)]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
    }
  });

  it("--version and --help exit 0", async () => {
    const v = await runCli(["--version"]);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const h = await runCli(["gate", "--help"]);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain("--fail-on");
  });
});

describe("the built CLI (npm ci builds dist/ through the prepare script)", () => {
  it("runs as a process: exit codes and one-line errors", () => {
    expect(existsSync(join(PACKAGE_ROOT, "dist/cli/main.js")), "dist/ is missing: run npm ci or npm run build").toBe(true);
    const bin = join(PACKAGE_ROOT, "bin/plumbline.js");
    const ok = spawnSync(process.execPath, [bin, "gate", "--hcl", app, "--policy", strict, "--fail-on", "critical"], { encoding: "utf8" });
    expect(ok.status).toBe(0);
    const nogo = spawnSync(process.execPath, [bin, "gate", "--hcl", app, "--policy", strict], { encoding: "utf8" });
    expect(nogo.status).toBe(1);
    const bad = spawnSync(process.execPath, [bin, "audit", "--hcl", "/nonexistent/dir"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
  });
});
