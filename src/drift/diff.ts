/**
 * desired (Terraform state or plan records) vs actual (live AWS records): which resources are unmanaged,
 * missing or changed. Pure: the caller scores the items against policy and attributes them afterwards.
 */
import { parseArn } from "../model/arn.js";
import { isPlaceholderId, matchResources, singletonScope } from "../model/identity.js";
import type { Resource } from "../model/resource.js";
import type { DriftIgnore } from "../policy/types.js";
import { globToRegExp } from "../policy/waivers.js";
import { severityRank } from "../rules/verdict.js";
import { compareResources, pathFilter } from "./compare.js";
import { Coverage, type CoverageInput } from "./coverage.js";
import { NOISE, UNMANAGED_EXEMPT, type NoiseTable, type UnmanagedExemption } from "./noise.js";
import type { DriftItem, NotComparedScope, PartlyCompared } from "./types.js";

export interface DiffOptions {
  coverage: CoverageInput;
  /** The policy's drift.ignore list. */
  ignore?: readonly Omit<DriftIgnore, "file" | "line">[];
  noise?: NoiseTable;
  exempt?: readonly UnmanagedExemption[];
}

export interface DiffResult {
  items: DriftItem[];
  notCompared: NotComparedScope[];
  partlyCompared: PartlyCompared[];
  notes: string[];
  /** The records behind each item, for scoring and attribution. */
  records: Map<DriftItem, { desired?: Resource; actual?: Resource }>;
}

export function accountOf(r: Resource): string | undefined {
  if (r.account) return r.account;
  const arn = r.arn ? parseArn(r.arn) : undefined;
  return arn?.account || undefined;
}

function regionOf(r: Resource): string | undefined {
  return r.region ?? (r.arn ? parseArn(r.arn)?.region || undefined : undefined);
}

interface CompiledIgnore {
  type: RegExp;
  id: RegExp;
  attributes?: readonly string[];
  reason: string;
}

function ignoreMatches(c: CompiledIgnore, ...records: (Resource | undefined)[]): boolean {
  return records.some(
    (r) =>
      r !== undefined &&
      c.type.test(r.type) &&
      (c.id.test(r.id) || (r.arn !== undefined && c.id.test(r.arn)) || (r.name !== undefined && c.id.test(r.name)) || (r.origin.address !== undefined && c.id.test(r.origin.address))),
  );
}

function exemptReason(r: Resource, exempt: readonly UnmanagedExemption[]): string | undefined {
  for (const e of exempt) {
    if (e.type !== r.type) continue;
    if (e.id !== undefined && !globToRegExp(e.id).test(r.id)) continue;
    if (e.props && !Object.entries(e.props).every(([k, v]) => r.props[k] === v)) continue;
    return e.reason;
  }
  return undefined;
}

function item(kind: DriftItem["kind"], d: Resource | undefined, a: Resource | undefined): DriftItem {
  const r = (d ?? a)!;
  const out: DriftItem = { kind, type: r.type, id: isPlaceholderId(r.id) && a ? a.id : r.id, security: false };
  const arn = a?.arn ?? d?.arn;
  if (arn) out.arn = arn;
  const name = a?.name ?? d?.name;
  if (name) out.name = name;
  const account = (a && accountOf(a)) ?? (d && accountOf(d));
  if (account) out.account = account;
  const region = (a && regionOf(a)) ?? (d && regionOf(d));
  if (region) out.region = region;
  if (d?.origin.address) out.address = d.origin.address;
  if (d?.origin.workspace) out.workspace = d.origin.workspace;
  if (d?.origin.location) out.location = d.origin.location;
  return out;
}

export function diffResources(desired: readonly Resource[], actual: readonly Resource[], opts: DiffOptions): DiffResult {
  const coverage = new Coverage(opts.coverage);
  const noise = opts.noise ?? NOISE;
  const exempt = opts.exempt ?? UNMANAGED_EXEMPT;
  const ignores: CompiledIgnore[] = (opts.ignore ?? []).map((i) => ({ type: globToRegExp(i.type), id: globToRegExp(i.id), attributes: i.attributes, reason: i.reason }));
  const wholeIgnored = (...rs: (Resource | undefined)[]) => ignores.find((c) => !c.attributes && ignoreMatches(c, ...rs));
  const notes: string[] = [];
  const records: DiffResult["records"] = new Map();
  const items: DriftItem[] = [];
  const partlyCompared: PartlyCompared[] = [];
  const notCompared = new Map<string, NotComparedScope>();
  // A record that does not know its account (an S3 state record) belongs to the one account collected.
  const soleAccount = coverage.accounts.length === 1 ? coverage.accounts[0] : undefined;
  const addNotCompared = (r: Resource, reason: string, desiredSide: boolean) => {
    const account = accountOf(r) ?? soleAccount;
    const region = regionOf(r);
    const key = [r.type, account ?? "", region ?? "", reason].join("\u0000");
    let e = notCompared.get(key);
    if (!e) {
      e = { type: r.type, ...(account ? { account } : {}), ...(region ? { region } : {}), reason, resources: 0 };
      notCompared.set(key, e);
    }
    if (desiredSide) e.resources++;
  };

  // A plan's resource that is not created yet has no live counterpart by design: not "missing". A
  // singleton (the account's password policy) is matched by its account instead of its id: a state
  // record of one exists; a plan's is "not created yet" only when nothing live matches it.
  let planned = 0;
  const want: Resource[] = [];
  const maybePlanned = new Set<Resource>();
  for (const r of desired) {
    if (isPlaceholderId(r.id) && !r.arn) {
      if (!singletonScope(r.type)) {
        planned++;
        continue;
      }
      if (r.origin.source !== "tf-state") maybePlanned.add(r);
    }
    want.push(r);
  }

  const m = matchResources(want, [...actual]);
  m.onlyA = m.onlyA.filter((r) => !(maybePlanned.has(r) && ++planned));
  if (planned > 0) notes.push(`${planned} planned resource(s) not created yet were not compared`);
  let ignoredWhole = 0;
  for (const { a: d, b: a } of m.matched) {
    if (wholeIgnored(d, a)) {
      ignoredWhole++;
      continue;
    }
    const extra = ignores.filter((c) => c.attributes && ignoreMatches(c, d, a)).map((c) => ({ paths: c.attributes!, reason: c.reason }));
    const cmp = compareResources(d, a, pathFilter(d.type, noise, extra));
    if (cmp.changes.length > 0) {
      const it = item("changed", d, a);
      it.changes = cmp.changes;
      if (cmp.changes.every((c) => c.path.startsWith("Tags."))) it.tagOnly = true;
      if (cmp.notCompared.length) it.notCompared = cmp.notCompared;
      items.push(it);
      records.set(it, { desired: d, actual: a });
    } else if (cmp.notCompared.length > 0) {
      partlyCompared.push({ type: d.type, id: a.id, ...(d.origin.address ? { address: d.origin.address } : {}), notCompared: cmp.notCompared });
    }
  }
  for (const d of m.onlyA) {
    if (wholeIgnored(d)) {
      ignoredWhole++;
      continue;
    }
    const why = coverage.check(d.type, accountOf(d), regionOf(d));
    if (why) {
      addNotCompared(d, why, true);
      continue;
    }
    const it = item("missing", d, undefined);
    // Checked against the one account collected: that is where it is missing from.
    if (!it.account && soleAccount) it.account = soleAccount;
    items.push(it);
    records.set(it, { desired: d });
  }
  const exempted = new Map<string, number>();
  for (const a of m.onlyB) {
    if (wholeIgnored(a)) {
      ignoredWhole++;
      continue;
    }
    const why = coverage.check(a.type, accountOf(a), regionOf(a));
    if (why) {
      addNotCompared(a, why, false);
      continue;
    }
    const ex = exemptReason(a, exempt);
    if (ex) {
      exempted.set(ex, (exempted.get(ex) ?? 0) + 1);
      continue;
    }
    const it = item("unmanaged", undefined, a);
    items.push(it);
    records.set(it, { actual: a });
  }
  if (ignoredWhole > 0) notes.push(`${ignoredWhole} resource(s) left out of drift by the policy's drift.ignore list`);
  for (const [reason, n] of exempted) notes.push(`${n} live resource(s) created by AWS are not unmanaged drift: ${reason}`);
  return { items, notCompared: [...notCompared.values()], partlyCompared, notes, records };
}

const GROUP = (i: DriftItem): number =>
  i.kind === "changed" ? (i.security ? 0 : i.tagOnly ? 3 : 1) : 2;

/** Security drift first (most severe first), then other changes, then unmanaged / missing, tag-only changes last; stable within. */
export function orderItems(items: DriftItem[]): DriftItem[] {
  const key = (i: DriftItem) => i.address ?? i.arn ?? i.id;
  return items
    .map((it, n) => ({ it, n }))
    .sort(
      (x, y) =>
        GROUP(x.it) - GROUP(y.it) ||
        // Security drift: the most severe rule broken first.
        (y.it.severity ? severityRank(y.it.severity) : -1) - (x.it.severity ? severityRank(x.it.severity) : -1) ||
        (x.it.kind === y.it.kind ? 0 : x.it.kind === "unmanaged" ? -1 : y.it.kind === "unmanaged" ? 1 : 0) ||
        x.it.type.localeCompare(y.it.type) ||
        key(x.it).localeCompare(key(y.it)) ||
        x.n - y.n,
    )
    .map((x) => x.it);
}
