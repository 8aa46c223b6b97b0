/**
 * The rules and policy packs a Config rule can choose from. In the Lambda bundle they are embedded at
 * build time (already parsed and validated: no file reads, no YAML or schema work at cold start); in
 * tests and the CLI they are loaded from the rule and policy directories.
 */
import type { Policy } from "../policy/types.js";
import type { ConditionSpec, Rule } from "../rules/types.js";

export interface RuleSet {
  rules: Rule[];
  /** Policy packs by name ("baseline", "prod"), with their bases merged. */
  packs: Record<string, Policy>;
}

/** Every resource type a condition reads through `ref` or `count` (besides the judged resource). */
function referencedTypes(spec: ConditionSpec | undefined, out: Set<string>): void {
  if (!spec || typeof spec !== "object") return;
  const s = spec as Record<string, unknown>;
  for (const key of ["ref", "count"]) {
    const r = s[key] as { type?: string | string[]; where?: ConditionSpec } | undefined;
    if (r && typeof r === "object") {
      for (const t of Array.isArray(r.type) ? r.type : r.type ? [r.type] : []) out.add(t);
      referencedTypes(r.where, out);
    }
  }
  for (const key of ["all", "any"]) {
    const l = s[key];
    if (Array.isArray(l)) for (const c of l) referencedTypes(c as ConditionSpec, out);
  }
  if (s.not) referencedTypes(s.not as ConditionSpec, out);
  for (const key of ["some", "every", "none"]) {
    const q = s[key] as { where?: ConditionSpec } | undefined;
    if (q && typeof q === "object") referencedTypes(q.where, out);
  }
}

/** Types a rule reads other than the resource it judges (cross-resource references and counts). */
export function otherTypes(rule: Rule): string[] {
  const out = new Set<string>();
  referencedTypes(rule.applies, out);
  referencedTypes(rule.condition, out);
  if (rule.scope === "resource") for (const t of rule.resourceTypes) out.delete(t);
  return [...out].sort();
}

/**
 * A rule a change notification can decide alone: it judges one resource and reads nothing else. Rules
 * that count or reference other resources, and account / region rules, need the whole inventory: they
 * run on the periodic trigger.
 */
export function isChangeTriggerable(rule: Rule): boolean {
  return rule.scope === "resource" && otherTypes(rule).length === 0;
}

/** Every type a periodic run must enumerate for these rules. */
export function typesToEnumerate(rules: readonly Rule[]): string[] {
  const out = new Set<string>();
  for (const r of rules) {
    if (r.scope === "resource") for (const t of r.resourceTypes) out.add(t);
    for (const t of otherTypes(r)) out.add(t);
  }
  out.delete("AWS::::Account");
  return [...out].sort();
}
