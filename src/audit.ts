/**
 * One audit, end to end, as a library call: load the policy and rules, read every piece of evidence,
 * map it to canonical resources, evaluate, apply waivers, and build the JSON report. The CLI's audit and
 * gate commands are thin wrappers around this.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "./errors.js";
import type { Resource } from "./model/resource.js";
import { BUILTIN_POLICIES_DIR, BUILTIN_RULES_DIR, toolVersion } from "./paths.js";
import { loadPolicy } from "./policy/loader.js";
import { inScope } from "./policy/scope.js";
import { preparePolicy } from "./policy/select.js";
import type { Policy } from "./policy/types.js";
import { applyWaivers } from "./policy/waivers.js";
import { fingerprint } from "./report/fingerprint.js";
import { REPORT_SCHEMA_VERSION, type AuditReport, type ReportEvidence, type ReportResource, type ReportResult } from "./report/model.js";
import { summarize } from "./report/summary.js";
import { evaluate } from "./rules/evaluate.js";
import { loadRules } from "./rules/loader.js";
import type { Rule, RuleResult } from "./rules/types.js";
import { severityRank } from "./rules/verdict.js";
import { tfToResources } from "./sources/terraform/aws/index.js";
import { loadHclEvidence } from "./sources/terraform/hcl/index.js";
import type { TfEvidence } from "./sources/terraform/instance.js";
import { loadPlanEvidence } from "./sources/terraform/plan.js";
import { loadStateEvidence } from "./sources/terraform/state.js";

export interface AuditOptions {
  hcl: string[];
  plans: string[];
  states: string[];
  varFiles?: string[];
  vars?: Record<string, string>;
  workspace?: string;
  /** Policy pack file; the built-in baseline when absent. */
  policyFile?: string;
  /** Rule directories added to the built-in rules. */
  rulesDirs?: string[];
  /** The time waivers are judged against. */
  now?: Date;
}

export const DEFAULT_POLICY = join(BUILTIN_POLICIES_DIR, "baseline.yaml");

export async function loadRuleSet(extraDirs: readonly string[] = []): Promise<Rule[]> {
  for (const d of extraDirs) if (!existsSync(d)) throw new InputError(`--rules ${d}: no such directory`);
  return loadRules([BUILTIN_RULES_DIR, ...extraDirs]);
}

/** Reads every piece of evidence. Input errors stop the audit: a gate must not decide on half the evidence. */
export async function loadEvidence(opts: AuditOptions): Promise<TfEvidence[]> {
  const hcl = opts.hcl.map((dir) => loadHclEvidence(dir, { varFiles: opts.varFiles, vars: opts.vars, workspace: opts.workspace }));
  const plans = opts.plans.map((f) => loadPlanEvidence(f));
  const states = opts.states.map((s) => loadStateEvidence(s, { workspace: opts.workspace }));
  const all = await Promise.all([...hcl, ...plans, ...states]);
  if (opts.workspace) {
    // A plan file does not record its workspace; the one the user named is the best fact there is.
    for (const ev of all) for (const i of ev.instances) i.workspace ??= opts.workspace;
  }
  return all;
}

function reportResource(r: Resource): ReportResource {
  const o = r.origin;
  const out: ReportResource = { type: r.type, id: r.id, source: o.source };
  if (r.arn) out.arn = r.arn;
  if (o.address) out.address = o.address;
  const loc = o.file !== undefined ? { file: o.file, line: o.line } : undefined;
  if (loc) {
    out.file = loc.file;
    if (loc.line !== undefined) out.line = loc.line;
  }
  if (r.account) out.account = r.account;
  if (r.region) out.region = r.region;
  if (o.workspace) out.workspace = o.workspace;
  if (o.location) out.location = o.location;
  return out;
}

/** Points a finding at the line that sets the prop it turned on, when the source knows it. */
function pointAtProp(res: ReportResource, r: RuleResult): ReportResource {
  const top = r.path?.match(/^[A-Za-z0-9_]+/)?.[0];
  const at = top ? r.resource.origin.propLocations?.[top] : undefined;
  return at ? { ...res, file: at.file, line: at.line } : res;
}

export function toReportResult(r: RuleResult): ReportResult {
  const resource = pointAtProp(reportResource(r.resource), r);
  const { awsConfigRule, fsbp, cis } = r.rule.controls;
  const controls: ReportResult["controls"] = {};
  if (awsConfigRule) controls.awsConfigRule = awsConfigRule;
  if (fsbp?.length) controls.fsbp = fsbp;
  if (cis?.length) controls.cis = cis;
  const out: ReportResult = {
    ruleId: r.rule.id,
    title: r.rule.title,
    severity: r.rule.severity,
    area: r.rule.area,
    status: r.verdict,
    reason: r.reason,
    resource,
    controls,
    remediation: r.rule.remediation,
    fingerprint: fingerprint(r.rule.id, resource),
  };
  if (r.path) out.path = r.path;
  if (r.waiver) out.waiver = { ...r.waiver };
  return out;
}

const STATUS_ORDER = { FAIL: 0, UNKNOWN: 1, PASS: 2, NOT_APPLICABLE: 3 } as const;

function byImportance(a: ReportResult, b: ReportResult): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    severityRank(b.severity) - severityRank(a.severity) ||
    a.ruleId.localeCompare(b.ruleId) ||
    (a.resource.address ?? a.resource.arn ?? a.resource.id).localeCompare(b.resource.address ?? b.resource.arn ?? b.resource.id) ||
    a.resource.source.localeCompare(b.resource.source)
  );
}

/** Judges already-loaded evidence: the pure part of an audit, shared with benchmarks and other front ends. */
export function judge(policy: Policy, rules: readonly Rule[], evidence: readonly TfEvidence[], now: Date): AuditReport {
  const prepared = preparePolicy(policy, rules);
  const reportEvidence: ReportEvidence[] = [];
  const resources: Resource[] = [];
  for (const ev of evidence) {
    const mapped = tfToResources(ev);
    const scoped = mapped.resources.filter((r) => inScope(policy, r));
    for (const r of scoped) resources.push(r); // not push(...scoped): a large state overflows the call stack
    const notes = [...ev.notes, ...mapped.notes];
    const outOfScope = mapped.resources.length - scoped.length;
    if (outOfScope > 0) notes.push(`${outOfScope} resource(s) outside the policy's scope were not judged`);
    const workspace = ev.instances.find((i) => i.workspace)?.workspace;
    reportEvidence.push({ source: ev.source, location: ev.location, ...(workspace ? { workspace } : {}), resources: scoped.length, notes });
  }
  const results = evaluate(prepared.rules, resources, { params: prepared.params });
  const waived = applyWaivers(results, policy, now);
  const reportResults = waived.results.map(toReportResult).sort(byImportance);
  const ref = (w: { rule: string; resource: string; owner?: string; expires?: string }) => ({ rule: w.rule, resource: w.resource, owner: w.owner, expires: w.expires });
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: "plumbline", version: toolVersion() },
    generatedAt: now.toISOString(),
    policy: { name: policy.name, file: policy.file },
    evidence: reportEvidence,
    summary: summarize(reportResults),
    results: reportResults,
    waivers: { unused: waived.unused.map(ref), expired: waived.expired.map(ref) },
  };
}

export async function runAudit(opts: AuditOptions): Promise<AuditReport> {
  const now = opts.now ?? new Date();
  const [policy, rules, evidence] = await Promise.all([
    loadPolicy(opts.policyFile ?? DEFAULT_POLICY),
    loadRuleSet(opts.rulesDirs),
    loadEvidence(opts),
  ]);
  return judge(policy, rules, evidence, now);
}
