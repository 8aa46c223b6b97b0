/**
 * Compares two canonical records of one resource, attribute by attribute. Lists are compared as sets
 * (AWS and Terraform order security group rules, statements and grants differently); an Unknown on
 * either side is "not compared"; a sensitive value is compared where it can be, and never shown.
 */
import type { Resource } from "../model/resource.js";
import { isUnknown, isRedacted, Unknown } from "../model/values.js";
import { globToRegExp } from "../policy/waivers.js";
import type { NoiseEntry, NoiseTable } from "./noise.js";
import type { DriftChange, NotComparedAttribute } from "./types.js";

/** Attribute paths not compared for one resource: the noise table's and the policy's ignore list's. */
export interface PathFilter {
  /** The reason the path (or an ancestor) is ignored, else undefined. */
  ignored(path: string): string | undefined;
  /** What an absent attribute at this exact path means (AWS default), else undefined. */
  absentMeans(path: string): { value: unknown } | undefined;
}

export function pathFilter(type: string, noise: NoiseTable, extra: readonly { paths: readonly string[]; reason: string }[] = []): PathFilter {
  const entries: NoiseEntry[] = [...(noise["*"] ?? []), ...(noise[type] ?? [])];
  const ignores: { re: RegExp; reason: string }[] = [];
  const defaults = new Map<string, unknown>();
  for (const e of entries) {
    if (e.kind === "aws-default") defaults.set(e.path, e.absentMeans);
    else ignores.push({ re: globToRegExp(e.path), reason: `${e.kind}: ${e.reason}` });
  }
  for (const x of extra) for (const p of x.paths) ignores.push({ re: globToRegExp(p), reason: `ignored by policy: ${x.reason}` });
  return {
    ignored: (path) => ignores.find((i) => i.re.test(path))?.reason,
    absentMeans: (path) => (defaults.has(path) ? { value: defaults.get(path) } : undefined),
  };
}

export interface Comparison {
  changes: DriftChange[];
  notCompared: NotComparedAttribute[];
}

/** The differences between a desired and an actual record of the same resource, props and tags. */
export function compareResources(desired: Resource, actual: Resource, filter: PathFilter): Comparison {
  const out: Comparison = { changes: [], notCompared: [] };
  const dProps = desired.props;
  const aProps = actual.props;
  const defaulted = (r: Resource) => new Set(Array.isArray(r.props.DefaultedProps) ? (r.props.DefaultedProps as string[]) : []);
  const dDefaulted = defaulted(desired);
  const aDefaulted = defaulted(actual);
  const keys = [...new Set([...Object.keys(dProps), ...Object.keys(aProps)])].sort();
  for (const k of keys) {
    const d = dProps[k];
    const a = aProps[k];
    // A value a mapper filled in from a documented default says nothing against an absent one.
    if ((dDefaulted.has(k) && isEmpty(a)) || (aDefaulted.has(k) && isEmpty(d))) continue;
    diffValue(k, d, a, filter, out);
  }
  compareTags(desired, actual, filter, out);
  return out;
}

function compareTags(desired: Resource, actual: Resource, filter: PathFilter, out: Comparison): void {
  const unknownTags = desired.props.TagsUnknown;
  const unknownKey = (k: string) => Array.isArray(unknownTags) && (unknownTags.includes(k) || unknownTags.includes("*"));
  const keys = [...new Set([...Object.keys(desired.tags), ...Object.keys(actual.tags)])].sort();
  for (const k of keys) {
    const path = `Tags.${k}`;
    if (unknownKey(k)) {
      if (!filter.ignored(path)) out.notCompared.push({ path, reason: "the tag's value is known only after apply", side: "desired" });
      continue;
    }
    diffValue(path, desired.tags[k], actual.tags[k], filter, out);
  }
}

function diffValue(path: string, d: unknown, a: unknown, filter: PathFilter, out: Comparison): void {
  if (filter.ignored(path)) return;
  if (isUnknown(d) || isUnknown(a)) {
    const side = isUnknown(d) && isUnknown(a) ? "both" : isUnknown(d) ? "desired" : "actual";
    const u = (isUnknown(a) ? a : d) as Unknown;
    out.notCompared.push({ path, reason: u.reason, side });
    return;
  }
  if (isRedacted(d) || isRedacted(a)) {
    sensitive(path, d, a, out);
    return;
  }
  const def = filter.absentMeans(path);
  if (def && ((isEmpty(d) && equal(def.value, a, path, filter)) || (isEmpty(a) && equal(d, def.value, path, filter)))) return;
  if (isEmpty(d) && isEmpty(a)) return;
  if (isPlainObject(d) && isPlainObject(a)) {
    for (const k of [...new Set([...Object.keys(d), ...Object.keys(a)])].sort()) diffValue(`${path}.${k}`, d[k], a[k], filter, out);
    return;
  }
  if ((Array.isArray(d) || isEmpty(d)) && (Array.isArray(a) || isEmpty(a))) {
    diffList(path, (d as unknown[] | undefined) ?? [], (a as unknown[] | undefined) ?? [], filter, out);
    return;
  }
  if (isPlainObject(d) && isEmpty(a)) {
    // Walk into the object so defaults and ignores below it still apply ("not set" against a default).
    for (const k of Object.keys(d).sort()) diffValue(`${path}.${k}`, d[k], undefined, filter, out);
    return;
  }
  if (isEmpty(d) && isPlainObject(a)) {
    for (const k of Object.keys(a).sort()) diffValue(`${path}.${k}`, undefined, a[k], filter, out);
    return;
  }
  if (sameScalar(d, a)) return;
  const change: DriftChange = { path, text: `${path}: ${show(d)} → ${show(a)}` };
  if (!isEmpty(d)) change.desired = d;
  if (!isEmpty(a)) change.actual = a;
  out.changes.push(change);
}

/** A sensitive value on either side: compared only where no secret is needed, never shown. */
function sensitive(path: string, d: unknown, a: unknown, out: Comparison): void {
  if (isEmpty(d) !== isEmpty(a)) {
    out.changes.push({ path, sensitive: true, text: `${path}: differs (sensitive)` });
    return;
  }
  out.notCompared.push({ path, reason: "the value is sensitive and was redacted when read", side: isRedacted(d) && isRedacted(a) ? "both" : isRedacted(d) ? "desired" : "actual" });
}

function diffList(path: string, d: unknown[], a: unknown[], filter: PathFilter, out: Comparison): void {
  const elPath = `${path}[*]`;
  if (d.some(hasOpaque) || a.some(hasOpaque)) {
    const side = d.some(hasOpaque) ? (a.some(hasOpaque) ? "both" : "desired") : "actual";
    out.notCompared.push({ path, reason: "an element is unknown or sensitive", side });
    return;
  }
  const ds = d.map((x) => strip(x, elPath, filter));
  const as = a.map((x) => strip(x, elPath, filter));
  const removed = setMinus(ds, as);
  const added = setMinus(as, ds);
  if (removed.length === 0 && added.length === 0) return;
  const change: DriftChange = { path, text: `${path}: ${[...added.map((x) => `+ ${show(x)}`), ...removed.map((x) => `- ${show(x)}`)].join("; ")}` };
  if (ds.length) change.desired = ds;
  if (as.length) change.actual = as;
  if (added.length) change.added = added;
  if (removed.length) change.removed = removed;
  out.changes.push(change);
}

/** Elements of `items` not matched one-for-one by an equal element of `other`. */
function setMinus(items: unknown[], other: unknown[]): unknown[] {
  const used = new Set<number>();
  const out: unknown[] = [];
  for (const x of items) {
    const j = other.findIndex((y, k) => !used.has(k) && deepEqual(x, y));
    if (j >= 0) used.add(j);
    else out.push(x);
  }
  return out;
}

/** Equal as canonical values: objects by key (absent = not set), lists as sets, scalars by sameScalar. */
function deepEqual(x: unknown, y: unknown): boolean {
  if (isEmpty(x) && isEmpty(y)) return true;
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && setMinus(x, y).length === 0;
  if (isPlainObject(x) && isPlainObject(y)) {
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    for (const k of keys) if (!deepEqual(x[k], y[k])) return false;
    return true;
  }
  return sameScalar(x, y);
}

/** A copy without ignored paths and without "not set" members, so equal things look equal. */
function strip(v: unknown, path: string, filter: PathFilter): unknown {
  if (Array.isArray(v)) return v.map((x) => strip(x, `${path}[*]`, filter));
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const p = `${path}.${k}`;
    if (filter.ignored(p) || isEmpty(v[k])) continue;
    out[k] = strip(v[k], p, filter);
  }
  return out;
}

function equal(x: unknown, y: unknown, path: string, filter: PathFilter): boolean {
  if (isEmpty(x) && isEmpty(y)) return true;
  return deepEqual(strip(x, path, filter), strip(y, path, filter));
}

/**
 * Scalars the same once spelled alike: a KMS key (or other) ARN and the bare id it ends in are one
 * value (AWS APIs answer with either, Terraform stores what it was given).
 */
function sameScalar(d: unknown, a: unknown): boolean {
  if (d === a) return true;
  if (typeof d === "string" && typeof a === "string") return arnTail(d) === arnTail(a) && (d.startsWith("arn:") !== a.startsWith("arn:"));
  return false;
}

function arnTail(s: string): string {
  if (!s.startsWith("arn:")) return s;
  const res = s.split(":").slice(5).join(":");
  return res.slice(res.indexOf("/") + 1);
}

function hasOpaque(v: unknown): boolean {
  if (isUnknown(v) || isRedacted(v)) return true;
  if (Array.isArray(v)) return v.some(hasOpaque);
  if (isPlainObject(v)) return Object.values(v).some(hasOpaque);
  return false;
}

export function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) return Object.keys(v).length === 0;
  return false;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Unknown);
}

/** A value as one short line ("(not set)" for absent). */
export function show(v: unknown): string {
  if (isEmpty(v)) return "(not set)";
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
