/**
 * Trend since a baseline (--baseline): new / open / fixed by fingerprint, and fingerprints that stay put
 * across runs, machines (absolute paths) and unrelated code moves, but change with rule or resource identity.
 */
import { Ajv } from "ajv";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { fingerprint } from "../../src/report/fingerprint.js";
import type { AuditReport } from "../../src/report/model.js";
import { renderMarkdown } from "../../src/report/render/markdown.js";
import { summarize } from "../../src/report/summary.js";
import { applyTrend, parseBaseline, trendHeadline } from "../../src/report/trend.js";
import { runCli } from "../cli/run-cli.js";
import { formatsReport, HCL, LIVE, result } from "./formats-fixture.js";

const reportSchema = JSON.parse(readFileSync(join(PACKAGE_ROOT, "schemas/report.schema.json"), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat("date-time", fullFormats["date-time"]);
const validateReport = ajv.compile(reportSchema);

const APP = join(PACKAGE_ROOT, "test/fixtures/cli/app");
const STRICT = join(PACKAGE_ROOT, "test/fixtures/cli/policy-strict.yaml");
const tmp = () => mkdtempSync(join(tmpdir(), "plumbline-trend-"));

/** A copy of the fixture app under a fresh absolute path (another "machine"), optionally edited. */
function appCopy(edit?: (main: string) => string): string {
  const dir = join(tmp(), "checkout", "infra");
  cpSync(APP, dir, { recursive: true });
  if (edit) writeFileSync(join(dir, "main.tf"), edit(readFileSync(join(dir, "main.tf"), "utf8")));
  return dir;
}

async function audit(dir: string, extra: string[] = []): Promise<{ report: AuditReport; out: string; code: number; stderr: string }> {
  const out = tmp();
  const run = await runCli(["audit", "--hcl", dir, "--var", "env=dev", "--policy", STRICT, "--format", "json,md,text", "--out", out, "--quiet", ...extra]);
  const report = run.code === 0 ? (JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as AuditReport) : (undefined as unknown as AuditReport);
  return { report, out, code: run.code, stderr: run.stderr };
}

const fps = (r: AuditReport) => r.results.map((x) => `${x.ruleId} ${x.resource.address} ${x.fingerprint}`).sort();

describe("fingerprints", () => {
  it("are the same across runs and machines (different absolute paths), and ignore line moves", async () => {
    const a = await audit(appCopy());
    const b = await audit(appCopy());
    // Unrelated edit: a comment block and an unrelated resource above everything moves every line down.
    const moved = await audit(appCopy((m) => `# moved\n# by an unrelated edit\n\nresource "aws_kms_key" "other" {\n  enable_key_rotation = true\n}\n\n${m}`));
    expect(a.report.results.length).toBeGreaterThan(3);
    expect(a.report.evidence[0].location).not.toBe(b.report.evidence[0].location);
    expect(fps(b.report)).toEqual(fps(a.report));
    expect(fps(moved.report)).toEqual(fps(a.report));
    const line = (r: AuditReport) => r.results.find((x) => x.resource.address === "aws_db_instance.plain")!.resource.line!;
    expect(line(moved.report)).toBe(line(a.report) + 7);
  });

  it("change when the resource identity or the rule changes", async () => {
    const a = await audit(appCopy());
    const renamed = await audit(appCopy((m) => m.replace('resource "aws_db_instance" "plain"', 'resource "aws_db_instance" "plain_v2"')));
    const fpOf = (r: AuditReport, rule: string, addr: string) => r.results.find((x) => x.ruleId === rule && x.resource.address === addr)?.fingerprint;
    const before = fpOf(a.report, "rds-storage-encrypted", "aws_db_instance.plain")!;
    expect(before).toMatch(/^[0-9a-f]{32}$/);
    expect(fpOf(renamed.report, "rds-storage-encrypted", "aws_db_instance.plain_v2")).not.toBe(before);
    expect(fpOf(a.report, "rds-backup-retention", "aws_db_instance.plain")).not.toBe(before);
    // And directly: workspace, source, ARN and account are identity; file and line are not.
    expect(fingerprint("r", { ...HCL, file: "elsewhere.tf", line: 999, location: "/abs/other/machine" })).toBe(fingerprint("r", HCL));
    expect(fingerprint("r", { ...HCL, workspace: "staging" })).not.toBe(fingerprint("r", HCL));
    expect(fingerprint("r", { ...HCL, source: "tf-plan" })).not.toBe(fingerprint("r", HCL));
    expect(fingerprint("r", { ...LIVE, arn: `${LIVE.arn}2` })).not.toBe(fingerprint("r", LIVE));
  });
});

describe("applyTrend", () => {
  it("marks FAIL results new or open, and lists baseline FAILs fixed, gone or now UNKNOWN", () => {
    const baseline = formatsReport();
    const current = formatsReport();
    const other = { ...HCL, address: "module.store.aws_s3_bucket.new_one", id: "new_one" };
    // s3-bucket-sse-kms-cmk on HCL: FAIL → PASS (fixed); ssm-parameter-secure-cmk: FAIL → gone;
    // s3-bucket-public-access-blocked: FAIL → UNKNOWN; a new FAIL on another bucket; the rest stay.
    current.results = current.results
      .filter((r) => r.ruleId !== "ssm-parameter-secure-cmk")
      .map((r) =>
        r.ruleId === "s3-bucket-sse-kms-cmk" && r.status === "FAIL" ? { ...r, status: "PASS" as const } : r.ruleId === "s3-bucket-public-access-blocked" ? { ...r, status: "UNKNOWN" as const } : r,
      );
    current.results.push(result("s3-bucket-sse-kms-cmk", "critical", "FAIL", other));
    current.summary = summarize(current.results);
    const t = applyTrend(current, baseline, "prev/report.json");
    expect(t).toMatchObject({ baseline: { generatedAt: baseline.generatedAt, file: "prev/report.json" }, new: 1, open: 1, fixed: 2, unknown: 1 });
    expect(t.fixedResults.map((f) => [f.ruleId, f.resolution]).sort()).toEqual([
      ["s3-bucket-sse-kms-cmk", "passes"],
      ["ssm-parameter-secure-cmk", "gone"],
    ]);
    expect(current.results.find((r) => r.resource.id === "new_one")!.trend).toBe("new");
    expect(current.results.find((r) => r.ruleId === "s3-bucket-versioning")!.trend).toBe("open");
    expect(current.results.filter((r) => r.status !== "FAIL").every((r) => r.trend === undefined)).toBe(true);
    expect(validateReport(current), JSON.stringify(validateReport.errors)).toBe(true);
    expect(trendHeadline(t)).toBe("1 new, 2 fixed since 2026-11-25 (1 still open, 1 now UNKNOWN)");
  });

  it("puts the trend first in Markdown", () => {
    const baseline = formatsReport();
    const current = formatsReport();
    applyTrend(current, { ...baseline, generatedAt: "2026-11-24T06:00:00.000Z", results: [] }, "b.json");
    const md = renderMarkdown(current);
    const firstBody = md.split("\n").filter((l) => l.trim())[1];
    // Markdown-escaped: GitHub renders "\(" as "(".
    expect(firstBody).toBe("**4 new, 0 fixed since 2026-11-24 \\(0 still open\\)**");
    expect(md).toMatch(/\| FAIL \(new\) \|/);
  });
});

describe("--baseline on the CLI", () => {
  it("reports new, open and fixed findings against the previous run, valid against the schema", async () => {
    const first = await audit(appCopy());
    expect(first.code).toBe(0);
    const baselineFile = join(first.out, "report.json");
    // Fix the plain instance's encryption, break the encrypted one's backups.
    const second = await audit(
      appCopy((m) => m.replace("storage_encrypted       = false", "storage_encrypted       = true").replace("backup_retention_period = 14", "backup_retention_period = 0")),
      ["--baseline", baselineFile],
    );
    expect(second.stderr).toBe("");
    const t = second.report.trend!;
    expect(t.baseline).toEqual({ generatedAt: first.report.generatedAt, file: baselineFile });
    expect(t.fixedResults.map((f) => `${f.ruleId} ${f.resource.address} ${f.resolution}`)).toEqual(["rds-storage-encrypted aws_db_instance.plain passes"]);
    const fresh = second.report.results.filter((r) => r.trend === "new").map((r) => `${r.ruleId} ${r.resource.address}`);
    expect(fresh).toEqual(["rds-backup-retention aws_db_instance.encrypted"]);
    expect(t.new).toBe(1);
    expect(t.fixed).toBe(1);
    expect(t.open).toBe(second.report.results.filter((r) => r.status === "FAIL").length - 1);
    expect(validateReport(second.report), JSON.stringify(validateReport.errors)).toBe(true);
    const md = readFileSync(join(second.out, "report.md"), "utf8");
    expect(md.split("\n")[2]).toMatch(/^\*\*1 new, 1 fixed since \d{4}-\d{2}-\d{2} \\\(\d+ still open\\\)\*\*$/);
    expect(readFileSync(join(second.out, "report.txt"), "utf8")).toMatch(/^1 new, 1 fixed since/);
  });

  it("works on the gate too, without changing its decision", async () => {
    const first = await audit(appCopy());
    const out = tmp();
    const run = await runCli(["gate", "--hcl", appCopy(), "--var", "env=dev", "--policy", STRICT, "--baseline", join(first.out, "report.json"), "--format", "json", "--out", out, "--quiet"]);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as AuditReport;
    expect(run.code).toBe(report.gate!.exitCode);
    expect(report.gate!.decision).toBe("no-go");
    expect(report.trend).toMatchObject({ new: 0, fixed: 0, unknown: 0 });
    expect(report.trend!.open).toBe(report.results.filter((r) => r.status === "FAIL").length);
  });

  it("rejects a malformed or wrong-version baseline as an input error (exit 2) naming the file", async () => {
    const dir = tmp();
    const good = (await audit(appCopy())).report;
    const cases: [string, string, RegExp][] = [
      ["not-json.json", "{ nope", /--baseline .*not-json\.json: not JSON/],
      ["array.json", "[]", /array\.json: not a plumbline JSON report/],
      ["sarif.json", JSON.stringify({ version: "2.1.0", runs: [] }), /sarif\.json: not a plumbline JSON report/],
      ["v2.json", JSON.stringify({ ...good, schemaVersion: 2 }), /v2\.json: report schemaVersion 2 is not supported \(expected 1\)/],
      ["broken.json", JSON.stringify({ ...good, results: [{ ...good.results[0], fingerprint: "x" }] }), /broken\.json: not a valid report: \/results\/0\/fingerprint must match pattern/],
    ];
    for (const [name, text, message] of cases) {
      const file = join(dir, name);
      writeFileSync(file, text);
      const run = await audit(APP, ["--baseline", file]);
      expect(run.code, name).toBe(2);
      expect(run.stderr, name).toMatch(message);
      expect(run.stderr.trim().split("\n"), name).toHaveLength(1);
    }
    const missing = await audit(APP, ["--baseline", join(dir, "nope.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: no such file/);
    expect(() => parseBaseline(JSON.stringify(good), "ok.json")).not.toThrow();
  });
});
