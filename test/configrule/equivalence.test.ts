/**
 * EQUIVALENCE: the same S3 buckets, applied with real Terraform against moto (account 240000000010),
 * judged three ways must get the same verdict:
 *   - the Config rule Lambda path: a periodic run of the handler, reading moto's recorded configuration
 *     items (ListDiscoveredResources + BatchGetResourceConfig) and sending PutEvaluations (TESTMODE);
 *   - `audit --aws` (live collection of the same account);
 *   - `audit --state` on the state Terraform wrote.
 * moto's S3 configuration items carry no BucketVersioningConfiguration (research/moto.md): through the
 * Lambda the versioning rule is therefore UNKNOWN (NOT_APPLICABLE "UNKNOWN: ..."), never COMPLIANT; that
 * is asserted too.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAudit } from "../../src/audit.js";
import { createHandler } from "../../src/configrule/handler.js";
import type { AuditReport } from "../../src/report/model.js";
import { motoEndpoint } from "../support/moto.js";
import { captureLog, noSleep, ruleSet } from "./helpers.js";
import { motoConfigClient } from "./moto-config.js";

const ACCOUNT = "240000000010";
const REGION = "eu-west-1";
const GOOD = "plb-cfgrule-good";
const BAD = "plb-cfgrule-bad";
const RULES = ["s3-bucket-public-access-blocked", "s3-bucket-tls-only", "s3-bucket-sse-enabled"];
const mirror = process.env.TF_PLUGIN_MIRROR ?? "/opt/tf-plugins";

let work = "";
let stateReport: AuditReport;
let liveReport: AuditReport;

const main = (endpoint: string) => `
provider "aws" {
  region                      = "${REGION}"
  access_key                  = "testing"
  secret_key                  = "testing"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  s3_use_path_style           = true
  assume_role {
    role_arn = "arn:aws:iam::${ACCOUNT}:role/moto-terraform"
  }
  endpoints {
    s3  = "${endpoint}"
    sts = "${endpoint}"
    iam = "${endpoint}"
  }
}

resource "aws_s3_bucket" "good" {
  bucket = "${GOOD}"
}

resource "aws_s3_bucket_public_access_block" "good" {
  bucket                  = aws_s3_bucket.good.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "good" {
  bucket = aws_s3_bucket.good.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "TlsOnly"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.good.arn, "\${aws_s3_bucket.good.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket_versioning" "good" {
  bucket = aws_s3_bucket.good.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "bad" {
  bucket = "${BAD}"
}
`;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "plumbline-cfgrule-eq-"));
  writeFileSync(join(work, "main.tf"), main(motoEndpoint()));
  writeFileSync(join(work, "terraformrc"), `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`);
  const env: Record<string, string | undefined> = { ...process.env, TF_CLI_CONFIG_FILE: join(work, "terraformrc"), TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1", AWS_EC2_METADATA_DISABLED: "true" };
  for (const k of ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL"]) delete env[k];
  execFileSync("terraform", ["init", "-no-color"], { cwd: work, env, stdio: "pipe" });
  execFileSync("terraform", ["apply", "-auto-approve", "-no-color"], { cwd: work, env, stdio: "pipe", timeout: 120_000 });
  const now = new Date("2026-11-21T00:00:00Z");
  stateReport = await runAudit({ hcl: [], plans: [], states: [join(work, "terraform.tfstate")], now });
  liveReport = await runAudit({
    hcl: [],
    plans: [],
    states: [],
    now,
    aws: { endpoint: motoEndpoint(), assumeRoles: [`arn:aws:iam::${ACCOUNT}:role/plumbline-audit`], regions: [REGION], credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, quiet: true, maxAttempts: 1 } as any,
  });
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function verdict(report: AuditReport, rule: string, bucket: string): string | undefined {
  return report.results.find((r) => r.ruleId === rule && (r.resource.id === bucket || r.resource.arn === `arn:aws:s3:::${bucket}`))?.status;
}

/** Config compliance → plumbline verdict (UNKNOWN travels as NOT_APPLICABLE "UNKNOWN: ..."). */
function fromEvaluation(e: any): string {
  if (e.ComplianceType === "COMPLIANT") return "PASS";
  if (e.ComplianceType === "NON_COMPLIANT") return "FAIL";
  return typeof e.Annotation === "string" && e.Annotation.startsWith("UNKNOWN:") ? "UNKNOWN" : "NOT_APPLICABLE";
}

async function lambdaVerdicts(rule: string): Promise<Map<string, { verdict: string; annotation?: string }>> {
  const { client, puts } = motoConfigClient(ACCOUNT, REGION);
  const { log } = captureLog();
  const h = createHandler({ ruleSet: await ruleSet(), client, log, sleep: noSleep });
  const outcome = await h({
    invokingEvent: JSON.stringify({ awsAccountId: ACCOUNT, notificationCreationTime: "2026-11-21T00:00:00.000Z", messageType: "ScheduledNotification", recordVersion: "1.0" }),
    ruleParameters: JSON.stringify({ rules: rule }),
    resultToken: "TESTMODE",
    configRuleArn: `arn:aws:config:${REGION}:${ACCOUNT}:config-rule/config-rule-eq`,
    configRuleName: `plumbline-${rule}`,
    accountId: ACCOUNT,
  });
  expect(outcome.status).toBe("ok"); // moto accepted every PutEvaluations (TestMode)
  const out = new Map<string, { verdict: string; annotation?: string }>();
  for (const p of puts) {
    expect(p.TestMode).toBe(true);
    for (const e of p.Evaluations) out.set(e.ComplianceResourceId, { verdict: fromEvaluation(e), annotation: e.Annotation });
  }
  return out;
}

describe("Lambda path = audit --aws = audit --state (moto, Terraform)", () => {
  for (const rule of RULES) {
    it(rule, async () => {
      const lambda = await lambdaVerdicts(rule);
      for (const bucket of [GOOD, BAD]) {
        const fromState = verdict(stateReport, rule, bucket);
        const fromLive = verdict(liveReport, rule, bucket);
        expect(fromState, `${rule} ${bucket} state`).toBeDefined();
        expect({ bucket, lambda: lambda.get(bucket)?.verdict, live: fromLive }).toEqual({ bucket, lambda: fromState, live: fromState });
      }
    });
  }

  it("the fixture has both outcomes (the comparison is not vacuous)", () => {
    expect(verdict(stateReport, "s3-bucket-public-access-blocked", GOOD)).toBe("PASS");
    expect(verdict(stateReport, "s3-bucket-public-access-blocked", BAD)).toBe("FAIL");
    expect(verdict(stateReport, "s3-bucket-tls-only", BAD)).toBe("FAIL");
  });

  it("an oversized notification fetches the item from moto (GetResourceConfigHistory) and gives the same verdict", async () => {
    const { client, puts } = motoConfigClient(ACCOUNT, REGION);
    const h = createHandler({ ruleSet: await ruleSet(), client, log: captureLog().log, sleep: noSleep });
    for (const bucket of [GOOD, BAD]) {
      const outcome = await h({
        invokingEvent: JSON.stringify({
          configurationItemSummary: { configurationItemCaptureTime: new Date().toISOString(), awsAccountId: ACCOUNT, configurationItemStatus: "OK", resourceType: "AWS::S3::Bucket", resourceId: bucket, ARN: `arn:aws:s3:::${bucket}`, awsRegion: REGION },
          messageType: "OversizedConfigurationItemChangeNotification",
        }),
        ruleParameters: JSON.stringify({ rules: "s3-bucket-public-access-blocked" }),
        resultToken: "TESTMODE",
        configRuleName: "plumbline-oversized",
        accountId: ACCOUNT,
      });
      expect(outcome.status).toBe("ok");
    }
    const got = puts.flatMap((p) => p.Evaluations).map((e: any) => [e.ComplianceResourceId, fromEvaluation(e)]);
    expect(got).toEqual([
      [GOOD, verdict(liveReport, "s3-bucket-public-access-blocked", GOOD)],
      [BAD, verdict(liveReport, "s3-bucket-public-access-blocked", BAD)],
    ]);
  });

  it("versioning, which moto's items do not record, is UNKNOWN through the Lambda, never COMPLIANT", async () => {
    const lambda = await lambdaVerdicts("s3-bucket-versioning");
    expect(verdict(liveReport, "s3-bucket-versioning", GOOD)).toBe("PASS");
    expect(lambda.get(GOOD)).toEqual({ verdict: "UNKNOWN", annotation: expect.stringMatching(/^UNKNOWN: s3-bucket-versioning: .*versioning configuration/) });
  });
});
