/**
 * The report flags of `audit` and `gate` that work on a finished report: --baseline (trend), and for the
 * gate --readiness (the launch artifact); --to-security-hub (ASFF to Security Hub) on both.
 */
import type { Command } from "commander";
import { InputError } from "../errors.js";
import type { AuditReport } from "../report/model.js";
import { applyTrend, loadBaseline } from "../report/trend.js";
import { buildAsff, type AsffOptions } from "../report/render/asff.js";
import { callerAccount, sendFindings } from "../publish/security-hub.js";
import type { CliIO } from "./main.js";
import { DEFAULT_POLICY, loadRuleSet } from "../audit.js";
import { loadPolicy } from "../policy/loader.js";
import { selectRules } from "../policy/select.js";
import { DEFAULT_READINESS_FILE, loadReadinessControls } from "../report/readiness-controls.js";
import { writeReadinessArtifact } from "../report/readiness-artifact.js";

export interface ReportFlags {
  baseline?: string;
  toSecurityHub?: boolean;
  securityHubAccount?: string;
  securityHubRegion?: string;
  /** Set by afterAudit with --to-security-hub: the caller's account (STS), for Terraform-only findings. */
  callerAccount?: string;
}

export interface ReadinessFlags {
  readiness?: boolean;
  readinessFile?: string;
}

export function addReportOptions(cmd: Command): Command {
  return cmd
    .option("--baseline <report.json>", "an earlier JSON report: mark each finding new, still open or fixed since then (by fingerprint)")
    .option("--to-security-hub", "send the findings to AWS Security Hub (BatchImportFindings, ASFF) with the standard credential chain")
    .option("--security-hub-account <id>", "ASFF (--to-security-hub, --format asff): account for Terraform-only findings (default: the caller's, from STS)")
    .option("--security-hub-region <region>", "ASFF: region for Terraform-only findings (default: AWS_REGION)");
}

export function addReadinessOptions(cmd: Command): Command {
  return cmd
    .option("--readiness", "with --out DIR: write the launch readiness artifact (readiness.json, readiness.html, report.json, SHA256SUMS)")
    .option("--readiness-file <file>", "with --readiness: the readiness controls (default: the built-in policies/readiness/phase2-launch.yaml)");
}

/** Checks flags that need each other before any evidence is read (bad input is exit 2, early). */
export function checkReportFlags(flags: ReportFlags & ReadinessFlags & { out?: string }): void {
  if (flags.readiness && !flags.out) throw new InputError("--readiness needs --out DIR (the artifact is a directory)");
  if (flags.readinessFile && !flags.readiness) throw new InputError("--readiness-file needs --readiness");
  if (flags.toSecurityHub) securityHubRegion(flags);
  if (flags.securityHubAccount && !/^\d{12}$/.test(flags.securityHubAccount)) {
    throw new InputError(`--security-hub-account: '${flags.securityHubAccount}' is not a 12-digit account id`);
  }
}

/** Read the baseline first, so a bad one fails before a long live collection. */
export async function readBaseline(flags: ReportFlags): Promise<AuditReport | undefined> {
  return flags.baseline ? loadBaseline(flags.baseline) : undefined;
}

/** After the audit (and the gate's decision), before the report is written: trend; the caller's account for ASFF. */
export async function afterAudit(report: AuditReport, baseline: AuditReport | undefined, flags: ReportFlags, io: CliIO): Promise<void> {
  void io;
  if (baseline && flags.baseline) applyTrend(report, baseline, flags.baseline);
  if (flags.toSecurityHub) {
    const region = securityHubRegion(flags);
    flags.callerAccount = flags.securityHubAccount ?? (await callerAccount(region));
  }
}

function securityHubRegion(flags: ReportFlags): string {
  const region = flags.securityHubRegion ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) throw new InputError("--to-security-hub: no region for findings without one: set AWS_REGION or --security-hub-region");
  return region;
}

/** Account and region the ASFF findings of Terraform-only resources are filed under. */
export function asffOptions(flags: ReportFlags): AsffOptions {
  return {
    account: flags.securityHubAccount ?? flags.callerAccount,
    region: flags.securityHubRegion ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION,
  };
}

/** After the report is written: --to-security-hub. Findings Security Hub refuses fail the run (named, first few). */
export async function publish(report: AuditReport, flags: ReportFlags, io: CliIO & { quiet?: boolean }, quiet = false): Promise<void> {
  if (!flags.toSecurityHub) return;
  const findings = buildAsff(report, asffOptions(flags));
  const res = await sendFindings(findings);
  if (!quiet) io.stderr(`security hub: imported ${res.imported} of ${res.sent} finding(s) in ${res.batches} batch(es)\n`);
  if (res.failed.length) {
    const first = res.failed.slice(0, 3).map((f) => `${f.id} (${f.region}): ${f.code} ${f.message}`).join("; ");
    throw new Error(`Security Hub refused ${res.failed.length} of ${res.sent} finding(s): ${first}${res.failed.length > 3 ? "; ..." : ""}`);
  }
}

/** With --readiness: write the artifact under --out and return its exit code; undefined without --readiness. */
export async function writeReadiness(
  report: AuditReport,
  flags: ReadinessFlags & { out?: string; policy?: string; rules?: string[]; varFile?: string[]; quiet?: boolean },
  io: CliIO,
): Promise<0 | 1 | 3 | undefined> {
  if (!flags.readiness || !flags.out) return undefined;
  const [rules, policy] = await Promise.all([loadRuleSet(flags.rules ?? []), loadPolicy(flags.policy ?? DEFAULT_POLICY)]);
  const enabled = new Set(selectRules(policy, rules).map((r) => r.id));
  const file = flags.readinessFile ?? DEFAULT_READINESS_FILE;
  const { definition, text } = await loadReadinessControls(file, new Set(rules.map((r) => r.id)));
  const written = await writeReadinessArtifact(flags.out, { report, definition, definitionText: text, enabledRules: enabled, varFiles: flags.varFile ?? [] });
  const a = written.artifact;
  if (!flags.quiet) {
    const counts = Object.entries(a.counts).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(", ");
    io.stdout(`readiness ${a.readiness.name}: ${a.decision.toUpperCase()} (exit ${a.exitCode}); controls: ${counts}\n`);
    io.stdout(`wrote ${written.files.join(", ")}${written.fallbackHtml ? " (readiness.html: minimal page, the HTML report's readiness view is not available)" : ""}\n`);
    io.stdout(`artifact digest sha256:${written.artifactDigest} (record it; check later with: plumbline verify-readiness ${flags.out} --expect ${written.artifactDigest})\n`);
  }
  return a.exitCode;
}
