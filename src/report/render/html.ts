/**
 * The HTML report: one self-contained file for people (summary first, then results by area and resource,
 * drift, waivers, evidence), rendered from reports/html/*.hbs. CSS and the filter script are inlined and
 * allowed by SHA-256 hash in a Content-Security-Policy that forbids everything else (no network, no other
 * script). Every value from evidence goes through Handlebars' escaping; the templates never triple-stash.
 */
import Handlebars from "handlebars";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { TEMPLATES_DIR } from "../../paths.js";
import { SEVERITIES, VERDICTS } from "../../rules/verdict.js";
import type { AuditReport } from "../model.js";
import type { ReadinessArtifact } from "../readiness.js";
import { readinessView } from "./html-readiness.js";
import {
  areaChart,
  buildAreas,
  buildDrift,
  buildEvidence,
  buildTrend,
  buildWaivers,
  severityChart,
  severityRows,
  STATUS_LABELS,
  text,
  type ViewOptions,
} from "./html-view.js";

export const HTML_DIR = join(TEMPLATES_DIR, "html");

export interface HtmlOptions {
  /** Waivers expiring within this many days of the report's generatedAt are flagged (default 30). */
  expiringDays?: number;
  /** "Now" for waiver expiry; default the report's generatedAt, so a report renders the same every time. */
  now?: Date;
}

export const DEFAULT_EXPIRING_DAYS = 30;

interface Compiled {
  hb: typeof Handlebars;
  report: Handlebars.TemplateDelegate;
  readiness: Handlebars.TemplateDelegate;
  css: string;
  script: string;
  csp: string;
  readinessCsp: string;
}

let compiled: Compiled | undefined;

const sha256 = (s: string) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;

/** Our own asset, inlined raw: it must not be able to close its element early. */
function asset(name: string, closer: string): string {
  const body = readFileSync(join(HTML_DIR, name), "utf8");
  if (body.toLowerCase().includes(closer) || body.includes("<!--")) throw new Error(`${name}: must not contain ${closer} or <!--`);
  return body;
}

function compile(): Compiled {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  hb.registerHelper("or", (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hb.registerHelper("lt", (a: unknown, b: unknown) => Number(a) < Number(b));
  hb.registerHelper("add", (a: unknown, b: unknown) => Number(a) + Number(b));
  hb.registerHelper("neg", (a: unknown) => -Number(a));
  hb.registerHelper("isNum", (a: unknown) => typeof a === "number");
  hb.registerHelper("lastEnd", (segments: { x: number; width: number }[], start: number) => {
    const last = segments[segments.length - 1];
    return last ? Math.round((last.x + last.width) * 10) / 10 : start;
  });
  const pages = new Set(["layout.hbs", "readiness.hbs"]);
  for (const f of readdirSync(HTML_DIR)) {
    if (f.endsWith(".hbs") && !pages.has(f)) hb.registerPartial(basename(f, ".hbs"), readFileSync(join(HTML_DIR, f), "utf8"));
  }
  const opts = { strict: false, noEscape: false };
  const css = asset("report.css", "</style");
  const script = asset("report.js", "</script");
  // Only the inline style and script below may run or apply; nothing at all may be fetched.
  const csp = `default-src 'none'; script-src ${sha256(script)}; style-src ${sha256(css)}; base-uri 'none'; form-action 'none'`;
  compiled = {
    hb,
    report: hb.compile(readFileSync(join(HTML_DIR, "layout.hbs"), "utf8"), opts),
    readiness: hb.compile(readFileSync(join(HTML_DIR, "readiness.hbs"), "utf8"), opts),
    css,
    script,
    csp,
    readinessCsp: `default-src 'none'; style-src ${sha256(css)}; base-uri 'none'; form-action 'none'`,
  };
  return compiled;
}

function viewOptions(generatedAt: string | undefined, opts: HtmlOptions): ViewOptions {
  const at = generatedAt ? new Date(generatedAt) : new Date();
  return { expiringDays: opts.expiringDays ?? DEFAULT_EXPIRING_DAYS, now: opts.now ?? (Number.isNaN(at.getTime()) ? new Date() : at) };
}

export function renderHtml(report: AuditReport, opts: HtmlOptions = {}): string {
  const c = compile();
  const vo = viewOptions(report.generatedAt, opts);
  const areas = buildAreas(report, vo);
  const waivers = buildWaivers(report, vo);
  const trend = buildTrend(report);
  const workspaces = [...new Set(report.evidence.map((e) => e.workspace).filter(Boolean))].join(", ");
  const policyExpired = report.waivers?.expired ?? [];
  const unused = report.waivers?.unused ?? [];
  const title = `plumbline report: ${text(report.policy.name, 200)}`;
  return c.report({
    title,
    csp: c.csp,
    css: new c.hb.SafeString(c.css),
    script: new c.hb.SafeString(c.script),
    report,
    workspaces,
    gate: report.gate,
    counts: report.summary,
    severities: severityRows(report),
    severityChart: severityChart(report),
    areaChart: areaChart(areas),
    legend: (["FAIL", "UNKNOWN", "PASS", "NOT_APPLICABLE"] as const).map((status) => ({ status, label: STATUS_LABELS[status] })),
    trend: trend && {
      ...trend,
      parts: [
        trend.new !== undefined && { cls: "new", text: `${trend.new} new` },
        trend.open !== undefined && { cls: "open", text: `${trend.open} still open` },
        trend.fixed !== undefined && { cls: "fixed", text: `${trend.fixed} fixed` },
        trend.unknown ? { cls: "unknown", text: `${trend.unknown} now undecided` } : false,
      ].filter(Boolean),
    },
    areas,
    rowCount: areas.reduce((n, a) => n + a.rowCount, 0),
    resultCount: report.results.length,
    filterStatuses: VERDICTS.map((v) => ({ value: v, label: STATUS_LABELS[v], checked: v === "FAIL" || v === "UNKNOWN" }))
      .sort((a, b) => Number(b.checked) - Number(a.checked)),
    filterSeverities: SEVERITIES,
    drift: buildDrift(report),
    waivers: {
      any: waivers.active.length + waivers.expiring.length + waivers.expired.length + policyExpired.length + unused.length > 0,
      sections: [
        { id: "expiring", title: `Expiring within ${vo.expiringDays} days`, items: waivers.expiring },
        { id: "active", title: "Active", items: waivers.active },
        { id: "expired", title: "Expired (no longer waive)", items: waivers.expired },
      ],
      policyExpired,
      unused,
    },
    evidence: buildEvidence(report),
  });
}

/**
 * The readiness artifact's HTML view (readiness.html beside readiness.json), called by
 * `plumbline gate --readiness`. No script at all: its CSP allows only its inline style.
 */
export function renderReadinessHtml(model: ReadinessArtifact): string {
  const c = compile();
  return c.readiness({
    ...readinessView(model),
    csp: c.readinessCsp,
    css: new c.hb.SafeString(c.css),
  });
}
