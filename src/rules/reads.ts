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
