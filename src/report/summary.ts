import { SEVERITIES, VERDICTS, type Severity, type Verdict } from "../rules/verdict.js";
import type { ReportResult, ReportSummary, VerdictCounts } from "./model.js";

function zeroCounts(): VerdictCounts {
  return Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
}

export function summarize(results: readonly ReportResult[]): ReportSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, zeroCounts()])) as Record<Severity, VerdictCounts>;
  const summary: ReportSummary = { ...zeroCounts(), waived: 0, bySeverity };
  for (const r of results) {
    summary[r.status]++;
    bySeverity[r.severity][r.status]++;
    if (r.status === "FAIL" && r.waiver && !r.waiver.expired) summary.waived++;
  }
  return summary;
}
