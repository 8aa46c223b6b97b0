/**
 * The JSON report: the contract other tools and the nightly job build on. Documented by
 * schemas/report.schema.json; `schemaVersion` changes only when this shape breaks.
 */
import type { SourceKind } from "../model/resource.js";
import type { Severity, Verdict } from "../rules/verdict.js";

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
}

export interface ReportEvidence {
  source: SourceKind;
  location: string;
  workspace?: string;
  resources: number;
  notes: string[];
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
}
