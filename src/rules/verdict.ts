export type Verdict = "PASS" | "FAIL" | "NOT_APPLICABLE" | "UNKNOWN";

export const VERDICTS: readonly Verdict[] = ["PASS", "FAIL", "NOT_APPLICABLE", "UNKNOWN"];

export type Severity = "critical" | "high" | "medium" | "low" | "info";

/** Most severe first. */
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

/** The policy areas of the mission; reports group by these. */
export type Area = "encryption" | "iam" | "waf" | "backups" | "tagging" | "baseline" | "network" | "logging" | "containers" | "secrets" | "state";

export const AREAS: readonly Area[] = ["encryption", "iam", "waf", "backups", "tagging", "baseline", "network", "logging", "containers", "secrets", "state"];
