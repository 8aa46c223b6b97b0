/**
 * The release gate's decision, as a library function so that CI wrappers and the CLI decide alike.
 * Exit codes are a contract: 0 go; 1 no-go; 3 evidence incomplete (2, bad input, is the CLI's).
 */
import { severityRank, type Severity } from "./rules/verdict.js";
import type { AuditReport, GateDecision } from "./report/model.js";

export interface GateOptions {
  failOn: Severity;
  allowUnknown: boolean;
}

export function decideGate(report: Pick<AuditReport, "results" | "waivers">, opts: GateOptions): GateDecision {
  const threshold = severityRank(opts.failOn);
  const atOrAbove = (s: Severity) => severityRank(s) >= threshold;
  const reasons: string[] = [];

  const failing = report.results.filter((r) => r.status === "FAIL" && atOrAbove(r.severity) && !(r.waiver && !r.waiver.expired));
  const expiredWaivers = report.waivers.expired;
  const unknown = report.results.filter((r) => r.status === "UNKNOWN" && atOrAbove(r.severity));

  if (failing.length > 0) reasons.push(`${failing.length} failing result(s) at or above ${opts.failOn} without an active waiver`);
  for (const w of expiredWaivers) reasons.push(`waiver for ${w.rule} on ${w.resource} expired${w.expires ? ` on ${w.expires}` : ""}`);
  if (failing.length > 0 || expiredWaivers.length > 0) {
    return { decision: "no-go", exitCode: 1, failOn: opts.failOn, allowUnknown: opts.allowUnknown, reasons };
  }
  if (unknown.length > 0 && !opts.allowUnknown) {
    reasons.push(`${unknown.length} result(s) at or above ${opts.failOn} could not be decided (UNKNOWN): evidence is incomplete`);
    return { decision: "incomplete", exitCode: 3, failOn: opts.failOn, allowUnknown: opts.allowUnknown, reasons };
  }
  if (unknown.length > 0) reasons.push(`${unknown.length} UNKNOWN result(s) allowed by --allow-unknown`);
  return { decision: "go", exitCode: 0, failOn: opts.failOn, allowUnknown: opts.allowUnknown, reasons };
}
