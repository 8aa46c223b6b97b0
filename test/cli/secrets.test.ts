/**
 * Terraform state and plans are full of secrets. Seeded ones (see test/fixtures/{state,plan}/README.md and
 * the sensitive variable below) must not reach any output format, stdout, stderr or an error message.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { FORMAT_NAMES } from "../../src/report/renderers.js";
import { runCli } from "./run-cli.js";

const SEEDED = ["FIXTURE-DB-PASSWORD-4417", "FIXTURE-SECRET-API-KEY-7731", "FIXTURE-NEW-SECRET-9902", "tfvars-secret-5518", "cli-var-secret-2290"];
const state = join(PACKAGE_ROOT, "test/fixtures/state/terraform.tfstate");
const plan = join(PACKAGE_ROOT, "test/fixtures/plan/plan.json");

function hclWithSecrets(): string {
  const dir = mkdtempSync(join(tmpdir(), "plumbline-secrets-"));
  writeFileSync(
    join(dir, "main.tf"),
    `variable "api_key" {
  type      = string
  sensitive = true
}
variable "db_password" {
  type      = string
  sensitive = true
}
resource "aws_secretsmanager_secret" "api" {
  name = "api-key-\${var.api_key}"
}
resource "aws_secretsmanager_secret_version" "api" {
  secret_id     = aws_secretsmanager_secret.api.id
  secret_string = var.api_key
}
resource "aws_db_instance" "db" {
  identifier        = "db"
  password          = var.db_password
  storage_encrypted = true
  tags              = { Note = var.api_key }
}
resource "aws_ssm_parameter" "token" {
  name  = "/app/token"
  type  = "String"
  value = "tfvars-secret-5518"
}
`,
  );
  writeFileSync(join(dir, "terraform.tfvars"), 'api_key = "tfvars-secret-5518"\n');
  return dir;
}

describe("no secret reaches an output", () => {
  it("in every report format, on stdout and on stderr", async () => {
    const out = mkdtempSync(join(tmpdir(), "plumbline-secrets-out-"));
    const run = await runCli([
      "audit",
      "--hcl", hclWithSecrets(),
      "--var", "db_password=cli-var-secret-2290",
      "--state", state,
      "--plan", plan,
      "--format", FORMAT_NAMES.join(","),
      "--out", out,
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const files = readdirSync(out);
    expect(files.length).toBe(FORMAT_NAMES.length);
    const texts = [run.stdout, run.stderr, ...files.map((f) => readFileSync(join(out, f), "utf8"))];
    for (const text of texts) for (const s of SEEDED) expect(text).not.toContain(s);
    // The evidence was really judged: secrets were present in the inputs and results exist.
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(report.results.length).toBeGreaterThan(10);
    expect(readFileSync(state, "utf8")).toContain("FIXTURE-DB-PASSWORD-4417");
  });

  it("in the gate's printed decision and in error messages", async () => {
    const gate = await runCli(["gate", "--state", state, "--plan", plan]);
    for (const s of SEEDED) expect(gate.stdout + gate.stderr).not.toContain(s);
    // A corrupt state holding a secret near the error position: the message names the place, not the text.
    const dir = mkdtempSync(join(tmpdir(), "plumbline-secrets-bad-"));
    const bad = join(dir, "bad.tfstate");
    writeFileSync(bad, '{"version":4,"resources":[{"attributes":{"password":"FIXTURE-DB-PASSWORD-4417" oops}}]}');
    const err = await runCli(["audit", "--state", bad]);
    expect(err.code).toBe(2);
    expect(err.stderr).toContain("bad.tfstate");
    for (const s of SEEDED) expect(err.stderr).not.toContain(s);
  });
});
