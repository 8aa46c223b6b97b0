/**
 * SARIF, JUnit, CSV and ASFF: each checked with a real consumer-side tool (the SARIF 2.1.0 JSON Schema,
 * an XML parser, Python's csv module, the ASFF field rules), on a hostile hand-built report and on a real
 * audit run through the CLI.
 */
import { Ajv } from "ajv";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { asffResourceType, buildAsff, renderAsff } from "../../src/report/render/asff.js";
import { csvField, renderCsv } from "../../src/report/render/csv.js";
import { renderJunit } from "../../src/report/render/junit.js";
import { buildSarif, renderSarif, SARIF_FINGERPRINT_KEY } from "../../src/report/render/sarif.js";
import { FORMAT_NAMES, RENDERERS } from "../../src/report/renderers.js";
import { runCli } from "../cli/run-cli.js";
import { formatsReport, HOSTILE } from "./formats-fixture.js";

const sarifSchema = JSON.parse(readFileSync(join(PACKAGE_ROOT, "test/fixtures/schemas/sarif-schema-2.1.0.json"), "utf8"));
// The SARIF schema's language-tag pattern is not valid with the u flag (a stray "]"): compile without it.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
for (const f of ["date-time", "uri", "uri-reference"] as const) ajv.addFormat(f, fullFormats[f]);
const validateSarif = ajv.compile(sarifSchema);

const tmp = () => mkdtempSync(join(tmpdir(), "plumbline-formats-"));

/** A real audit of the CLI fixture app, written in every machine format. */
async function auditAll(): Promise<string> {
  const out = tmp();
  const run = await runCli([
    "audit",
    "--hcl",
    join(PACKAGE_ROOT, "test/fixtures/cli/app"),
    "--var",
    "env=dev",
    "--policy",
    join(PACKAGE_ROOT, "test/fixtures/cli/policy-waived.yaml"),
    "--format",
    "json,sarif,junit,csv,asff",
    "--out",
    out,
    "--quiet",
  ]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return out;
}

describe("format registry", () => {
  it("registers the machine formats next to the existing ones", () => {
    expect(FORMAT_NAMES).toEqual(expect.arrayContaining(["json", "md", "text", "sarif", "junit", "csv", "asff"]));
    expect(RENDERERS.sarif.ext).toBe("sarif");
    expect(RENDERERS.junit.ext).toBe("junit.xml");
    expect(RENDERERS.asff.ext).toBe("asff.json");
  });
});

describe("SARIF 2.1.0", () => {
  const report = formatsReport();
  const sarif = buildSarif(report, { root: "/repo" });
  const run = sarif.runs[0];

  it("is valid against the SARIF 2.1.0 JSON Schema", () => {
    const doc = JSON.parse(renderSarif(report, { root: "/repo" }));
    expect(validateSarif(doc), JSON.stringify(validateSarif.errors?.slice(0, 5))).toBe(true);
    expect(doc.version).toBe("2.1.0");
  });

  it("describes each rule once, with help, tags, security-severity and a level from its severity", () => {
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const kms = run.tool.driver.rules.find((r) => r.id === "s3-bucket-sse-kms-cmk")!;
    expect(kms.name).toBe("S3BucketSseKmsCmk");
    expect(kms.shortDescription.text).toBe("Title of s3-bucket-sse-kms-cmk");
    // The built-in rule's description, read from rules/encryption/s3-bucket-sse-kms-cmk.yaml.
    expect(kms.fullDescription.text).toMatch(/customer managed key/);
    expect(kms.help.text).toContain("Remediation: Fix s3-bucket-sse-kms-cmk.");
    expect(kms.help.markdown).toContain("FSBP: S3.4");
    expect(kms.help.markdown).toContain("CIS: 2.1.1");
    expect(kms.properties["security-severity"]).toBe("8.0");
    expect(Number(kms.properties["security-severity"])).toBeGreaterThanOrEqual(7);
    expect(kms.properties.tags).toEqual(expect.arrayContaining(["security", "encryption", "fsbp/S3.4", "cis/2.1.1"]));
    expect(kms.defaultConfiguration.level).toBe("error");
    const crit = run.tool.driver.rules.find((r) => r.id === "s3-bucket-public-access-blocked")!;
    expect(crit.properties["security-severity"]).toBe("9.5");
    expect(run.tool.driver.rules.find((r) => r.id === "ssm-parameter-secure-cmk")!.defaultConfiguration.level).toBe("note");
    expect(run.tool.driver.rules.find((r) => r.id === "s3-bucket-versioning")!.defaultConfiguration.level).toBe("warning");
  });

  it("lists FAIL and UNKNOWN results only, each with the report fingerprint", () => {
    expect(run.results).toHaveLength(5);
    for (const r of run.results) expect(Object.values(r.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
    const byFp = new Map(report.results.map((r) => [r.fingerprint, r]));
    for (const r of run.results) expect(byFp.get(r.partialFingerprints[SARIF_FINGERPRINT_KEY])!.ruleId).toBe(r.ruleId);
    const unknown = run.results.find((r) => r.ruleId === "rds-storage-encrypted")!;
    expect(unknown).toMatchObject({ kind: "review", level: "none" });
    expect(run.results.filter((r) => r.kind === "fail").map((r) => r.level).sort()).toEqual(["error", "error", "note", "warning"]);
  });

  it("points HCL findings at file:line relative to the repository root, others at their address or ARN", () => {
    const hcl = run.results.find((r) => r.ruleId === "s3-bucket-sse-kms-cmk")!;
    const loc = hcl.locations[0] as any;
    expect(loc.physicalLocation.artifactLocation.uri).toBe("infra/modules/store/main%20tf/main.tf");
    expect(loc.physicalLocation.region).toEqual({ startLine: 12 });
    expect(loc.logicalLocations[0].fullyQualifiedName).toBe("module.store.aws_s3_bucket.logs");
    const plan = run.results.find((r) => r.ruleId === "rds-storage-encrypted")!.locations[0] as any;
    expect(plan.physicalLocation.artifactLocation.uri).toBe("plans/prod.plan.json");
    expect(plan.physicalLocation.region).toBeUndefined();
    const live = run.results.find((r) => r.ruleId === "ssm-parameter-secure-cmk")!.locations[0] as any;
    expect(live.physicalLocation).toBeUndefined();
    expect(live.logicalLocations[0].fullyQualifiedName).toBe("arn:aws:ssm:eu-central-1:250000000002:parameter/app/x");
    // An absolute evidence path inside the root becomes relative: the same URI on every machine.
    const abs = buildSarif({ ...report, results: [{ ...report.results[0], resource: { ...report.results[0].resource, location: "/home/ci/work/repo/infra" } }] }, { root: "/home/ci/work/repo" });
    expect((abs.runs[0].results[0].locations[0] as any).physicalLocation.artifactLocation.uri).toBe("infra/modules/store/main%20tf/main.tf");
  });

  it("suppresses waived results (kind external, with the waiver's ticket) but not expired waivers", () => {
    const waived = run.results.find((r) => r.ruleId === "s3-bucket-versioning")!;
    expect(waived.suppressions).toEqual([
      { kind: "external", justification: "versioning after migration; ticket PLAT-1; owner platform@example.com; expires 2027-03-31" },
    ]);
    const expired = run.results.find((r) => r.ruleId === "s3-bucket-public-access-blocked")!;
    expect(expired.suppressions).toBeUndefined();
    expect(expired.properties.waiverExpired).toBe("2026-01-01");
  });

  it("is valid for a real audit too", async () => {
    const out = await auditAll();
    const doc = JSON.parse(readFileSync(join(out, "report.sarif"), "utf8"));
    expect(validateSarif(doc), JSON.stringify(validateSarif.errors?.slice(0, 5))).toBe(true);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    const failing = report.results.filter((r: any) => r.status === "FAIL" || r.status === "UNKNOWN");
    expect(doc.runs[0].results).toHaveLength(failing.length);
    const plain = doc.runs[0].results.find((r: any) => r.ruleId === "rds-storage-encrypted");
    // Relative to the working directory (the repository root when run from it).
    expect(plain.locations[0].physicalLocation.artifactLocation.uri).toMatch(/test\/fixtures\/cli\/app\/main\.tf$/);
    expect(plain.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
  });
});

describe("JUnit XML", () => {
  const xml = renderJunit(formatsReport());

  it("is well-formed XML 1.0 even with control characters, markup and lone surrogates in names", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    // What a strict XML 1.0 parser rejects: checked by Python's expat as well.
    const py = spawnSync("python3", ["-c", "import sys,xml.dom.minidom as m; m.parseString(sys.stdin.buffer.read()); print('ok')"], { input: xml });
    expect(py.stderr.toString()).toBe("");
    expect(py.stdout.toString().trim()).toBe("ok");
  });

  it("has one testsuite per rule and one testcase per rule × resource, with failure / error / skipped", () => {
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", htmlEntities: true, isArray: (n) => n === "testsuite" || n === "testcase" || n === "property" }).parse(xml);
    const root = parsed.testsuites;
    expect(root).toMatchObject({ tests: "8", failures: "3", errors: "1", skipped: "2" });
    const suites = root.testsuite as any[];
    expect(suites.map((s) => s.name).sort()).toEqual([
      "kms-key-rotation-enabled",
      "rds-storage-encrypted",
      "required-tags",
      "s3-bucket-public-access-blocked",
      "s3-bucket-sse-kms-cmk",
      "s3-bucket-versioning",
      "ssm-parameter-secure-cmk",
    ]);
    const kms = suites.find((s) => s.name === "s3-bucket-sse-kms-cmk");
    expect(kms.testcase).toHaveLength(2);
    expect(kms.testcase[0].failure.type).toBe("FAIL high");
    expect(kms.testcase[0].file).toBe("modules/store/main tf/main.tf");
    expect(kms.testcase[0].line).toBe("12");
    expect(kms.testcase[1].skipped.message).toMatch(/^not applicable: =HYPERLINK/);
    expect(suites.find((s) => s.name === "rds-storage-encrypted").testcase[0].error.type).toBe("UNKNOWN high");
    const waived = suites.find((s) => s.name === "s3-bucket-versioning").testcase[0];
    expect(waived.skipped.message).toBe("FAIL waived until 2027-03-31 (PLAT-1): versioning after migration");
    expect(suites.find((s) => s.name === "s3-bucket-public-access-blocked").testcase[0].failure).toBeDefined();
    const ssm = suites.find((s) => s.name === "ssm-parameter-secure-cmk").testcase[0];
    // Markup survives as text; invalid characters became U+FFFD; the CR/LF in the attribute survive as characters.
    expect(ssm.failure.message).toContain(`<x a="1">&amp;</x>]]>`);
    expect(ssm.failure.message).toContain("ctl\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffdend");
    expect(ssm.failure.message).toContain("lone\ufffdx");
    expect(ssm.failure.message).toContain('a,b "quoted"\r\nnext line');
    expect(ssm.failure["#text"]).toContain("ctl\ufffd");
    expect(kms.properties.property.find((p: any) => p.name === "fsbp").value).toBe("S3.4");
  });

  it("is well-formed for a real audit", async () => {
    const out = await auditAll();
    const text = readFileSync(join(out, "report.junit.xml"), "utf8");
    expect(XMLValidator.validate(text)).toBe(true);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(text);
    expect(Number(parsed.testsuites.tests)).toBe(report.results.length);
  });
});

describe("CSV", () => {
  /** Python's csv module: a real RFC 4180 reader. */
  function parseCsv(text: string): string[][] {
    const py = spawnSync("python3", ["-c", "import csv,io,json,sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline='')))))"], { input: text });
    expect(py.stderr.toString()).toBe("");
    return JSON.parse(py.stdout.toString());
  }

  it("defuses formula starts and quotes per RFC 4180", () => {
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-1")).toBe("'-1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tx")).toBe("'\tx");
    expect(csvField("\rx")).toBe("\"'\rx\"");
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField(12)).toBe("12");
    expect(csvField(undefined)).toBe("");
  });

  it("has one row per result with the framework ids, CRLF line ends, and reads back with a real parser", () => {
    const report = formatsReport();
    const text = renderCsv(report);
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(text);
    const [header, ...body] = rows;
    expect(body).toHaveLength(report.results.length);
    const col = (name: string) => header.indexOf(name);
    expect(header).toEqual(expect.arrayContaining(["status", "rule", "resource", "aws_config_rule", "fsbp", "cis", "fingerprint"]));
    expect(body[0][col("fsbp")]).toBe("S3.4");
    expect(body[0][col("aws_config_rule")]).toBe("S3_BUCKET_SSE_KMS_CMK");
    const ssm = body.find((r) => r[col("rule")] === "ssm-parameter-secure-cmk")!;
    expect(ssm[col("reason")]).toContain('a,b "quoted"\r\nnext line');
    const formula = body.find((r) => r[col("status")] === "NOT_APPLICABLE")!;
    expect(formula[col("resource_id")]).toBe(`'${HOSTILE.formula}`);
    expect(formula[col("reason")]).toBe(`'${HOSTILE.formula}`);
    // No cell of any row starts a formula.
    for (const row of body) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(body.find((r) => r[col("rule")] === "s3-bucket-versioning")![col("waiver_ticket")]).toBe("PLAT-1");
  });
});

describe("ASFF", () => {
  const report = formatsReport();
  const findings = buildAsff(report, { account: "250000000009", region: "eu-west-1" });

  it("makes one BatchImportFindings-shaped finding per result", () => {
    expect(findings).toHaveLength(report.results.length);
    for (const f of findings) {
      expect(f.SchemaVersion).toBe("2018-10-08");
      expect(f.Id).toMatch(/^[0-9a-f]{32}$/);
      expect(f.ProductArn).toBe(`arn:aws:securityhub:${f.Resources![0].Region}:${f.AwsAccountId}:product/${f.AwsAccountId}/default`);
      expect(f.AwsAccountId).toMatch(/^\d{12}$/);
      expect(f.Types!.length).toBeGreaterThan(0);
      expect(f.CreatedAt).toBe("2026-11-25T06:00:00.000Z");
      expect(f.Description!.length).toBeLessThanOrEqual(1024);
      expect(f.Title!.length).toBeLessThanOrEqual(256);
      expect(f.Resources).toHaveLength(1);
      expect(f.RecordState).toBe("ACTIVE");
    }
  });

  it("files Terraform-only findings under the given account and live ones under their own", () => {
    const hcl = findings.find((f) => f.GeneratorId === "s3-bucket-sse-kms-cmk" && f.Compliance?.Status === "FAILED")!;
    expect(hcl.AwsAccountId).toBe("250000000009");
    expect(hcl.Resources![0]).toMatchObject({ Type: "AwsS3Bucket", Id: "module.store.aws_s3_bucket.logs", Region: "eu-west-1", Partition: "aws" });
    expect(hcl.Resources![0].Details!.Other).toMatchObject({ File: "modules/store/main tf/main.tf:12", TerraformAddress: "module.store.aws_s3_bucket.logs" });
    const live = findings.find((f) => f.GeneratorId === "ssm-parameter-secure-cmk")!;
    expect(live.AwsAccountId).toBe("250000000002");
    expect(live.ProductArn).toBe("arn:aws:securityhub:eu-central-1:250000000002:product/250000000002/default");
    expect(live.Resources![0]).toMatchObject({ Type: "Other", Id: "arn:aws:ssm:eu-central-1:250000000002:parameter/app/x" });
  });

  it("maps verdicts, severities, waivers and framework ids", () => {
    const by = (rule: string) => findings.find((f) => f.GeneratorId === rule)!;
    expect(by("s3-bucket-sse-kms-cmk")).toMatchObject({ Severity: { Label: "HIGH", Original: "high" }, Compliance: { Status: "FAILED" }, Workflow: { Status: "NEW" } });
    expect(by("s3-bucket-sse-kms-cmk").Compliance!.RelatedRequirements).toEqual([
      "AWS Config S3_BUCKET_SSE_KMS_CMK",
      "AWS Foundational Security Best Practices S3.4",
      "CIS AWS Foundations Benchmark 2.1.1",
    ]);
    expect(by("s3-bucket-sse-kms-cmk").Types).toEqual([
      "Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices",
      "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
    ]);
    expect(by("s3-bucket-sse-kms-cmk").Remediation).toEqual({ Recommendation: { Text: "Fix s3-bucket-sse-kms-cmk." } });
    expect(by("s3-bucket-versioning")).toMatchObject({ Compliance: { Status: "FAILED" }, Workflow: { Status: "SUPPRESSED" }, Note: { UpdatedBy: "plumbline" } });
    expect(by("s3-bucket-public-access-blocked")).toMatchObject({ Severity: { Label: "CRITICAL" }, Workflow: { Status: "NEW" } });
    expect(by("rds-storage-encrypted").Compliance!.Status).toBe("WARNING");
    expect(by("kms-key-rotation-enabled")).toMatchObject({ Compliance: { Status: "PASSED" }, Severity: { Label: "INFORMATIONAL" }, Workflow: { Status: "RESOLVED" } });
    expect(findings.find((f) => f.Compliance?.Status === "NOT_AVAILABLE")).toBeDefined();
    expect(by("required-tags").Types).toEqual(["Software and Configuration Checks/AWS Security Best Practices"]);
    expect(by("required-tags").Compliance!.RelatedRequirements).toEqual([]);
  });

  it("cuts the description at 1024 characters and names types the ASFF knows", () => {
    const long = formatsReport();
    long.results[0] = { ...long.results[0], reason: "x".repeat(5000) };
    expect(buildAsff(long)[0].Description!.length).toBe(1024);
    expect(asffResourceType("AWS::RDS::DBInstance")).toBe("AwsRdsDbInstance");
    expect(asffResourceType("AWS::WAFv2::WebACL")).toBe("AwsWafv2WebAcl");
    expect(asffResourceType("AWS::Logs::LogGroup")).toBe("Other");
  });

  it("writes the BatchImportFindings body from a real audit", async () => {
    const out = await auditAll();
    const body = JSON.parse(readFileSync(join(out, "report.asff.json"), "utf8"));
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(body.Findings).toHaveLength(report.results.length);
    expect(new Set(body.Findings.map((f: any) => f.Id)).size).toBe(report.results.length);
    expect(JSON.parse(renderAsff(formatsReport())).Findings).toHaveLength(8);
  });
});
