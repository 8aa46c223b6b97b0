/**
 * AWS Security Finding Format (ASFF) for Security Hub's BatchImportFindings: one finding per result, as
 * the "default" product of the account that imports them (arn:aws:securityhub:REGION:ACCOUNT:product/ACCOUNT/default).
 *
 * Id is the report fingerprint, so a re-import updates the same finding instead of adding one; GeneratorId
 * is the rule id. Findings for live (or state) resources carry the resource's account and region;
 * Terraform-only findings (HCL, plans) have none and take `account` / `region` from the options: the
 * importing caller's (STS) unless --security-hub-account says otherwise.
 *
 * Compliance.Status: PASS → PASSED, FAIL → FAILED, NOT_APPLICABLE → NOT_AVAILABLE (Security Hub's value for
 * "not applicable"), UNKNOWN → WARNING (could not be decided). A waived FAIL stays FAILED with
 * Workflow.Status SUPPRESSED; with --baseline, findings fixed because their resource is gone are ARCHIVED.
 */
import type { AwsSecurityFinding as AsffFinding, Resource as AsffResource } from "@aws-sdk/client-securityhub";
import type { Severity, Verdict } from "../../rules/verdict.js";
import type { AuditReport, ReportResult } from "../model.js";
import { builtinRuleDocs, frameworkIds } from "./rule-docs.js";

export type { AsffFinding };

export const ASFF_SCHEMA_VERSION = "2018-10-08";
/** Placeholders for findings without an account / region when no options give one (render-only use). */
export const UNSET_ACCOUNT = "000000000000";

export interface AsffOptions {
  /** Account for findings whose resource has none (Terraform-only evidence). */
  account?: string;
  /** Region for findings whose resource has none. */
  region?: string;
  /** CreatedAt / UpdatedAt; default: the report's generatedAt. */
  now?: string;
}

const LABEL: Record<Severity, "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFORMATIONAL"> = {
  critical: "CRITICAL",
  high: "HIGH",
  medium: "MEDIUM",
  low: "LOW",
  info: "INFORMATIONAL",
};

const COMPLIANCE: Record<Verdict, "PASSED" | "FAILED" | "NOT_AVAILABLE" | "WARNING"> = {
  PASS: "PASSED",
  FAIL: "FAILED",
  NOT_APPLICABLE: "NOT_AVAILABLE",
  UNKNOWN: "WARNING",
};

/**
 * AWS Config type → ASFF Resources[].Type, for the types Security Hub has a resource details object for
 * (the SDK's ResourceDetails keys); everything else is "Other", as the ASFF asks.
 */
const ASFF_TYPES: Record<string, string> = {
  "AWS::Backup::BackupPlan": "AwsBackupBackupPlan",
  "AWS::Backup::BackupVault": "AwsBackupBackupVault",
  "AWS::CloudFront::Distribution": "AwsCloudFrontDistribution",
  "AWS::CloudTrail::Trail": "AwsCloudTrailTrail",
  "AWS::DynamoDB::Table": "AwsDynamoDbTable",
  "AWS::EC2::SecurityGroup": "AwsEc2SecurityGroup",
  "AWS::EC2::Volume": "AwsEc2Volume",
  "AWS::EC2::VPC": "AwsEc2Vpc",
  "AWS::ECR::Repository": "AwsEcrRepository",
  "AWS::ECS::Cluster": "AwsEcsCluster",
  "AWS::ECS::Service": "AwsEcsService",
  "AWS::ECS::TaskDefinition": "AwsEcsTaskDefinition",
  "AWS::ElasticLoadBalancingV2::LoadBalancer": "AwsElbv2LoadBalancer",
  "AWS::GuardDuty::Detector": "AwsGuardDutyDetector",
  "AWS::IAM::Policy": "AwsIamPolicy",
  "AWS::IAM::Role": "AwsIamRole",
  "AWS::IAM::User": "AwsIamUser",
  "AWS::IAM::Group": "AwsIamGroup",
  "AWS::KMS::Key": "AwsKmsKey",
  "AWS::Lambda::Function": "AwsLambdaFunction",
  "AWS::RDS::DBCluster": "AwsRdsDbCluster",
  "AWS::RDS::DBClusterSnapshot": "AwsRdsDbClusterSnapshot",
  "AWS::RDS::DBInstance": "AwsRdsDbInstance",
  "AWS::RDS::DBSnapshot": "AwsRdsDbSnapshot",
  "AWS::S3::AccountPublicAccessBlock": "AwsS3AccountPublicAccessBlock",
  "AWS::S3::Bucket": "AwsS3Bucket",
  "AWS::SecretsManager::Secret": "AwsSecretsManagerSecret",
  "AWS::SNS::Topic": "AwsSnsTopic",
  "AWS::SQS::Queue": "AwsSqsQueue",
  "AWS::WAFv2::WebACL": "AwsWafv2WebAcl",
};

export function asffResourceType(configType: string): string {
  return ASFF_TYPES[configType] ?? "Other";
}

/** ASFF string limits (characters): Title 256, Description 1024, Recommendation.Text 512. */
function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function partitionOf(region: string | undefined, arn: string | undefined): string {
  const fromArn = arn?.split(":")[1];
  if (fromArn) return fromArn;
  if (region?.startsWith("cn-")) return "aws-cn";
  if (region?.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

function types(r: ReportResult): string[] {
  const out: string[] = [];
  if (r.controls.fsbp?.length) out.push("Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices");
  if (r.controls.cis?.length) out.push("Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark");
  if (out.length === 0) out.push("Software and Configuration Checks/AWS Security Best Practices");
  return out;
}

function relatedRequirements(r: ReportResult): string[] {
  const out: string[] = [];
  if (r.controls.awsConfigRule) out.push(`AWS Config ${r.controls.awsConfigRule}`);
  for (const c of r.controls.fsbp ?? []) out.push(`AWS Foundational Security Best Practices ${c}`);
  for (const c of r.controls.cis ?? []) out.push(`CIS AWS Foundations Benchmark ${c}`);
  // ASFF allows at most 32.
  return out.slice(0, 32);
}

function resourceOf(r: ReportResult, region: string): AsffResource {
  const res = r.resource;
  const details: Record<string, string> = { ConfigType: res.type, Id: res.id, Source: res.source };
  if (res.address) details.TerraformAddress = res.address;
  if (res.workspace) details.TerraformWorkspace = res.workspace;
  if (res.file) details.File = `${res.file}${res.line ? `:${res.line}` : ""}`;
  return {
    Type: asffResourceType(res.type),
    Id: res.arn ?? res.address ?? `${res.type}/${res.id}`,
    Partition: partitionOf(region, res.arn) as AsffResource["Partition"],
    Region: region,
    // Details.Other: free-form strings (max 50 pairs), the one details object every Type accepts.
    Details: { Other: Object.fromEntries(Object.entries(details).map(([k, v]) => [k, cut(v, 1024)])) },
  };
}

function description(r: ReportResult, docs: Map<string, { description?: string }>): string {
  const parts = [r.reason, docs.get(r.ruleId)?.description, ...frameworkIds(r.controls)].filter(Boolean);
  return cut(parts.join("\n\n"), 1024);
}

export function toAsff(r: ReportResult, opts: AsffOptions & { generatedAt: string }, extra: { archived?: boolean } = {}): AsffFinding {
  const account = r.resource.account ?? opts.account ?? UNSET_ACCOUNT;
  const region = r.resource.region ?? opts.region ?? "us-east-1";
  const now = opts.now ?? opts.generatedAt;
  const waived = r.status === "FAIL" && r.waiver && !r.waiver.expired;
  const passing = r.status === "PASS" || r.status === "NOT_APPLICABLE";
  const finding: AsffFinding = {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: r.fingerprint,
    ProductArn: `arn:${partitionOf(region, r.resource.arn)}:securityhub:${region}:${account}:product/${account}/default`,
    GeneratorId: r.ruleId,
    AwsAccountId: account,
    Types: types(r),
    CreatedAt: now,
    UpdatedAt: now,
    Severity: { Label: passing ? "INFORMATIONAL" : LABEL[r.severity], Original: r.severity },
    Title: cut(r.title, 256),
    Description: description(r, builtinRuleDocs()),
    ...(r.remediation ? { Remediation: { Recommendation: { Text: cut(r.remediation, 512) } } } : {}),
    ProductFields: {
      "plumbline/status": r.status,
      "plumbline/fingerprint": r.fingerprint,
      "plumbline/source": r.resource.source,
      ...(r.trend ? { "plumbline/trend": r.trend } : {}),
      ...(r.waiver?.ticket ? { "plumbline/waiverTicket": cut(r.waiver.ticket, 1024) } : {}),
    },
    Resources: [resourceOf(r, region)],
    Compliance: { Status: COMPLIANCE[r.status], RelatedRequirements: relatedRequirements(r) },
    Workflow: { Status: waived ? "SUPPRESSED" : passing ? "RESOLVED" : "NEW" },
    RecordState: extra.archived ? "ARCHIVED" : "ACTIVE",
  };
  if (waived) finding.Note = { Text: cut(`Waived: ${r.waiver!.reason}${r.waiver!.ticket ? ` (${r.waiver!.ticket})` : ""}${r.waiver!.expires ? `, until ${r.waiver!.expires}` : ""}`, 512), UpdatedBy: "plumbline", UpdatedAt: now };
  return finding;
}

/** Every result as a finding; with a trend, baseline findings whose resource or rule is gone are archived. */
export function buildAsff(report: AuditReport, opts: AsffOptions = {}): AsffFinding[] {
  const o = { ...opts, generatedAt: report.generatedAt };
  const out = report.results.map((r) => toAsff(r, o));
  for (const f of report.trend?.fixedResults ?? []) if (f.resolution === "gone") out.push(toAsff(f, o, { archived: true }));
  return out;
}

/** The format `--format asff` writes: the BatchImportFindings request body, { "Findings": [...] }. */
export function renderAsff(report: AuditReport, opts: AsffOptions = {}): string {
  return JSON.stringify({ Findings: buildAsff(report, opts) }, null, 2) + "\n";
}
