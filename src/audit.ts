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
import { WaiverMatcher } from "./policy/waivers.js";
import { fingerprint, fingerprintWith, identityHash, resourceIdentity, ruleKey, type IdentityHash, type RuleKey } from "./report/fingerprint.js";
import { REPORT_SCHEMA_VERSION, type AuditReport, type ReportEvidence, type ReportResource, type ReportResult } from "./report/model.js";
import { summarize } from "./report/summary.js";
import { evaluateEach } from "./rules/evaluate.js";
import { loadRules } from "./rules/loader.js";
import type { AppliedWaiver, Rule, RuleResult } from "./rules/types.js";
import { severityRank, type Severity } from "./rules/verdict.js";
import { tfToResources } from "./sources/terraform/aws/index.js";
import { loadHclEvidence } from "./sources/terraform/hcl/index.js";
import type { TfEvidence } from "./sources/terraform/instance.js";
import { loadPlanEvidence } from "./sources/terraform/plan.js";
import { loadStateEvidence } from "./sources/terraform/state.js";
import { collectLive, type LiveOptions } from "./sources/aws/collect.js";
import type { ResourceEvidence } from "./sources/aws/contract.js";
import { collectConfig, type ConfigOptions } from "./sources/config/collect.js";
import { GapJudge, type ScopeGap } from "./rules/gaps.js";
import { rulePropReads, ruleResourceTypes } from "./rules/reads.js";
import { linkResources } from "./drift/link.js";

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
  /** Live AWS evidence (--aws): collected for the resource types the enabled rules read. */
  aws?: LiveOptions;
  /** AWS Config evidence (--config [--aggregator NAME]): recorded configuration items of the types the rules read. */
  config?: ConfigOptions;
}

/** Evidence already mapped to canonical resources (live AWS, AWS Config), as opposed to Terraform's. */
export function isResourceEvidence(ev: TfEvidence | ResourceEvidence): ev is ResourceEvidence {
  return !("instances" in ev) && Array.isArray((ev as ResourceEvidence).resources);
}

/** The report's evidence entry for live / AWS Config evidence: when, where, API counters and gaps. */
function liveEvidenceEntry(ev: ResourceEvidence, scoped: number, notes: string[]): ReportEvidence {
  const entry: ReportEvidence = { source: ev.source, location: ev.location, resources: scoped, notes, collectedAt: ev.collectedAt };
  const accounts = ev.account ? [ev.account] : [...new Set(ev.resources.map((r) => r.account).filter((a): a is string => Boolean(a)))].sort();
  if (accounts.length) entry.accounts = accounts;
  if (ev.regions) entry.regions = [...ev.regions];
  if (ev.api) {
    const t = { calls: 0, retries: 0, throttles: 0, errors: 0 };
    for (const s of Object.values(ev.api)) {
      t.calls += s.calls;
      t.retries += s.retries;
      t.throttles += s.throttles;
      t.errors += s.errors;
    }
    entry.api = { ...t, callsPerResource: ev.resources.length ? Math.round((t.calls / ev.resources.length) * 100) / 100 : 0, services: ev.api };
  }
  entry.gaps = ev.gaps.map((g) => ({ ...g }));
  return entry;
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

/** The top-level prop of a path: "BucketEncryption" for "BucketEncryption.Rules[0].X". */
function topProp(path: string): string {
  let i = 0;
  for (; i < path.length; i++) {
    const c = path.charCodeAt(i);
    // [A-Za-z0-9_]
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) break;
  }
  return path.slice(0, i);
}

/** Points a finding at the line that sets the prop it turned on, when the source knows it. */
function pointAtProp(res: ReportResource, r: RuleResult): ReportResource {
  const top = r.path ? topProp(r.path) : "";
  const at = top ? r.resource.origin.propLocations?.[top] : undefined;
  return at ? { ...res, file: at.file, line: at.line } : res;
}

function reportControls(rule: Rule): ReportResult["controls"] {
  const { awsConfigRule, fsbp, cis } = rule.controls;
  const controls: ReportResult["controls"] = {};
  if (awsConfigRule) controls.awsConfigRule = awsConfigRule;
  if (fsbp?.length) controls.fsbp = fsbp;
  if (cis?.length) controls.cis = cis;
  return controls;
}

function makeResult(r: RuleResult, resource: ReportResource, controls: ReportResult["controls"], fp: string, waiver: AppliedWaiver | undefined): ReportResult {
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
    fingerprint: fp,
    // Always present (undefined is left out of JSON): every result has the same shape, all in-object.
    path: r.path ? r.path : undefined,
    waiver: waiver ? { ...waiver } : undefined,
  };
  return out;
}

export function toReportResult(r: RuleResult): ReportResult {
  const resource = pointAtProp(reportResource(r.resource), r);
  return makeResult(r, resource, reportControls(r.rule), fingerprint(r.rule.id, resource), r.waiver);
}

interface ResourceEntry {
  res: ReportResource;
  /** The resource's part of every fingerprint, hashed once. */
  hash: IdentityHash;
  /** Copies pointing at the line that sets a top-level prop, by prop. */
  at?: Map<string, ReportResource>;
  /** The resource's place in the report order (address / ARN / id, then source), set when sorting. */
  rank: number;
}

/**
 * Turns RuleResults into ReportResults one at a time, sharing what results have in common: one
 * ReportResource per resource (and per prop location it points at), one controls object per rule, the
 * resource half of the fingerprint. A large state gives hundreds of thousands of results for tens of
 * thousands of resources; the report must not cost a copy of each resource per result.
 */
class ReportBuilder {
  /** Sized up front from the expected count (growing a 400k-element array copies it again and again). */
  private results: ReportResult[];
  private count = 0;
  /** Per result: its resource's entry, and the index of its rule in ruleIds (for sorting). */
  private entryOf: ResourceEntry[];
  private ruleOf: Int32Array;
  /** By the resource's position in the evaluated list; scoped rules' subjects (at -1) by object. */
  private readonly byPosition: (ResourceEntry | undefined)[];
  private readonly subjects = new Map<Resource, ResourceEntry>();
  private readonly entries: ResourceEntry[] = [];
  /** Rule ids in order of first result. */
  private readonly ruleIds: string[] = [];
  // Results come rule by rule: what belongs to the rule is made once per run of its results.
  private lastRule: Rule | undefined;
  private lastControls: ReportResult["controls"] = {};
  private lastRuleKey: RuleKey | undefined;
  private lastRuleIndex = -1;
  private readonly ruleIndex = new Map<string, number>();

  constructor(
    resourceCount: number,
    expected: number,
    /** Each record's link to the other sources' records of the same resource (Terraform + live audits). */
    private readonly links?: Map<Resource, string>,
  ) {
    this.byPosition = new Array(resourceCount);
    this.results = new Array(expected);
    this.entryOf = new Array(expected);
    this.ruleOf = new Int32Array(expected);
  }

  add(r: RuleResult, at: number, waiver: AppliedWaiver | undefined): void {
    let entry = at >= 0 ? this.byPosition[at] : this.subjects.get(r.resource);
    if (!entry) {
      const res = reportResource(r.resource);
      const link = this.links?.get(r.resource);
      if (link !== undefined) res.link = link;
      entry = { res, hash: identityHash(resourceIdentity(res)), rank: 0 };
      this.entries.push(entry);
      if (at >= 0) this.byPosition[at] = entry;
      else this.subjects.set(r.resource, entry);
    }
    let resource = entry.res;
    const locations = r.resource.origin.propLocations;
    if (locations !== undefined && r.path) {
      const top = topProp(r.path);
      const at = top ? locations[top] : undefined;
      if (at) {
        const byTop = (entry.at ??= new Map());
        let pointed = byTop.get(top);
        if (!pointed) byTop.set(top, (pointed = { ...resource, file: at.file, line: at.line }));
        resource = pointed;
      }
    }
    if (r.rule !== this.lastRule) {
      this.lastRule = r.rule;
      this.lastControls = reportControls(r.rule);
      this.lastRuleKey = ruleKey(r.rule.id);
      let i = this.ruleIndex.get(r.rule.id);
      if (i === undefined) {
        i = this.ruleIds.push(r.rule.id) - 1;
        this.ruleIndex.set(r.rule.id, i);
      }
      this.lastRuleIndex = i;
    }
    const i = this.count++;
    if (i === this.ruleOf.length) this.grow();
    this.results[i] = makeResult(r, resource, this.lastControls, fingerprintWith(this.lastRuleKey!, entry.hash), waiver);
    this.entryOf[i] = entry;
    this.ruleOf[i] = this.lastRuleIndex;
  }

  private grow(): void {
    const bigger = new Int32Array(Math.max(16, this.ruleOf.length * 2));
    bigger.set(this.ruleOf);
    this.ruleOf = bigger;
  }

  /**
   * The results in byImportance order (stable): status, severity, rule id, resource, source, then the
   * order they were made in. Rule ids and resources are ranked once (a large state has 75k resources
   * but 420k results to order), then two stable counting sorts (by resource rank, then by status,
   * severity and rule) order the results without comparing strings at all.
   */
  sorted(): ReportResult[] {
    const n = this.count;
    const results = this.results;
    results.length = n;
    this.entryOf.length = n;
    // Rank of each rule (by index in ruleIds) in rule-id order.
    const ids = this.ruleIds.map((id, i) => ({ id, i })).sort((a, b) => a.id.localeCompare(b.id));
    const ruleRank = new Int32Array(ids.length);
    ids.forEach((x, k) => (ruleRank[x.i] = k > 0 && ids[k - 1].id.localeCompare(x.id) === 0 ? ruleRank[ids[k - 1].i] : k));
    rankEntries(this.entries);
    // Pass 1: by resource rank.
    const E = this.entries.length;
    const byRes = countingSort(n, E, (i) => this.entryOf[i].rank, undefined);
    // Pass 2 (stable, so resource order holds within each group): by status, severity and rule.
    const R = ids.length;
    const ruleOf = this.ruleOf;
    const group = (i: number) => (STATUS_ORDER[results[i].status] * 8 + SEVERITY_ORDER[results[i].severity]) * R + ruleRank[ruleOf[i]];
    const order = countingSort(n, 4 * 8 * R, group, byRes);
    const out = new Array<ReportResult>(n);
    for (let i = 0; i < n; i++) out[i] = results[order[i]];
    return out;
  }
}

/** A stable counting sort of 0..n-1 (or of `input`'s order) by an integer key in [0, keys). */
function countingSort(n: number, keys: number, key: (i: number) => number, input: Int32Array | undefined): Int32Array {
  const count = new Int32Array(keys + 1);
  const k = new Int32Array(n);
  for (let i = 0; i < n; i++) count[(k[i] = key(i)) + 1]++;
  for (let j = 1; j <= keys; j++) count[j] += count[j - 1];
  const out = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const i = input ? input[p] : p;
    out[count[k[i]]++] = i;
  }
  return out;
}

/** Sets each entry's rank: its place in resource order (address / ARN / id, then source), equal for equal keys. */
function rankEntries(entries: ResourceEntry[]): void {
  const sorted = entries.slice().sort(byResourceOrder);
  for (let i = 0; i < sorted.length; i++) sorted[i].rank = i > 0 && byResourceOrder(sorted[i - 1], sorted[i]) === 0 ? sorted[i - 1].rank : i;
}

/** How many results resource-scoped rules give (scoped rules add one per account / region group). */
function expectedResults(rules: readonly Rule[], resources: readonly Resource[]): number {
  const perType = new Map<string, number>();
  for (let i = 0; i < resources.length; i++) perType.set(resources[i].type, (perType.get(resources[i].type) ?? 0) + 1);
  let n = 0;
  for (const rule of rules) {
    if (rule.scope === "account" || rule.scope === "region") n += 8;
    else for (const t of rule.resourceTypes) n += perType.get(t) ?? 0;
  }
  return n;
}

/** Most severe first: critical 0 … info 4. */
const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

const STATUS_ORDER = { FAIL: 0, UNKNOWN: 1, PASS: 2, NOT_APPLICABLE: 3 } as const;

function resourceKey(r: ReportResource): string {
  return r.address ?? r.arn ?? r.id;
}

function byResourceOrder(a: ResourceEntry, b: ResourceEntry): number {
  return resourceKey(a.res).localeCompare(resourceKey(b.res)) || a.res.source.localeCompare(b.res.source);
}

/** The report's order: status, then severity (most severe first), rule id, resource (address / ARN / id), source. */
export function byImportance(a: ReportResult, b: ReportResult): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    severityRank(b.severity) - severityRank(a.severity) ||
    a.ruleId.localeCompare(b.ruleId) ||
    resourceKey(a.resource).localeCompare(resourceKey(b.resource)) ||
    a.resource.source.localeCompare(b.resource.source)
  );
}

/** Judges already-loaded evidence: the pure part of an audit, shared with benchmarks and other front ends. */
export function judge(policy: Policy, rules: readonly Rule[], evidence: readonly (TfEvidence | ResourceEvidence)[], now: Date): AuditReport {
  const prepared = preparePolicy(policy, rules);
  const reportEvidence: ReportEvidence[] = [];
  const resources: Resource[] = [];
  const gaps: ScopeGap[] = [];
  for (const ev of evidence) {
    if (isResourceEvidence(ev)) {
      // Live and AWS Config evidence is already canonical: no Terraform mapping.
      let scoped = 0;
      for (let i = 0; i < ev.resources.length; i++) {
        const r = ev.resources[i];
        if (inScope(policy, r)) {
          resources.push(r);
          scoped++;
        }
      }
      const notes = [...ev.notes];
      const outOfScope = ev.resources.length - scoped;
      if (outOfScope > 0) notes.push(`${outOfScope} resource(s) outside the policy's scope were not judged`);
      for (const g of ev.gaps) gaps.push({ ...g, source: ev.source, location: ev.location });
      reportEvidence.push(liveEvidenceEntry(ev, scoped, notes));
      continue;
    }
    const mapped = tfToResources(ev);
    let scoped = 0;
    for (let i = 0; i < mapped.resources.length; i++) {
      const r = mapped.resources[i];
      // not push(...scoped): a large state overflows the call stack
      if (inScope(policy, r)) {
        resources.push(r);
        scoped++;
      }
    }
    const notes = [...ev.notes, ...mapped.notes];
    const outOfScope = mapped.resources.length - scoped;
    if (outOfScope > 0) notes.push(`${outOfScope} resource(s) outside the policy's scope were not judged`);
    const workspace = ev.instances.find((i) => i.workspace)?.workspace;
    reportEvidence.push({ source: ev.source, location: ev.location, ...(workspace ? { workspace } : {}), resources: scoped, notes });
  }
  // One pass: each result is waived and turned into its report form as it is made.
  const waivers = new WaiverMatcher(policy, now);
  const builder = new ReportBuilder(resources.length, expectedResults(prepared.rules, resources), linkResources(resources));
  const gapJudge = new GapJudge(gaps);
  if (gapJudge.empty) evaluateEach(prepared.rules, resources, { params: prepared.params }, (r, at) => builder.add(r, at, waivers.match(r)));
  else {
    // Types that could not be listed make the rules reading them UNKNOWN, never PASS (src/rules/gaps.ts).
    evaluateEach(prepared.rules, resources, { params: prepared.params }, (r, at) => {
      const x = gapJudge.adjust(r);
      builder.add(x, at, waivers.match(x));
    });
    const accounts = policy.scope.accounts;
    for (const x of gapJudge.extra(prepared.rules, (s) => !accounts || s.account === undefined || accounts.includes(s.account))) builder.add(x, -1, waivers.match(x));
  }
  const reportResults = builder.sorted();
  const ref = (w: { rule: string; resource: string; owner?: string; expires?: string }) => ({ rule: w.rule, resource: w.resource, owner: w.owner, expires: w.expires });
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: "plumbline", version: toolVersion() },
    generatedAt: now.toISOString(),
    policy: { name: policy.name, file: policy.file },
    evidence: reportEvidence,
    summary: summarize(reportResults),
    results: reportResults,
    waivers: { unused: waivers.unused().map(ref), expired: waivers.expired().map(ref) },
  };
}

export async function runAudit(opts: AuditOptions): Promise<AuditReport> {
  const now = opts.now ?? new Date();
  const [policy, rules, evidence] = await Promise.all([
    loadPolicy(opts.policyFile ?? DEFAULT_POLICY),
    loadRuleSet(opts.rulesDirs),
    loadEvidence(opts),
  ]);
  if (opts.config) {
    // AWS Config evidence, alone or with live evidence (both are ResourceEvidence).
    const types = ruleResourceTypes(preparePolicy(policy, rules).rules);
    const recorded = await collectConfig({ ...opts.config, types: opts.config.types ?? types });
    const live = opts.aws ? await collectLive({ ...opts.aws, types: opts.aws.types ?? types, reads: opts.aws.reads ?? liveReads(policy, rules) }) : [];
    return judge(policy, rules, [...evidence, ...live, ...recorded], now);
  }
  if (opts.aws) {
    // Only the collectors for types the enabled rules read run (and need IAM permissions).
    const types = ruleResourceTypes(preparePolicy(policy, rules).rules);
    const live = await collectLive({ ...opts.aws, types: opts.aws.types ?? types, reads: opts.aws.reads ?? liveReads(policy, rules) });
    return judge(policy, rules, [...evidence, ...live], now);
  }
  return judge(policy, rules, evidence, now);
}

/** The props live collection must read: what the enabled rules read, and every type's tags when the pack's scope selects by tag. */
function liveReads(policy: Policy, rules: Rule[]): Map<string, Set<string>> {
  return rulePropReads(preparePolicy(policy, rules).rules, { tags: Boolean(policy.scope?.tags) });
}
