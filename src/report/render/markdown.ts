/**
 * Markdown for PR comments and job summaries, rendered from reports/markdown.hbs. GitHub caps a comment at
 * 65,536 characters, so the findings table is cut to what fits and the long tail is summarized by rule.
 */
import Handlebars from "handlebars";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TEMPLATES_DIR } from "../../paths.js";
import { severityRank, SEVERITIES } from "../../rules/verdict.js";
import type { AuditReport, ReportResult } from "../model.js";
import { escapeMarkdown, truncate } from "./escape.js";
import { driftView, linkedView } from "./drift-view.js";
import { trendHeadline } from "../trend.js";

export const GITHUB_COMMENT_LIMIT = 65_536;
/** Room kept for the summary, the tail and the footer. */
const TABLE_BUDGET = GITHUB_COMMENT_LIMIT - 12_000;

const STATUS_ORDER = { FAIL: 0, UNKNOWN: 1, PASS: 2, NOT_APPLICABLE: 3 } as const;
/** With --baseline, new findings come before ones already open. */
const TREND_ORDER = { new: 0, open: 1 } as const;
/** Lists other than the findings table are cut at this many lines (each line is bounded by `md`). */
const LIST_MAX = 100;

let template: Handlebars.TemplateDelegate | undefined;

function compile(): Handlebars.TemplateDelegate {
  if (template) return template;
  const hb = Handlebars.create();
  hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  hb.registerHelper("md", (v: unknown) => escapeMarkdown(truncate(String(v ?? ""), 300)));
  // Markdown escaping is done per value by `md`; HTML escaping would garble backslashes in the table.
  template = hb.compile(readFileSync(join(TEMPLATES_DIR, "markdown.hbs"), "utf8"), { noEscape: true, strict: false });
  return template;
}

function where(r: ReportResult): string {
  const res = r.resource;
  const at = res.file ? `${res.file}${res.line ? `:${res.line}` : ""}` : (res.arn ?? res.location ?? "");
  return at;
}

function findingRow(r: ReportResult) {
  return {
    status: r.status,
    waived: r.waiver && !r.waiver.expired ? " (waived)" : r.waiver?.expired ? " (waiver expired)" : "",
    severity: r.severity,
    ruleId: r.ruleId,
    resource: r.resource.address ?? r.resource.arn ?? `${r.resource.type} ${r.resource.id}${r.resource.region ? ` ${r.resource.region}` : ""}`,
    where: where(r),
    source: r.resource.source,
    reason: r.reason,
    trend: r.trend,
  };
}

export function renderMarkdown(report: AuditReport): string {
  const findings = report.results
    .filter((r) => r.status === "FAIL" || r.status === "UNKNOWN")
    .sort(
      (a, b) =>
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
        (a.trend ? TREND_ORDER[a.trend] : 2) - (b.trend ? TREND_ORDER[b.trend] : 2) ||
        severityRank(b.severity) - severityRank(a.severity) ||
        a.ruleId.localeCompare(b.ruleId),
    );
  const shown: ReturnType<typeof findingRow>[] = [];
  let size = 0;
  let cut = 0;
  for (const r of findings) {
    const row = findingRow(r);
    const approx = JSON.stringify(row).length + 40;
    if (size + approx > TABLE_BUDGET) break;
    size += approx;
    shown.push(row);
    cut++;
  }
  const tail = new Map<string, { ruleId: string; severity: string; status: string; count: number }>();
  for (const r of findings.slice(cut)) {
    const key = `${r.ruleId}\u0000${r.status}`;
    const t = tail.get(key) ?? { ruleId: r.ruleId, severity: r.severity, status: r.status, count: 0 };
    t.count++;
    tail.set(key, t);
  }
  const s = report.summary;
  const waived = report.results.filter((r) => r.waiver);
  const t = report.trend;
  const out = compile()({
    report,
    gate: report.gate,
    counts: s,
    severities: SEVERITIES.map((sev) => ({ name: sev, ...s.bySeverity[sev] })),
    evidence: report.evidence,
    findings: shown,
    tail: [...tail.values()].sort((a, b) => b.count - a.count),
    tailCount: findings.length - cut,
    trend: t && {
      headline: trendHeadline(t),
      since: t.baseline.generatedAt.slice(0, 10),
      fixed: t.fixed,
      fixedShown: t.fixedResults.slice(0, LIST_MAX).map((f) => ({ ...findingRow(f), resolution: f.resolution })),
      fixedMore: Math.max(0, t.fixedResults.length - LIST_MAX),
    },
    waivers: waived.slice(0, LIST_MAX).map(findingRow),
    waiversMore: Math.max(0, waived.length - LIST_MAX),
    expired: report.waivers.expired,
    unused: report.waivers.unused,
    drift: driftView(report),
    linked: linkedView(report),
  });
  // The tail summary is bounded by the number of rules, but a pathological policy could still overflow.
  return out.length <= GITHUB_COMMENT_LIMIT ? out : `${out.slice(0, GITHUB_COMMENT_LIMIT - 80)}\n\n_…report truncated to fit a GitHub comment._\n`;
}
