/**
 * The HTML report's view model: the JSON report regrouped for reading (area → linked resource → rule, with
 * every source's verdict side by side), plus waivers by state, evidence and the optional sections other
 * commands add (trend, drift, live-collection counters). Plain data only: every string here is escaped by
 * Handlebars when the templates in reports/html/ print it.
 */
import type { SourceKind } from "../../model/resource.js";
import { AREAS, SEVERITIES, severityRank, VERDICTS, type Severity, type Verdict } from "../../rules/verdict.js";
import type { AuditReport, ReportResource, ReportResult, ReportWaiver, VerdictCounts } from "../model.js";
import { truncate } from "./escape.js";

export const SOURCE_LABELS: Record<SourceKind, string> = {
  hcl: "code",
  "tf-plan": "plan",
  "tf-state": "state",
  aws: "live",
  "aws-config": "Config",
};
const SOURCE_ORDER: readonly string[] = ["hcl", "tf-plan", "tf-state", "aws", "aws-config"];

/** Worst first: the order rows and groups are listed in, and which verdict a multi-source row shows. */
const STATUS_RANK: Record<Verdict, number> = { FAIL: 0, UNKNOWN: 1, PASS: 2, NOT_APPLICABLE: 3 };
export const STATUS_LABELS: Record<Verdict, string> = { FAIL: "FAIL", UNKNOWN: "UNKNOWN", PASS: "PASS", NOT_APPLICABLE: "N/A" };

/** Long evidence values (a policy document in a reason) must not flood the page. */
const MAX_TEXT = 2_000;

export type WaiverState = "active" | "expiring" | "expired";

export interface WaiverView {
  reason: string;
  owner?: string;
  ticket?: string;
  expires?: string;
  state: WaiverState;
  label: string;
  daysLeft?: number;
}

export interface CellView {
  source: string;
  label: string;
  status: Verdict;
  statusLabel: string;
  reason: string;
  /** file:line when this rule's finding points elsewhere than the column header (the line that sets the prop). */
  where?: string;
}

export interface RowView {
  ruleId: string;
  title: string;
  severity: Severity;
  area: string;
  status: Verdict;
  statusLabel: string;
  /** Every verdict the row holds, space-separated: the status filter shows a row if any of them is selected. */
  statuses: string;
  cells: CellView[];
  /** The reason, when every source gives the same one (then cells show only verdicts). */
  reason?: string;
  /** Single-source rows: file:line when it differs from the group header's. */
  where?: string;
  path?: string;
  remediation?: string;
  awsConfigRule?: string;
  fsbp: string;
  cis: string;
  waiver?: WaiverView;
  trend?: string;
  /** FAIL / UNKNOWN rows carry remediation and controls; PASS / N/A rows stay one line (large reports). */
  actionable: boolean;
}

export interface RecordView {
  source: string;
  label: string;
  where: string;
  address?: string;
  arn?: string;
  scope: string;
}

export interface GroupView {
  name: string;
  type: string;
  scope: string;
  records: RecordView[];
  multiSource: boolean;
  columns: number;
  status: Verdict;
  statusLabel: string;
  counts: VerdictCounts;
  rows: RowView[];
  open: boolean;
}

export interface AreaView {
  id: string;
  name: string;
  counts: VerdictCounts;
  rowCount: number;
  groups: GroupView[];
  open: boolean;
}

export interface WaiverGroupView extends WaiverView {
  covers: { ruleId: string; resource: string; status: string }[];
  more: number;
}

export interface KeyValue {
  key: string;
  value: string;
}

export interface EvidenceView {
  source: string;
  label: string;
  location: string;
  workspace?: string;
  resources: number;
  collectedAt?: string;
  scope: string;
  /** One line of totals, and a row per service. */
  api?: { total: string; services: { name: string; calls: number; retries: number; throttles: number; errors: number }[] };
  gaps: string[];
  notes: string[];
}

export interface TrendView {
  /** The baseline's date (UTC day), as people say it: "since 2026-11-24". */
  since?: string;
  baselineAt?: string;
  baselineFile?: string;
  new?: number;
  open?: number;
  fixed?: number;
  unknown?: number;
  fixedList: { ruleId: string; resource: string; severity: string; resolution: string }[];
  fixedMore: number;
}

export interface ViewOptions {
  expiringDays: number;
  now: Date;
}

const zero = (): VerdictCounts => ({ PASS: 0, FAIL: 0, NOT_APPLICABLE: 0, UNKNOWN: 0 });

/** Data other commands add to the report (trend, drift, live counters) is read defensively: render what is there. */
type Loose = Record<string, unknown>;
const isObj = (v: unknown): v is Loose => typeof v === "object" && v !== null && !Array.isArray(v);

export function text(v: unknown, max = MAX_TEXT): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return truncate(v, max);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return truncate(JSON.stringify(v) ?? "", max);
}

export function resourceName(r: ReportResource): string {
  return r.address ?? r.arn ?? `${r.type} ${r.id}`;
}

function where(r: ReportResource): string {
  if (r.file) return `${r.file}${r.line ? `:${r.line}` : ""}`;
  return r.arn ?? r.location ?? "";
}

function scope(r: ReportResource): string {
  return [r.account && `account ${r.account}`, r.region, r.workspace && `workspace ${r.workspace}`].filter(Boolean).join(" · ");
}

/**
 * Which records are one real resource. `link` (set when drift matched records across sources) wins;
 * otherwise Terraform records share workspace + address (code, plan and state of one resource), and
 * anything else stands alone.
 */
function groupKey(r: ReportResource): string {
  const link = (r as ReportResource & { link?: unknown }).link;
  if (link !== undefined && link !== null && link !== "") return `link\u0000${typeof link === "string" ? link : JSON.stringify(link)}`;
  if (r.address) return `tf\u0000${r.workspace ?? ""}\u0000${r.address}`;
  if (r.arn) return `arn\u0000${r.arn}`;
  return `id\u0000${r.source}\u0000${r.type}\u0000${r.account ?? ""}\u0000${r.region ?? ""}\u0000${r.id}\u0000${r.location ?? ""}`;
}

function recordKey(r: ReportResource): string {
  return `${r.source}\u0000${r.location ?? ""}\u0000${r.type}\u0000${r.id}\u0000${r.address ?? ""}`;
}

const utcDay = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
};

export function waiverView(w: ReportWaiver, opts: ViewOptions): WaiverView {
  // Whole calendar days (UTC) between today and the expiry date, as a person counts them.
  let daysLeft: number | undefined;
  const t = w.expires ? Date.parse(w.expires) : NaN;
  if (!Number.isNaN(t)) daysLeft = Math.round((utcDay(t) - utcDay(opts.now.getTime())) / 86_400_000);
  const state: WaiverState = w.expired ? "expired" : daysLeft !== undefined && daysLeft <= opts.expiringDays ? "expiring" : "active";
  const label =
    state === "expired"
      ? `waiver expired${w.expires ? ` ${w.expires}` : ""}`
      : state === "expiring"
        ? `waived, expires ${w.expires} (${Math.max(daysLeft ?? 0, 0)} d)`
        : `waived${w.expires ? ` until ${w.expires}` : ""}`;
  return {
    reason: text(w.reason),
    ...(w.owner !== undefined ? { owner: text(w.owner, 200) } : {}),
    ...(w.ticket !== undefined ? { ticket: text(w.ticket, 200) } : {}),
    ...(w.expires !== undefined ? { expires: text(w.expires, 40) } : {}),
    state,
    label,
    ...(daysLeft !== undefined ? { daysLeft } : {}),
  };
}

function trendOf(r: ReportResult): string | undefined {
  const t: unknown = r.trend;
  return typeof t === "string" ? text(t, 20) : undefined;
}

function areaOrder(a: string, b: string): number {
  const ia = (AREAS as readonly string[]).indexOf(a);
  const ib = (AREAS as readonly string[]).indexOf(b);
  return (ia < 0 ? AREAS.length : ia) - (ib < 0 ? AREAS.length : ib) || a.localeCompare(b);
}

function rowFor(results: ReportResult[], recordIndex: Map<string, number>, headerWhere: string[], opts: ViewOptions): RowView {
  const columns = headerWhere.length;
  results.sort((a, b) => (recordIndex.get(recordKey(a.resource)) ?? 0) - (recordIndex.get(recordKey(b.resource)) ?? 0));
  const first = results[0];
  let worst = first;
  let worstSev = first.severity;
  const statuses = new Set<Verdict>();
  for (const r of results) {
    statuses.add(r.status);
    if (STATUS_RANK[r.status] < STATUS_RANK[worst.status]) worst = r;
    if (severityRank(r.severity) > severityRank(worstSev)) worstSev = r.severity;
  }
  // One cell per source column, blank where that source did not judge this rule.
  const cells: CellView[] = [];
  if (columns > 1) {
    const byCol = new Map<number, ReportResult>();
    for (const r of results) byCol.set(recordIndex.get(recordKey(r.resource)) ?? 0, r);
    for (let i = 0; i < columns; i++) {
      const r = byCol.get(i);
      cells.push(
        r
          ? {
              source: r.resource.source,
              label: SOURCE_LABELS[r.resource.source] ?? r.resource.source,
              status: r.status,
              statusLabel: STATUS_LABELS[r.status],
              reason: text(r.reason),
              ...(where(r.resource) !== headerWhere[i] ? { where: text(where(r.resource), 500) } : {}),
            }
          : { source: "", label: "", status: "NOT_APPLICABLE", statusLabel: "", reason: "" },
      );
    }
  }
  const reasons = new Set(results.map((r) => r.reason));
  const sameReason = reasons.size === 1;
  if (sameReason) for (const c of cells) c.reason = "";
  const waiver = results.find((r) => r.waiver)?.waiver;
  const actionable = statuses.has("FAIL") || statuses.has("UNKNOWN");
  const trend = results.map(trendOf).find((t) => t !== undefined);
  return {
    ruleId: text(first.ruleId, 200),
    title: text(first.title, 300),
    severity: worstSev,
    area: first.area,
    status: worst.status,
    statusLabel: STATUS_LABELS[worst.status],
    statuses: VERDICTS.filter((v) => statuses.has(v)).join(" "),
    cells,
    ...(sameReason || columns === 1 ? { reason: text(worst.reason) } : {}),
    ...(columns === 1 && where(first.resource) !== headerWhere[0] ? { where: text(where(first.resource), 500) } : {}),
    ...(actionable && worst.path ? { path: text(worst.path, 300) } : {}),
    ...(actionable && first.remediation ? { remediation: text(first.remediation) } : {}),
    ...(actionable && first.controls.awsConfigRule ? { awsConfigRule: text(first.controls.awsConfigRule, 200) } : {}),
    fsbp: actionable ? text((first.controls.fsbp ?? []).join(", "), 500) : "",
    cis: actionable ? text((first.controls.cis ?? []).join(", "), 500) : "",
    ...(waiver ? { waiver: waiverView(waiver, opts) } : {}),
    ...(trend ? { trend } : {}),
    actionable,
  };
}

/** Area → linked resource → one row per rule, each row holding every source's verdict. */
export function buildAreas(report: AuditReport, opts: ViewOptions): AreaView[] {
  const byArea = new Map<string, Map<string, ReportResult[]>>();
  for (const r of report.results) {
    const area = r.area || "other";
    let groups = byArea.get(area);
    if (!groups) byArea.set(area, (groups = new Map()));
    const key = groupKey(r.resource);
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const areas: AreaView[] = [];
  for (const area of [...byArea.keys()].sort(areaOrder)) {
    const groups: GroupView[] = [];
    const areaCounts = zero();
    let rowCount = 0;
    for (const results of byArea.get(area)!.values()) {
      const records: ReportResource[] = [];
      const recordIndex = new Map<string, number>();
      for (const r of results) {
        const k = recordKey(r.resource);
        if (!recordIndex.has(k)) {
          recordIndex.set(k, records.length);
          records.push(r.resource);
        }
      }
      // Columns in source order: code, plan, state, live, Config.
      const order = records.map((rec, i) => ({ rec, i })).sort((a, b) => SOURCE_ORDER.indexOf(a.rec.source) - SOURCE_ORDER.indexOf(b.rec.source) || a.i - b.i);
      records.length = 0;
      recordIndex.clear();
      for (const { rec } of order) {
        recordIndex.set(recordKey(rec), records.length);
        records.push(rec);
      }
      const byRule = new Map<string, ReportResult[]>();
      const counts = zero();
      for (const r of results) {
        counts[r.status]++;
        areaCounts[r.status]++;
        const list = byRule.get(r.ruleId);
        if (list) list.push(r);
        else byRule.set(r.ruleId, [r]);
      }
      const columns = records.length;
      const headerWhere = records.map(where);
      const rows = [...byRule.values()].map((rs) => rowFor(rs, recordIndex, headerWhere, opts));
      rows.sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || severityRank(b.severity) - severityRank(a.severity) || a.ruleId.localeCompare(b.ruleId));
      rowCount += rows.length;
      const main = records.find((rec) => rec.address) ?? records.find((rec) => rec.arn) ?? records[0];
      const status = rows[0].status;
      groups.push({
        name: text(resourceName(main), 500),
        type: text(main.type, 200),
        scope: text(scope(main), 300),
        records: records.map((rec) => ({
          source: rec.source,
          label: SOURCE_LABELS[rec.source] ?? rec.source,
          where: text(where(rec), 500),
          ...(rec.address ? { address: text(rec.address, 500) } : {}),
          ...(rec.arn ? { arn: text(rec.arn, 500) } : {}),
          scope: text(scope(rec), 300),
        })),
        multiSource: columns > 1,
        columns,
        status,
        statusLabel: STATUS_LABELS[status],
        counts,
        rows,
        open: status === "FAIL" || status === "UNKNOWN",
      });
    }
    groups.sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || severityRank(b.rows[0].severity) - severityRank(a.rows[0].severity) || a.name.localeCompare(b.name));
    areas.push({
      id: `area-${area.replace(/[^a-z0-9-]/gi, "_")}`,
      name: text(area, 100),
      counts: areaCounts,
      rowCount,
      groups,
      open: areaCounts.FAIL + areaCounts.UNKNOWN > 0,
    });
  }
  return areas;
}

const MAX_COVERS = 20;

/** Waivers as the policy owner reads them: one entry per waiver, with the results it covers. */
export function buildWaivers(report: AuditReport, opts: ViewOptions): Record<WaiverState, WaiverGroupView[]> {
  const byWaiver = new Map<string, WaiverGroupView>();
  for (const r of report.results) {
    if (!r.waiver) continue;
    const w = r.waiver;
    const key = JSON.stringify([w.reason, w.owner, w.ticket, w.expires, w.expired]);
    let g = byWaiver.get(key);
    if (!g) byWaiver.set(key, (g = { ...waiverView(w, opts), covers: [], more: 0 }));
    if (g.covers.length < MAX_COVERS) g.covers.push({ ruleId: text(r.ruleId, 200), resource: text(resourceName(r.resource), 500), status: STATUS_LABELS[r.status] });
    else g.more++;
  }
  const out: Record<WaiverState, WaiverGroupView[]> = { active: [], expiring: [], expired: [] };
  for (const g of byWaiver.values()) out[g.state].push(g);
  out.expiring.sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0));
  return out;
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

function apiView(api: unknown): EvidenceView["api"] {
  if (!isObj(api)) return undefined;
  const parts = [`${num(api.calls)} calls`, `${num(api.retries)} retries`, `${num(api.throttles)} throttled`, `${num(api.errors)} errors`];
  if (typeof api.callsPerResource === "number") parts.push(`${api.callsPerResource} calls per resource`);
  const services = isObj(api.services)
    ? Object.entries(api.services).map(([name, c]) => {
        const o = isObj(c) ? c : {};
        return { name: text(name, 100), calls: num(o.calls), retries: num(o.retries), throttles: num(o.throttles), errors: num(o.errors) };
      })
    : [];
  return { total: parts.join(" · "), services: services.sort((a, b) => b.calls - a.calls || a.name.localeCompare(b.name)) };
}

/** "AWS::S3::Bucket in 111122223333 / eu-west-1: s3:ListAllMyBuckets was denied (s3:ListAllMyBuckets)". */
function gapLine(g: unknown): string {
  if (!isObj(g)) return text(g, 500);
  const where = [g.account, g.region ?? (g.account !== undefined ? "every region" : undefined)].filter((x) => x !== undefined).map((x) => text(x, 100)).join(" / ");
  return text(`${text(g.type, 200)}${where ? ` in ${where}` : ""}: ${text(g.reason, 500)}${g.action !== undefined ? ` (${text(g.action, 200)})` : ""}`, 1_000);
}

export function buildEvidence(report: AuditReport): EvidenceView[] {
  return report.evidence.map((e) => {
    const extra = e as unknown as Loose;
    const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => text(x, 100)).join(", ") : "");
    const accounts = list(extra.accounts);
    const regions = list(extra.regions);
    const api = apiView(extra.api);
    return {
      source: e.source,
      label: SOURCE_LABELS[e.source] ?? e.source,
      location: text(e.location, 500),
      ...(e.workspace ? { workspace: text(e.workspace, 200) } : {}),
      resources: e.resources,
      ...(extra.collectedAt !== undefined ? { collectedAt: text(extra.collectedAt, 60) } : {}),
      scope: [accounts && `accounts ${accounts}`, regions && `regions ${regions}`].filter(Boolean).join(" · "),
      ...(api ? { api } : {}),
      gaps: Array.isArray(extra.gaps) ? extra.gaps.map(gapLine) : [],
      notes: e.notes.map((n) => text(n)),
    };
  });
}

const count = (v: unknown): number | undefined => (typeof v === "number" ? v : Array.isArray(v) ? v.length : undefined);
const MAX_FIXED = 500;

/** report.trend (from --baseline, src/report/trend.ts): findings new, still open and fixed since a baseline. */
export function buildTrend(report: AuditReport): TrendView | undefined {
  const t: unknown = (report as unknown as Loose).trend;
  if (!isObj(t)) return undefined;
  const base = isObj(t.baseline) ? t.baseline : {};
  const at = typeof base.generatedAt === "string" ? base.generatedAt : undefined;
  const day = at && !Number.isNaN(Date.parse(at)) ? new Date(at).toISOString().slice(0, 10) : at;
  const fixed = arr(t.fixedResults);
  const out: TrendView = {
    ...(day !== undefined ? { since: text(day, 60), baselineAt: text(at, 60) } : {}),
    ...(base.file !== undefined ? { baselineFile: text(base.file, 500) } : {}),
    fixedList: fixed.slice(0, MAX_FIXED).map((f) => {
      const o = isObj(f) ? f : {};
      const res = isObj(o.resource) ? resourceName(o.resource as unknown as ReportResource) : o.resource;
      return { ruleId: text(o.ruleId, 200), resource: text(res ?? "", 500), severity: text(o.severity, 20), resolution: text(o.resolution, 40) };
    }),
    fixedMore: Math.max(fixed.length - MAX_FIXED, 0),
  };
  for (const k of ["new", "open", "fixed", "unknown"] as const) {
    const n = count(t[k]);
    if (n !== undefined) out[k] = n;
  }
  return out;
}

const MAX_DRIFT_ROWS = 2_000;

export interface DriftItemView {
  kind: string;
  security: boolean;
  tagOnly: boolean;
  name: string;
  type: string;
  scope: string;
  changes: string[];
  rules: string;
  notCompared: string[];
  attribution: string[];
}

export interface DriftView {
  decision?: { decision: string; exitCode: string; reasons: string[] };
  counts: KeyValue[];
  items: DriftItemView[];
  more: number;
  notCompared: { type: string; scope: string; reason: string; resources: string }[];
  partlyCompared: { name: string; notCompared: string[] }[];
  attribution: string;
  notes: string[];
}

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strs = (v: unknown, max = 500): string[] => arr(v).map((x) => text(x, max));

function attributionLines(a: unknown): string[] {
  if (!isObj(a)) return [];
  if (a.status === "found") {
    return arr(a.events).map((e) => {
      const o = isObj(e) ? e : {};
      return text(`${text(o.eventName, 100)}${o.who !== undefined ? ` by ${text(o.who, 300)}` : ""}${o.identityType !== undefined ? ` (${text(o.identityType, 50)})` : ""} at ${text(o.eventTime, 60)}${o.sourceIPAddress !== undefined ? ` from ${text(o.sourceIPAddress, 100)}` : ""}`, 800);
    });
  }
  return [text(`${a.status === "none" ? "no write event found" : "attribution unavailable"}: ${text(a.reason, 500)}`, 800)];
}

/** report.drift (from `plumbline drift`, src/drift/types.ts): Terraform's records against live AWS. Read defensively. */
export function buildDrift(report: AuditReport): DriftView | undefined {
  const d = (report as unknown as Loose).drift;
  if (!isObj(d)) return undefined;
  const items = arr(d.items);
  const dec = isObj(d.decision) ? d.decision : undefined;
  const counts = isObj(d.counts) ? d.counts : {};
  const labels: [string, string][] = [
    ["changed", "changed"],
    ["security", "security-relevant"],
    ["missing", "missing in AWS"],
    ["unmanaged", "not in Terraform"],
    ["tagOnly", "tags only"],
    ["notCompared", "not compared (type × scope)"],
    ["unknownLive", "attributes unreadable live"],
  ];
  const att = isObj(d.attribution) ? d.attribution : undefined;
  return {
    ...(dec ? { decision: { decision: text(dec.decision, 40), exitCode: text(dec.exitCode, 10), reasons: strs(dec.reasons) } } : {}),
    counts: labels.filter(([k]) => counts[k] !== undefined).map(([k, label]) => ({ key: label, value: text(counts[k], 20) })),
    items: items.slice(0, MAX_DRIFT_ROWS).map((it) => {
      const o = isObj(it) ? it : {};
      const name = o.address ?? o.arn ?? `${text(o.type, 200)} ${text(o.id, 300)}`;
      const rules = [...strs(o.rules, 200), ...strs(o.failingRules, 200)];
      return {
        kind: text(o.kind, 40),
        security: o.security === true,
        tagOnly: o.tagOnly === true,
        name: text(name, 500),
        type: text(o.type, 200),
        scope: [o.account && `account ${text(o.account, 40)}`, o.region && text(o.region, 40), o.workspace && `workspace ${text(o.workspace, 100)}`].filter(Boolean).join(" · "),
        changes: arr(o.changes).map((c) => (isObj(c) ? text(c.text ?? `${text(c.path, 300)} differs`, 800) : text(c, 800))),
        rules: rules.join(", "),
        notCompared: arr(o.notCompared).map((n) => (isObj(n) ? text(`${text(n.path, 300)}: ${text(n.reason, 500)}`, 800) : text(n, 800))),
        attribution: attributionLines(o.attribution),
      };
    }),
    more: Math.max(items.length - MAX_DRIFT_ROWS, 0),
    notCompared: arr(d.notCompared).map((n) => {
      const o = isObj(n) ? n : {};
      return { type: text(o.type, 200), scope: [o.account, o.region].filter((x) => x !== undefined).map((x) => text(x, 60)).join(" / "), reason: text(o.reason), resources: text(o.resources, 20) };
    }),
    partlyCompared: arr(d.partlyCompared).map((p) => {
      const o = isObj(p) ? p : {};
      return { name: text(o.address ?? `${text(o.type, 200)} ${text(o.id, 300)}`, 500), notCompared: arr(o.notCompared).map((n) => (isObj(n) ? text(`${text(n.path, 300)}: ${text(n.reason, 500)}`, 800) : text(n))) };
    }),
    attribution: att ? `${text(att.lookups, 20)} CloudTrail lookup(s)${att.capped === true ? ", capped: some items were not attributed" : ""}` : "",
    notes: [...strs(d.notes), ...(att ? strs(att.notes) : [])],
  };
}

export interface ChartBar {
  label: string;
  y: number;
  total: number;
  segments: { x: number; width: number; status: Verdict; count: number; label: string }[];
}

export interface ChartView {
  width: number;
  height: number;
  labelWidth: number;
  bars: ChartBar[];
}

/** Horizontal stacked bars (FAIL, UNKNOWN, PASS, N/A), scaled to the longest, as plain numbers for inline SVG. */
export function stackedBars(items: { label: string; counts: VerdictCounts }[], opts: { labelWidth?: number; barWidth?: number } = {}): ChartView {
  const labelWidth = opts.labelWidth ?? 110;
  const barWidth = opts.barWidth ?? 240;
  const rowH = 22;
  const max = Math.max(1, ...items.map((i) => VERDICTS.reduce((s, v) => s + i.counts[v], 0)));
  const bars = items.map((item, n) => {
    let x = labelWidth;
    const segments = [];
    let total = 0;
    for (const v of ["FAIL", "UNKNOWN", "PASS", "NOT_APPLICABLE"] as const) {
      const c = item.counts[v];
      total += c;
      if (!c) continue;
      const width = Math.max((c / max) * barWidth, 1.5);
      segments.push({ x: round(x), width: round(width), status: v, count: c, label: STATUS_LABELS[v] });
      x += width;
    }
    return { label: text(item.label, 40), y: n * rowH + 4, total, segments };
  });
  return { width: labelWidth + barWidth + 60, height: items.length * rowH + 8, labelWidth, bars };
}

const round = (n: number) => Math.round(n * 10) / 10;

export function severityChart(report: AuditReport): ChartView {
  return stackedBars(SEVERITIES.map((s) => ({ label: s, counts: report.summary.bySeverity[s] })));
}

export function areaChart(areas: AreaView[]): ChartView {
  return stackedBars(areas.map((a) => ({ label: a.name, counts: a.counts })));
}

export function severityRows(report: AuditReport) {
  return SEVERITIES.map((s) => ({ name: s, ...report.summary.bySeverity[s] }));
}
