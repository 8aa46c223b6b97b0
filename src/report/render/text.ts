/** The readable summary printed on a terminal when no --format is given. */
import { severityRank } from "../../rules/verdict.js";
import type { AuditReport } from "../model.js";
import { truncate } from "./escape.js";
import { trendHeadline } from "../trend.js";

/** Terminal control characters from evidence must not reach the terminal. */
function clean(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
}

export function renderText(report: AuditReport, opts: { color?: boolean; max?: number } = {}): string {
  const c = (code: string, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const s = report.summary;
  const lines: string[] = [];
  if (report.gate) {
    const d = report.gate.decision;
    lines.push(d === "go" ? c("32;1", "GO") : d === "no-go" ? c("31;1", "NO-GO") : c("33;1", "INCOMPLETE EVIDENCE"));
    for (const r of report.gate.reasons) lines.push(`  ${clean(r)}`);
  }
  if (report.trend) lines.push(trendHeadline(report.trend));
  lines.push(
    `policy ${clean(report.policy.name)}: ${c("31", `${s.FAIL} FAIL`)}${s.waived ? ` (${s.waived} waived)` : ""}, ${c("33", `${s.UNKNOWN} UNKNOWN`)}, ${c("32", `${s.PASS} PASS`)}, ${s.NOT_APPLICABLE} N/A`,
  );
  for (const e of report.evidence) lines.push(`  ${e.source} ${clean(e.location)}: ${e.resources} resources${e.notes.length ? `, ${e.notes.length} note(s)` : ""}`);
  const findings = report.results
    .filter((r) => r.status === "FAIL" || r.status === "UNKNOWN")
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.status.localeCompare(b.status));
  const max = opts.max ?? 50;
  for (const r of findings.slice(0, max)) {
    const who = r.resource.address ?? r.resource.arn ?? `${r.resource.type} ${r.resource.id}${r.resource.region ? ` ${r.resource.region}` : ""}`;
    const at = r.resource.file ? ` (${r.resource.file}${r.resource.line ? `:${r.resource.line}` : ""})` : "";
    const tag = r.status === "FAIL" ? c("31", "FAIL") : c("33", "UNKNOWN");
    const waived = (r.waiver && !r.waiver.expired ? " [waived]" : "") + (r.trend === "new" ? " [new]" : "");
    lines.push(`${tag} ${r.severity.padEnd(8)} ${r.ruleId}${waived}  ${clean(truncate(who, 120))}${clean(at)}`);
    lines.push(`      ${clean(truncate(r.reason, 200))}`);
  }
  if (findings.length > max) lines.push(`… and ${findings.length - max} more; use --format json or md for all of them`);
  return lines.join("\n") + "\n";
}
