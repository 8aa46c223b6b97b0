/**
 * A small, hand-built report for the HTML tests: one bucket judged by four sources (code, plan, state, live)
 * side by side, an account with waivers (one expiring soon, one expired), a resource whose every field is
 * an XSS payload, PASS/N/A filler, and the optional sections other commands add (gate, trend, drift, live
 * evidence counters). Counts are summarized and fingerprints computed by the real code, so the report is
 * valid against schemas/report.schema.json.
 */
import { fingerprint } from "../../src/report/fingerprint.js";
import type { AuditReport, ReportResource, ReportResult, ReportWaiver } from "../../src/report/model.js";
import type { ReadinessArtifact, ReadinessFinding } from "../../src/report/readiness.js";
import { summarize } from "../../src/report/summary.js";
import type { Severity, Verdict } from "../../src/rules/verdict.js";

/** Each payload sets window.__xss to its own number if it ever runs. */
export const XSS = {
  script: "<script>window.__xss=1</script>",
  img: '"><img src=x onerror="window.__xss=2">',
  closeScript: "</script><script>window.__xss=3</script>",
  jsUrl: "javascript:window.__xss=4",
  svg: "<svg onload=window.__xss=5>",
  template: "{{constructor.constructor('window.__xss=6')()}}",
  singleQuote: "' onmouseover='window.__xss=7' x='",
  attr: 'x" autofocus onfocus="window.__xss=8',
  waiver: "<img src=x onerror=window.__xss=9>",
  style: "</style><script>window.__xss=10</script>",
  gap: "<iframe src=\"javascript:window.__xss=11\"></iframe>",
  drift: "<script>window.__xss=12</script>",
  lineSep: "line\u2028separator\u2029para",
} as const;

export const XSS_AREA = XSS.attr;

const GENERATED_AT = "2026-11-25T06:00:00.000Z";

function result(
  ruleId: string,
  area: string,
  severity: Severity,
  status: Verdict,
  reason: string,
  resource: ReportResource,
  extra: Partial<ReportResult> = {},
): ReportResult {
  return {
    ruleId,
    title: `Title of ${ruleId}`,
    severity,
    area,
    status,
    reason,
    resource,
    controls: { awsConfigRule: `${ruleId.toUpperCase().replace(/-/g, "_")}`, fsbp: ["S3.4"], cis: ["2.1.1"] },
    remediation: `Fix ${ruleId}.`,
    fingerprint: fingerprint(ruleId, resource),
    ...extra,
  };
}

/** `link` is how drift ties one real resource's records together (an optional field other work adds). */
const linked = (r: ReportResource, link: string) => ({ ...r, link }) as ReportResource;

export function htmlFixture(): AuditReport {
  const bucket = "module.s3.aws_s3_bucket.logs";
  const arn = "arn:aws:s3:::acme-logs";
  const base = { type: "AWS::S3::Bucket", id: "acme-logs", workspace: "prod", region: "eu-west-1" };
  const hcl = linked({ ...base, source: "hcl", address: bucket, file: "modules/s3/main.tf", line: 12, location: "infra" }, arn);
  const plan = linked({ ...base, source: "tf-plan", address: bucket, location: "plan.json" }, arn);
  const state = linked({ ...base, source: "tf-state", address: bucket, arn, location: "prod.tfstate" }, arn);
  const live = linked({ type: base.type, id: base.id, region: base.region, account: "111122223333", source: "aws", arn, location: "aws://111122223333" }, arn);

  const xssResource: ReportResource = {
    type: "AWS::S3::Bucket",
    id: XSS.img,
    arn: XSS.jsUrl,
    address: `aws_s3_bucket.x["${XSS.script}"]`,
    file: `${XSS.closeScript}.tf`,
    line: 3,
    source: "hcl",
    workspace: XSS.singleQuote,
    region: XSS.svg,
    location: XSS.template,
  };
  const account: ReportResource = { type: "AWS::::Account", id: "111122223333", account: "111122223333", source: "tf-state", workspace: "prod", location: "prod.tfstate" };

  const expiringSoon: ReportWaiver = { reason: "Tags arrive with the Q1 migration", owner: "platform@acme.example", ticket: "PLAT-7", expires: "2026-12-05", expired: false };
  const expired: ReportWaiver = { reason: "CloudTrail moves to the org trail", owner: "sec@acme.example", ticket: "SEC-1", expires: "2026-10-01", expired: true };
  const xssWaiver: ReportWaiver = { reason: XSS.waiver, owner: XSS.style, ticket: XSS.template, expires: "2027-06-30", expired: false };

  const results: ReportResult[] = [];
  for (const r of [hcl, plan, state, live]) {
    results.push(result("s3-encrypted", "encryption", "high", "FAIL", "ServerSideEncryptionConfiguration is missing", r, { trend: "open" }));
    results.push(result("s3-versioning", "backups", "medium", "PASS", "VersioningConfiguration.Status is \"Enabled\"", r));
    results.push(
      r.source === "tf-plan"
        ? result("s3-public-access-block", "network", "high", "UNKNOWN", "PublicAccessBlockConfiguration is known only after apply", r)
        : result("s3-public-access-block", "network", "high", "PASS", "every public access block setting is true", r),
    );
  }
  results.push(
    result("s3-tagged", XSS_AREA, "critical", "FAIL", `Tags["${XSS.svg}"] is "${XSS.singleQuote}" ${XSS.lineSep} ${XSS.script}`, xssResource, {
      title: XSS.closeScript,
      remediation: XSS.img,
      path: XSS.jsUrl,
      controls: { awsConfigRule: XSS.script, fsbp: [XSS.svg], cis: [XSS.closeScript] },
      waiver: xssWaiver,
      trend: "new",
    }),
  );
  results.push(result("required-tags", "tagging", "low", "FAIL", "Tags.CostCenter is missing", account, { waiver: expiringSoon }));
  results.push(result("cloudtrail-enabled", "logging", "medium", "FAIL", "no multi-region trail", account, { waiver: expired }));
  results.push(result("guardduty-enabled", "baseline", "low", "PASS", "a detector is enabled", account));
  for (let i = 0; i < 10; i++) {
    const r: ReportResource = { type: "AWS::S3::Bucket", id: `bucket-${i}`, arn: `arn:aws:s3:::bucket-${i}`, source: "tf-state", address: `aws_s3_bucket.b${i}`, workspace: "prod", location: "prod.tfstate" };
    results.push(result("tags-owner", "tagging", "low", "PASS", 'Tags.Owner is "team-a"', r));
  }
  for (let i = 0; i < 2; i++) {
    const r: ReportResource = { type: "AWS::RDS::DBInstance", id: `db-${i}`, source: "tf-state", address: `aws_db_instance.d${i}`, workspace: "prod", location: "prod.tfstate" };
    results.push(result("rds-multi-az", "backups", "medium", "NOT_APPLICABLE", "not a production instance", r));
  }

  const report: AuditReport & Record<string, unknown> = {
    schemaVersion: 1,
    tool: { name: "plumbline", version: "0.1.0" },
    generatedAt: GENERATED_AT,
    policy: { name: `prod ${XSS.script}`, file: "policies/prod.yaml" },
    evidence: [
      { source: "hcl", location: "infra", workspace: "prod", resources: 2, notes: [`remote module not followed: ${XSS.img}`] },
      { source: "tf-plan", location: "plan.json", workspace: "prod", resources: 1, notes: [] },
      { source: "tf-state", location: "prod.tfstate", workspace: "prod", resources: 13, notes: [] },
      {
        source: "aws",
        location: "aws://111122223333",
        resources: 1,
        notes: [],
        collectedAt: "2026-11-25T05:58:00.000Z",
        accounts: ["111122223333"],
        regions: ["eu-west-1", "us-east-1"],
        api: {
          calls: 42,
          retries: 3,
          throttles: 1,
          errors: 1,
          callsPerResource: 42,
          services: { s3: { calls: 30, retries: 3, throttles: 1, errors: 0 }, [XSS.svg]: { calls: 12, retries: 0, throttles: 0, errors: 1 } },
        },
        gaps: [{ type: "AWS::S3::BucketPolicy", account: "111122223333", region: "eu-west-1", reason: `denied on ${XSS.gap}`, action: "s3:GetBucketPolicy" }],
      },
    ],
    summary: summarize(results),
    results,
    waivers: { unused: [{ rule: "old-rule", resource: XSS.img, owner: "nobody" }], expired: [{ rule: "cloudtrail-enabled", resource: "*", owner: "sec@acme.example", expires: "2026-10-01" }] },
    gate: { decision: "no-go", exitCode: 1, failOn: "high", allowUnknown: false, reasons: ["2 failing result(s) at or above high without an active waiver", `waiver for ${XSS.script} expired`] },
    trend: {
      baseline: { generatedAt: "2026-11-24T06:00:00.000Z", file: "baseline/report.json" },
      new: 3,
      open: 5,
      fixed: 5,
      unknown: 0,
      fixedResults: [
        { ...result("s3-logging", "logging", "medium", "FAIL", "LoggingConfiguration is missing", state), resolution: "passes" },
        { ...result("iam-no-star", "iam", "high", "FAIL", `Policy allows * on ${XSS.script}`, { ...base, source: "tf-state", id: XSS.img }), resolution: "gone" },
      ],
    },
    drift: {
      counts: { changed: 1, security: 1, missing: 0, unmanaged: 1, tagOnly: 0, total: 2, notCompared: 1, unknownLive: 0 },
      items: [
        {
          kind: "changed",
          type: "AWS::S3::Bucket",
          id: "acme-logs",
          arn,
          address: bucket,
          account: "111122223333",
          region: "eu-west-1",
          workspace: "prod",
          security: true,
          rules: ["s3-versioning"],
          changes: [{ path: "VersioningConfiguration.Status", desired: "Enabled", actual: "Suspended", text: `Status: Enabled → ${XSS.closeScript}` }],
          attribution: { status: "found", events: [{ eventName: "PutBucketVersioning", eventTime: "2026-11-24T22:10:00Z", who: "arn:aws:iam::111122223333:user/mallory", identityType: "IAMUser" }] },
        },
        {
          kind: "unmanaged",
          type: "AWS::S3::Bucket",
          id: XSS.drift,
          account: "111122223333",
          region: "eu-west-1",
          security: false,
          failingRules: ["s3-encrypted"],
          attribution: { status: "unavailable", reason: "cloudtrail:LookupEvents was denied (AccessDenied)" },
        },
      ],
      notCompared: [{ type: "AWS::RDS::DBInstance", account: "111122223333", region: "eu-west-1", reason: "rds:DescribeDBInstances was denied", resources: 2 }],
      partlyCompared: [],
      attribution: { lookups: 2, capped: false, notes: [] },
      notes: [],
      decision: { failOn: "security", exitCode: 1, decision: "drift", reasons: ["1 security-relevant change"] },
    },
  };
  return report;
}

/** Facts of the fixture the tests check against (by construction above, not by running the renderer). */
export const FIXTURE_FACTS = {
  /** One row per rule per linked resource: bucket × 3 rules, xss × 1, account × 3, 10 tag rows, 2 N/A rows. */
  rows: 19,
  /** Rows holding a FAIL or UNKNOWN (the default filter): encryption, public access, xss, required-tags, cloudtrail. */
  failOrUnknownRows: 5,
  failRows: 4,
  passRows: 3 + 10,
  /** Rows in the tagging area: required-tags + 10 tags-owner. */
  taggingRows: 11,
};

/** A readiness artifact (src/report/readiness.ts) with one control of each status and payloads in every free text. */
export function readinessFixture(): ReadinessArtifact {
  const finding = (status: Verdict, severity: Severity, extra: Partial<ReadinessFinding> = {}): ReadinessFinding => ({
    ruleId: "rds-storage-encrypted",
    status,
    severity,
    resource: "module.rds.aws_db_instance.this",
    where: "modules/rds/main.tf:45",
    fingerprint: "0123456789abcdef0123456789abcdef",
    reason: "StorageEncrypted is false",
    ...extra,
  });
  const counts = (c: Partial<Record<Verdict, number>>) => ({ PASS: 0, FAIL: 0, NOT_APPLICABLE: 0, UNKNOWN: 0, ...c });
  return {
    schemaVersion: 1,
    kind: "plumbline-readiness",
    tool: { name: "plumbline", version: "0.1.0" },
    generatedAt: GENERATED_AT,
    readiness: { name: `phase 2 launch ${XSS.script}`, file: "policies/readiness.yaml", description: XSS.img },
    policy: { name: "prod", file: "policies/prod.yaml" },
    decision: "no-go",
    exitCode: 1,
    failOn: "high",
    allowUnknown: false,
    reasons: ["control data-at-rest is not met", XSS.closeScript],
    counts: { met: 1, waived: 1, "not-met": 1, unknown: 1, "not-assessed": 1, manual: 1 },
    controls: [
      { id: "tls-everywhere", title: "TLS everywhere", status: "met", reason: "every listener uses TLS 1.2+", rules: [{ ruleId: "alb-https", enabled: true, counts: counts({ PASS: 4 }) }], sources: ["tf-state"], findings: [] },
      {
        id: "data-at-rest",
        title: "Data at rest is encrypted",
        roadmap: "Phase 2: RDS, ElastiCache and S3 encrypted with CMKs",
        status: "not-met",
        severity: "high",
        reason: "1 FAIL at or above high",
        rules: [{ ruleId: "rds-storage-encrypted", enabled: true, counts: counts({ FAIL: 1, PASS: 2 }) }],
        sources: ["hcl", "tf-state"],
        findings: [finding("FAIL", "high", { resource: XSS.attr, reason: XSS.svg })],
      },
      { id: "logging", title: "Access logging", status: "waived", severity: "medium", reason: "waived by PLAT-412", rules: [{ ruleId: "cloudfront-access-logging", enabled: true, counts: counts({ FAIL: 1 }) }], sources: ["tf-state"], findings: [finding("FAIL", "medium", { ruleId: "cloudfront-access-logging", waived: true })] },
      { id: "backups", title: "Backups", status: "unknown", severity: "high", reason: "1 UNKNOWN", rules: [{ ruleId: "rds-backup-retention", enabled: true, counts: counts({ UNKNOWN: 1 }) }], sources: ["tf-plan"], findings: [finding("UNKNOWN", "high", { ruleId: "rds-backup-retention" })] },
      { id: "waf", title: "WAF in front of the support UI", status: "not-assessed", reason: "no resource judged", rules: [{ ruleId: "cloudfront-waf", enabled: false, counts: counts({}) }], sources: [], findings: [] },
      { id: "load-test", title: "Load test signed off", status: "manual", reason: "manual control", rules: [], sources: [], findings: [], attestation: XSS.waiver },
    ],
    evidence: [
      { source: "hcl", location: "infra", workspace: "prod", resources: 40, sha256: "a".repeat(64), files: [{ path: "main.tf", sha256: "b".repeat(64), bytes: 1200 }] },
      { source: "aws", location: "aws://111122223333", resources: 12, collectedAt: "2026-11-25T05:58:00.000Z", note: "live evidence: report.json carries what was read" },
    ],
    waivers: [{ rule: "cloudfront-access-logging", resource: "*", reason: XSS.style, owner: "platform@acme.example", ticket: "PLAT-412", expires: "2027-03-31", expired: false, controls: ["logging"] }],
    report: { file: "report.json", sha256: "c".repeat(64), generatedAt: GENERATED_AT },
    digests: { algorithm: "sha256", manifest: "SHA256SUMS", evidence: "d".repeat(64), report: "c".repeat(64) },
  };
}

/**
 * A large report: `n` results, 5 rules per resource, each resource judged from state and optionally code and
 * plan (then one row holds several verdicts); about 8% FAIL, some UNKNOWN from plans. For size and speed checks.
 */
export function largeReport(n: number, sourceCount: 1 | 2 | 3 = 3): AuditReport {
  const rules = [
    ["s3-encrypted", "encryption", "high"],
    ["s3-versioning", "backups", "medium"],
    ["tags-owner", "tagging", "low"],
    ["s3-logging", "logging", "medium"],
    ["s3-public-access-block", "network", "critical"],
  ] as const;
  const sources = (["tf-state", "hcl", "tf-plan"] as const).slice(0, sourceCount);
  const results: ReportResult[] = [];
  for (let i = 0; results.length < n; i++) {
    const address = `module.m${i % 50}.aws_s3_bucket.b["bucket-${i}"]`;
    for (const source of sources) {
      const res: ReportResource = {
        type: "AWS::S3::Bucket",
        id: `bucket-${i}`,
        source,
        address,
        workspace: "prod",
        ...(source === "hcl" ? { file: `modules/m${i % 50}/main.tf`, line: 10 + (i % 200), location: "infra" } : { location: `${source}.json` }),
        ...(source === "tf-state" ? { arn: `arn:aws:s3:::bucket-${i}` } : {}),
      };
      for (const [k, [ruleId, area, severity]] of rules.entries()) {
        if (results.length >= n) break;
        const h = (i * 7 + k * 13) % 100;
        const status: Verdict = h < 8 ? "FAIL" : h < 11 && source === "tf-plan" ? "UNKNOWN" : h < 95 ? "PASS" : "NOT_APPLICABLE";
        results.push(result(ruleId, area, severity, status, status === "FAIL" ? `${ruleId}: the setting is off on bucket-${i}` : `${ruleId} holds`, res));
      }
    }
  }
  return {
    schemaVersion: 1,
    tool: { name: "plumbline", version: "0.1.0" },
    generatedAt: GENERATED_AT,
    policy: { name: "large" },
    evidence: sources.map((s) => ({ source: s, location: `${s}.json`, resources: Math.ceil(n / 15), notes: [] })),
    summary: summarize(results),
    results,
    waivers: { unused: [], expired: [] },
  };
}
