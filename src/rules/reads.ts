/**
 * Which resource types a rule reads: the types it judges (resource scope), the account pseudo-resource
 * (account / region scope), and the types its `ref` and `count` nodes look up. Live collection runs only
 * the collectors for these types, and an evidence gap in one of them makes the rule UNKNOWN.
 */
import { ACCOUNT_TYPE } from "../model/resource.js";
import type { ConditionSpec, Rule } from "./types.js";

export interface RuleReads {
  /** Types whose records are the rule's subjects. */
  subjects: string[];
  /** Types looked up through `ref` nodes. */
  refs: string[];
  /** Types counted through `count` nodes (in the subject's account, or its region for region scope). */
  counts: string[];
}

const cache = new WeakMap<Rule, RuleReads>();

function typesOf(t: string | string[]): string[] {
  return typeof t === "string" ? [t] : t;
}

/** Collects ref / count types; returns whether the condition reads the subject's own props. */
function walk(spec: ConditionSpec | undefined, out: RuleReads): boolean {
  if (!spec || typeof spec !== "object") return false;
  const s = spec as Record<string, any>;
  let own = typeof s.path === "string";
  if (Array.isArray(s.all)) for (const c of s.all) own = walk(c, out) || own;
  if (Array.isArray(s.any)) for (const c of s.any) own = walk(c, out) || own;
  if (s.not) own = walk(s.not, out) || own;
  for (const q of ["some", "every", "none"]) {
    if (s[q]) {
      own = true;
      walk(s[q].where, out);
    }
  }
  if (s.ref) {
    // The ref's path is read on the subject; its `where` on the target.
    own = true;
    out.refs.push(...typesOf(s.ref.type));
    walk(s.ref.where, out);
  }
  if (s.count) {
    out.counts.push(...typesOf(s.count.type));
    walk(s.count.where, out);
  }
  return own;
}

export function ruleReads(rule: Rule): RuleReads {
  let r = cache.get(rule);
  if (!r) {
    r = { subjects: rule.scope === "resource" ? [...rule.resourceTypes] : [], refs: [], counts: [] };
    const inApplies = walk(rule.applies, r);
    const own = walk(rule.condition, r) || inApplies;
    // A scoped rule's subject is the account pseudo-resource: it is read only when a condition reads its props.
    if (rule.scope !== "resource" && own) r.subjects.push(ACCOUNT_TYPE);
    r.refs = [...new Set(r.refs)];
    r.counts = [...new Set(r.counts)];
    cache.set(rule, r);
  }
  return r;
}

/** Every resource type the rules read, sorted. */
export function ruleResourceTypes(rules: readonly Rule[]): string[] {
  const all = new Set<string>();
  for (const rule of rules) {
    const r = ruleReads(rule);
    for (const t of [...r.subjects, ...r.refs, ...r.counts]) all.add(t);
  }
  return [...all].sort();
}

/** The marker a prop-reads set holds when the rules read the resource's tags (`$tags` paths). */
export const TAGS_READ = "$tags";

/** The top-level prop a path reads from the resource ("BucketEncryption.Rules[0]" → BucketEncryption), TAGS_READ, or nothing. */
function topOf(path: string): string | undefined {
  if (path.startsWith("$tags")) return TAGS_READ;
  if (path.startsWith("$") || path.startsWith("@")) return undefined;
  const end = path.search(/[.[]/);
  return end < 0 ? path : end === 0 ? undefined : path.slice(0, end);
}

function addAll(out: Map<string, Set<string>>, types: readonly string[], prop: string | undefined): void {
  if (prop === undefined) return;
  for (const t of types) {
    const s = out.get(t);
    if (s) s.add(prop);
    else out.set(t, new Set([prop]));
  }
}

/**
 * Walks a condition whose bare paths are read on `types` (or, `relative`, on the element of a quantifier
 * whose own path already named the prop), adding the top-level props read to `out`.
 */
function walkProps(spec: ConditionSpec | undefined, types: readonly string[], relative: boolean, out: Map<string, Set<string>>): void {
  if (!spec || typeof spec !== "object") return;
  const s = spec as Record<string, any>;
  if (typeof s.path === "string" && !relative) addAll(out, types, topOf(s.path));
  for (const k of ["all", "any"]) if (Array.isArray(s[k])) for (const c of s[k]) walkProps(c, types, relative, out);
  if (s.not) walkProps(s.not, types, relative, out);
  for (const q of ["some", "every", "none"]) {
    if (!s[q]) continue;
    if (typeof s[q].path === "string" && !relative) addAll(out, types, topOf(s[q].path));
    walkProps(s[q].where, types, true, out);
  }
  if (s.ref) {
    if (typeof s.ref.path === "string" && !relative) addAll(out, types, topOf(s.ref.path));
    walkProps(s.ref.where, typesOf(s.ref.type), false, out);
  }
  if (s.count) {
    const counted = typesOf(s.count.type);
    // Counted resources are there (their identity is read) even when no prop of theirs is.
    for (const t of counted) if (!out.has(t)) out.set(t, new Set());
    if (typeof s.count.referencing === "string") addAll(out, counted, topOf(s.count.referencing));
    walkProps(s.count.where, counted, false, out);
  }
}

/**
 * Per resource type, the top-level props the rules read (TAGS_READ for tags), from their `applies` and
 * `condition`: the subject's paths, a `ref`'s `where` on the target types, a `count`'s `where` and
 * `referencing` on the counted types. Live collection may skip a call that feeds none of them.
 * `tags`: the policy's scope selects by tag, so every type's tags are read.
 */
export function rulePropReads(rules: readonly Rule[], opts: { tags?: boolean } = {}): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const rule of rules) {
    const subjects = rule.scope === "resource" ? rule.resourceTypes : [ACCOUNT_TYPE];
    for (const t of subjects) if (!out.has(t)) out.set(t, new Set());
    walkProps(rule.applies, subjects, false, out);
    walkProps(rule.condition, subjects, false, out);
  }
  if (opts.tags) for (const s of out.values()) s.add(TAGS_READ);
  return out;
}
