/**
 * The JSON report: the contract other tools and the nightly job build on. Documented by
 * schemas/report.schema.json; `schemaVersion` changes only when this shape breaks.
 */
import type { SourceKind } from "../model/resource.js";
import type { Severity, Verdict } from "../rules/verdict.js";
import type { DriftSection } from "../drift/types.js";

export const REPORT_SCHEMA_VERSION = 1;

export interface ReportResource {
  type: string;
  id: string;
  arn?: string;
  /** Terraform address (module path and index included) whenever the source is Terraform. */
  address?: string;
  file?: string;
  line?: number;
  source: SourceKind;
  account?: string;
  region?: string;
  workspace?: string;
  /** The evidence it was read from (directory, plan or state file, s3:// URL). */
  location?: string;
  /**
   * The same value on every source's record of one real resource (its ARN, else type|account|region|id,
   * else tf:type:location:address), set when an audit has Terraform and live (or AWS Config) evidence.
   */
  link?: string;
}

export interface ReportWaiver {
  reason: string;
  owner?: string;
  ticket?: string;
  expires?: string;
  /** An expired waiver does not waive: the result keeps its status and the gate fails on it. */
  expired: boolean;
}

export interface ReportResult {
  ruleId: string;
  title: string;
  severity: Severity;
  area: string;
  status: Verdict;
  reason: string;
  /** The prop path the verdict turned on, when there is one. */
  path?: string;
  resource: ReportResource;
  controls: { awsConfigRule?: string; fsbp?: string[]; cis?: string[] };
  remediation?: string;
  /** Stable across runs and machines: rule id + resource identity, never line numbers. */
  fingerprint: string;
  waiver?: ReportWaiver;
  /** With --baseline, on FAIL results: "new" (not failing in the baseline) or "open" (failing there too). */
  trend?: "new" | "open";
}

export interface ReportEvidence {
  source: SourceKind;
  location: string;
  workspace?: string;
  resources: number;
  notes: string[];
  /** Live AWS / AWS Config evidence: when the collection finished (ISO time). */
  collectedAt?: string;
  /** Live AWS / AWS Config evidence: the accounts and regions it covers. */
  accounts?: string[];
  regions?: string[];
  /** Live AWS evidence: API calls made, retried, throttled and failed, in all and per service. */
  api?: ReportApiStats;
  /** Live AWS / AWS Config evidence: resource types that could not be listed; rules over them are UNKNOWN. */
  gaps?: ReportGap[];
}

export interface ReportApiCounts {
  calls: number;
  retries: number;
  throttles: number;
  errors: number;
}

export interface ReportApiStats extends ReportApiCounts {
  /** calls / resources collected, two decimals. */
  callsPerResource: number;
  /** By service ("s3", "iam", "logs"...). */
  services: Record<string, ReportApiCounts>;
}

export interface ReportGap {
  type: string;
  account?: string;
  /** Absent: every region of the account (a global listing failed). */
  region?: string;
  reason: string;
  /** The IAM action that was denied or failed. */
  action?: string;
}

export type VerdictCounts = Record<Verdict, number>;

export interface ReportSummary extends VerdictCounts {
  /** FAIL results covered by an active waiver (they still count under FAIL). */
  waived: number;
  bySeverity: Record<Severity, VerdictCounts>;
}

export interface GateDecision {
  decision: "go" | "no-go" | "incomplete";
  exitCode: 0 | 1 | 3;
  failOn: Severity;
  allowUnknown: boolean;
  reasons: string[];
}

export interface AuditReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: "plumbline"; version: string };
  generatedAt: string;
  policy: { name: string; file?: string };
  evidence: ReportEvidence[];
  summary: ReportSummary;
  results: ReportResult[];
  waivers: { unused: { rule: string; resource: string; owner?: string; expires?: string }[]; expired: { rule: string; resource: string; owner?: string; expires?: string }[] };
  gate?: GateDecision;
  /** `plumbline drift`: Terraform's records against live AWS (src/drift/types.ts). */
  drift?: DriftSection;
  /** With --baseline: findings (FAIL results) new, still open and fixed since an earlier report (src/report/trend.ts). */
  trend?: ReportTrend;
}

/** A FAIL result of the baseline that no longer fails, and why. */
export interface FixedResult extends ReportResult {
  /** "passes" / "not-applicable" now, or "gone": the rule or the resource is no longer in the audit. */
  resolution: "passes" | "not-applicable" | "gone";
}

export interface ReportTrend {
  baseline: { generatedAt: string; file: string };
  /** FAIL now, not FAIL in the baseline (by fingerprint). */
  new: number;
  /** FAIL now and in the baseline. */
  open: number;
  /** FAIL in the baseline; PASS, NOT_APPLICABLE or absent now. */
  fixed: number;
  /** FAIL in the baseline, UNKNOWN now: evidence is missing, so neither open nor fixed. */
  unknown: number;
  /** The baseline's results that are fixed, as the baseline recorded them (with their resolution). */
  fixedResults: FixedResult[];
}
