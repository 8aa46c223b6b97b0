import { SEVERITIES, VERDICTS, type Severity, type Verdict } from "../rules/verdict.js";
import type { ReportResult, ReportSummary, VerdictCounts } from "./model.js";

function zeroCounts(): VerdictCounts {
  return Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
}

export function summarize(results: readonly ReportResult[]): ReportSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, zeroCounts()])) as Record<Severity, VerdictCounts>;
  const summary: ReportSummary = { ...zeroCounts(), waived: 0, bySeverity };
  // An index loop: this runs once over every result, too briefly for the optimizer to remove for-of's
  // per-step allocations.
  for (let i = 0; i < results.length; i++) {
    const r = results[i];
    summary[r.status]++;
    bySeverity[r.severity][r.status]++;
    if (r.status === "FAIL" && r.waiver && !r.waiver.expired) summary.waived++;
  }
  return summary;
}
