/**
 * The rule catalog as text: filtering (area, minimum severity, framework) and the Markdown / JSON / text
 * renderings used by `plumbline rules list` and by the generated parts of docs/rules.md and
 * docs/fsbp-coverage.md. Pure: rules and framework lists in, strings out.
 */
import type { Rule } from "./types.js";
import { AREAS, SEVERITIES, severityRank, type Area, type Severity } from "./verdict.js";

/** Framework names on the command line → the key in a rule's `controls`. */
export const FRAMEWORKS = { fsbp: "fsbp", cis: "cis", "aws-config": "awsConfigRule" } as const;
export type FrameworkName = keyof typeof FRAMEWORKS;

export interface CatalogFilter {
  area?: Area;
  /** Minimum severity: "high" keeps critical and high. */
  severity?: Severity;
  /** Only rules mapped to this framework. */
  framework?: FrameworkName;
}

/** The ids a rule maps to in one framework ([] when it maps to none). */
export function controlIds(rule: Rule, framework: FrameworkName): string[] {
  const v = rule.controls[FRAMEWORKS[framework]];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Filtered and sorted: by area (in AREAS order), then most severe first, then id. */
export function selectCatalog(rules: readonly Rule[], f: CatalogFilter = {}): Rule[] {
  const min = f.severity === undefined ? 0 : severityRank(f.severity);
  return rules
    .filter((r) => (f.area === undefined || r.area === f.area) && severityRank(r.severity) >= min)
    .filter((r) => f.framework === undefined || controlIds(r, f.framework).length > 0)
    .sort((a, b) => AREAS.indexOf(a.area) - AREAS.indexOf(b.area) || severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id));
}

/** What a rule judges: its resource types, or its scope. */
function subject(r: Rule): string {
  return r.scope === "resource" ? r.resourceTypes.join(", ") : `${r.scope} scope`;
}

/** "Config S3_…; FSBP S3.5; CIS 2.1.1" */
export function controlsText(r: Rule): string {
  const parts: string[] = [];
  if (r.controls.awsConfigRule) parts.push(`Config ${r.controls.awsConfigRule}`);
  if (r.controls.fsbp?.length) parts.push(`FSBP ${r.controls.fsbp.join(", ")}`);
  if (r.controls.cis?.length) parts.push(`CIS ${r.controls.cis.join(", ")}`);
  return parts.join("; ");
}

/** Markdown cell text: pipes and line breaks would break the table. */
function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

export function catalogJson(rules: readonly Rule[]): string {
  const list = rules.map(({ id, title, severity, area, scope, resourceTypes, controls, params }) => ({
    id, title, severity, area, scope, resourceTypes, controls, params: Object.keys(params),
  }));
  return JSON.stringify(list, null, 2) + "\n";
}

export function catalogText(rules: readonly Rule[]): string {
  const w = Math.max(2, ...rules.map((r) => r.id.length));
  const lines = rules.map((r) => `${r.id.padEnd(w)}  ${r.severity.padEnd(8)}  ${r.area.padEnd(10)}  ${subject(r)}`);
  lines.push(`${rules.length} rule(s)`);
  return lines.join("\n") + "\n";
}

/** One table per area, with a count line: the catalog section of docs/rules.md. */
export function catalogMarkdown(rules: readonly Rule[]): string {
  const out: string[] = [];
  const bySeverity = SEVERITIES.map((s) => `${rules.filter((r) => r.severity === s).length} ${s}`).join(", ");
  const mapped = (k: FrameworkName) => rules.filter((r) => controlIds(r, k).length > 0).length;
  out.push(`${rules.length} rules (${bySeverity}); mapped to an AWS Config managed rule: ${mapped("aws-config")}, FSBP: ${mapped("fsbp")}, CIS v3.0.0: ${mapped("cis")}.`);
  for (const area of AREAS) {
    const list = rules.filter((r) => r.area === area);
    if (list.length === 0) continue;
    out.push("", `### ${area}`, "", "| id | severity | title | judges | controls |", "| --- | --- | --- | --- | --- |");
    for (const r of list) out.push(`| \`${r.id}\` | ${r.severity} | ${cell(r.title)} | ${cell(subject(r))} | ${cell(controlsText(r)) || "–"} |`);
  }
  return out.join("\n") + "\n";
}

export interface FsbpControl {
  title: string;
  notApplicable?: string;
}

/**
 * docs/fsbp-coverage.md: every FSBP control of the platform's services, grouped by service, as covered
 * (the rules mapping it), not applicable (why) or not yet.
 */
export function fsbpCoverageMarkdown(rules: readonly Rule[], controls: Record<string, FsbpControl>): string {
  const byControl = new Map<string, string[]>();
  for (const r of rules) for (const id of controlIds(r, "fsbp")) byControl.set(id, [...(byControl.get(id) ?? []), r.id]);
  const ids = Object.keys(controls);
  const status = (id: string) => (byControl.has(id) ? "covered" : controls[id].notApplicable ? "not applicable" : "not yet");
  const count = (s: string) => ids.filter((id) => status(id) === s).length;
  const out = [
    "# FSBP coverage",
    "",
    "<!-- Generated from docs/frameworks/fsbp-controls.yaml and the rules' controls.fsbp: do not edit.",
    "     Regenerate with: npm run docs:rules -->",
    "",
    "AWS Foundational Security Best Practices controls for the services the platform uses (see",
    "docs/frameworks/fsbp-controls.yaml), and the plumbline rules that check them.",
    "",
    `${ids.length} controls: ${count("covered")} covered, ${count("not applicable")} not applicable, ${count("not yet")} not yet.`,
  ];
  const services = [...new Set(ids.map((id) => id.split(".")[0]))];
  for (const service of services) {
    out.push("", `## ${service}`, "", "| control | title | status |", "| --- | --- | --- |");
    for (const id of ids.filter((x) => x.split(".")[0] === service)) {
      const s = status(id);
      const detail =
        s === "covered"
          ? `covered: ${byControl.get(id)!.map((r) => `\`${r}\``).join(", ")}`
          : s === "not applicable"
            ? `not applicable: ${cell(controls[id].notApplicable!)}`
            : "not yet";
      out.push(`| ${id} | ${cell(controls[id].title)} | ${detail} |`);
    }
  }
  return out.join("\n") + "\n";
}

/** docs/rules.md keeps its hand-written guide; only the text between these markers is generated. */
export const CATALOG_BEGIN = "<!-- BEGIN GENERATED RULE CATALOG: do not edit; regenerate with npm run docs:rules -->";
export const CATALOG_END = "<!-- END GENERATED RULE CATALOG -->";

/** The document with its generated section replaced (or appended under a heading when it has none). */
export function withCatalog(doc: string, rules: readonly Rule[]): string {
  const section = `${CATALOG_BEGIN}\n${catalogMarkdown(rules)}${CATALOG_END}`;
  const a = doc.indexOf(CATALOG_BEGIN);
  const b = doc.indexOf(CATALOG_END);
  if (a >= 0 && b > a) return doc.slice(0, a) + section + doc.slice(b + CATALOG_END.length);
  return `${doc.trimEnd()}\n\n## Rule catalog\n\n${section}\n`;
}
