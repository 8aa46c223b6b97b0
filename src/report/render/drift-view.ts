/**
 * View models for the Markdown report's drift section and its side-by-side view of linked resources.
 * Plain data; reports/markdown.hbs escapes every value with `md`. Lists are cut so a large estate still
 * fits a GitHub comment.
 */
import type { DriftItem } from "../../drift/types.js";
import type { SourceKind } from "../../model/resource.js";
import type { AuditReport } from "../model.js";

const MAX_ROWS = 100;

function label(i: DriftItem): string {
  return i.address ?? i.arn ?? `${i.type} ${i.id}`;
}

function lastWrite(i: DriftItem): string {
  const a = i.attribution;
  if (!a) return "";
  if (a.status === "found") {
    const e = a.events[0];
    return `${e.eventName} by ${e.who ?? "unknown"}${e.sourceIPAddress ? ` from ${e.sourceIPAddress}` : ""} at ${e.eventTime}`;
  }
  return a.status === "none" ? "no write events found" : `attribution unavailable: ${a.reason}`;
}

export function driftView(report: AuditReport) {
  const d = report.drift;
  if (!d) return undefined;
  const c = d.counts;
  return {
    headline: `${c.total} drift item(s): ${c.security} security, ${c.changed - c.security} other change(s) (${c.tagOnly} tag-only), ${c.missing} missing, ${c.unmanaged} unmanaged`,
    decision: d.decision ? `${d.decision.decision} (exit ${d.decision.exitCode}, fail on ${d.decision.failOn})` : undefined,
    items: d.items.slice(0, MAX_ROWS).map((i) => ({
      flag: i.security ? "🔒 security" : i.tagOnly ? "tags" : i.kind,
      kind: i.kind,
      resource: label(i),
      changes: (i.changes ?? []).slice(0, 10).map((ch) => ch.text),
      rules: [...(i.rules ?? []), ...(i.failingRules ?? []).map((r) => `fails ${r}`)].join(", "),
      who: lastWrite(i),
    })),
    more: Math.max(0, d.items.length - MAX_ROWS),
    notCompared: d.notCompared.slice(0, MAX_ROWS).map((n) => ({ ...n, where: [n.account, n.region].filter(Boolean).join(" ") })),
    partly: d.partlyCompared.length,
    notes: [...d.notes, ...d.attribution.notes],
  };
}

const COLUMNS: readonly SourceKind[] = ["hcl", "tf-plan", "tf-state", "aws", "aws-config"];

/**
 * Per linked resource and rule, the verdict from each source, for the rules where sources disagree
 * (code / plan / state / live / config). Undefined when the report has no links.
 */
export function linkedView(report: AuditReport) {
  const groups = new Map<string, { resource: string; ruleId: string; by: Partial<Record<SourceKind, string>> }>();
  for (const r of report.results) {
    const link = r.resource.link;
    if (!link) continue;
    const key = `${link}\u0000${r.ruleId}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { resource: r.resource.address ?? r.resource.arn ?? r.resource.id, ruleId: r.ruleId, by: {} }));
    // A Terraform address names the resource better than an ARN.
    if (r.resource.address && !g.resource.includes(".")) g.resource = r.resource.address;
    g.by[r.resource.source] ??= r.status;
  }
  if (groups.size === 0) return undefined;
  const rows = [...groups.values()]
    .filter((g) => new Set(Object.values(g.by)).size > 1)
    .sort((a, b) => a.resource.localeCompare(b.resource) || a.ruleId.localeCompare(b.ruleId))
    .map((g) => ({ resource: g.resource, ruleId: g.ruleId, cells: COLUMNS.map((s) => g.by[s] ?? "–") }));
  return { rows: rows.slice(0, MAX_ROWS), more: Math.max(0, rows.length - MAX_ROWS), total: rows.length };
}
