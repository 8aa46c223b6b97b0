/**
 * A hand-built report for the machine-format tests: every verdict, every source (HCL with file:line,
 * plan, state with ARN, live with account/region), an active and an expired waiver, and names that are
 * hostile to each format (XML markup and XML-1.0-invalid control characters, a lone surrogate, CSV
 * formula starts, quotes, commas and newlines). Fingerprints and the summary come from the real code.
 */
import { fingerprint } from "../../src/report/fingerprint.js";
import type { AuditReport, ReportResource, ReportResult } from "../../src/report/model.js";
import { summarize } from "../../src/report/summary.js";
import type { Severity, Verdict } from "../../src/rules/verdict.js";

export const HOSTILE = {
  xml: `<x a="1">&amp;</x>]]>`,
  control: "ctl\u0000\u0001\u0008\u000b\u000c\u001b\u001fend",
  surrogate: "lone\ud800x",
  formula: "=HYPERLINK(\"http://evil\",\"x\")",
  csv: 'a,b "quoted"\r\nnext line',
} as const;

export const GENERATED_AT = "2026-11-25T06:00:00.000Z";

export function result(ruleId: string, severity: Severity, status: Verdict, resource: ReportResource, extra: Partial<ReportResult> = {}): ReportResult {
  return {
    ruleId,
    title: `Title of ${ruleId}`,
    severity,
    area: "encryption",
    status,
    reason: `${ruleId} is ${status} on ${resource.id}`,
    resource,
    controls: { awsConfigRule: ruleId.toUpperCase().replace(/-/g, "_"), fsbp: ["S3.4"], cis: ["2.1.1"] },
    remediation: `Fix ${ruleId}.`,
    fingerprint: fingerprint(ruleId, resource),
    ...extra,
  };
}

export const HCL: ReportResource = {
  type: "AWS::S3::Bucket",
  id: "logs",
  source: "hcl",
  address: "module.store.aws_s3_bucket.logs",
  file: "modules/store/main tf/main.tf",
  line: 12,
  workspace: "prod",
  location: "infra",
};
export const PLAN: ReportResource = { type: "AWS::RDS::DBInstance", id: "db", source: "tf-plan", address: "aws_db_instance.db", workspace: "prod", location: "plans/prod.plan.json" };
export const STATE: ReportResource = {
  type: "AWS::KMS::Key",
  id: "1234abcd",
  arn: "arn:aws:kms:eu-west-1:250000000001:key/1234abcd",
  source: "tf-state",
  address: "aws_kms_key.main",
  account: "250000000001",
  region: "eu-west-1",
  workspace: "prod",
  location: "s3://state/prod.tfstate",
};
export const LIVE: ReportResource = {
  type: "AWS::SSM::Parameter",
  id: `/app/${HOSTILE.xml}${HOSTILE.control}${HOSTILE.surrogate}`,
  arn: "arn:aws:ssm:eu-central-1:250000000002:parameter/app/x",
  source: "aws",
  account: "250000000002",
  region: "eu-central-1",
};
export const FORMULA: ReportResource = { type: "AWS::S3::Bucket", id: HOSTILE.formula, source: "aws", account: "250000000002", region: "eu-central-1" };

export function formatsReport(): AuditReport {
  const results: ReportResult[] = [
    result("s3-bucket-sse-kms-cmk", "high", "FAIL", HCL),
    result("s3-bucket-versioning", "medium", "FAIL", HCL, {
      waiver: { reason: "versioning after migration", owner: "platform@example.com", ticket: "PLAT-1", expires: "2027-03-31", expired: false },
    }),
    result("s3-bucket-public-access-blocked", "critical", "FAIL", HCL, {
      waiver: { reason: "old", owner: "x@example.com", ticket: "PLAT-0", expires: "2026-01-01", expired: true },
    }),
    result("rds-storage-encrypted", "high", "UNKNOWN", PLAN, { reason: "StorageEncrypted is known only after apply" }),
    result("kms-key-rotation-enabled", "medium", "PASS", STATE),
    result("ssm-parameter-secure-cmk", "low", "FAIL", LIVE, { reason: `value ${HOSTILE.csv} ${HOSTILE.xml}${HOSTILE.control}${HOSTILE.surrogate}` }),
    result("s3-bucket-sse-kms-cmk", "high", "NOT_APPLICABLE", FORMULA, { reason: HOSTILE.formula }),
    result("required-tags", "info", "PASS", FORMULA, { reason: "-1 tags missing", controls: {} }),
  ];
  return {
    schemaVersion: 1,
    tool: { name: "plumbline", version: "0.1.0" },
    generatedAt: GENERATED_AT,
    policy: { name: "prod", file: "policies/prod.yaml" },
    evidence: [
      { source: "hcl", location: "infra", workspace: "prod", resources: 1, notes: [] },
      { source: "aws", location: "aws", resources: 2, notes: [] },
    ],
    summary: summarize(results),
    results,
    waivers: { unused: [], expired: [{ rule: "s3-bucket-public-access-blocked", resource: "module.store.aws_s3_bucket.logs", owner: "x@example.com", expires: "2026-01-01" }] },
  };
}
