/** Applying a pack to a rule set: checking its mentions, selecting rules, resolving params. */
import { inputError } from "../errors.js";
import { paramValueProblem, resolveParams } from "../rules/params.js";
import type { Rule } from "../rules/types.js";
import type { Policy, RuleSelector } from "./types.js";

function where(file: string, line: number | undefined, base: string): string {
  const f = file === base ? "" : file;
  return line !== undefined ? (f ? `${f}:${line}` : `line ${line}`) : f;
}

/**
 * Every rule id the policy names must exist, every per-rule param must be declared by that rule and
 * fit its type, and every "*" param must be declared by some rule. Throws one InputError listing all.
 */
export function checkPolicyAgainstRules(policy: Policy, rules: readonly Rule[]): void {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const unknown = policy.mentions.filter((m) => m.ruleId !== "*" && !byId.has(m.ruleId));
  if (unknown.length > 0) {
    const list = unknown.map((m) => `${m.ruleId} (${m.kind}${m.line !== undefined || m.file !== policy.file ? `, ${where(m.file, m.line, policy.file)}` : ""})`);
    throw inputError(policy.file, unknown.length === 1 && unknown[0].file === policy.file ? unknown[0].line : undefined, `unknown rule id${unknown.length > 1 ? "s" : ""}: ${list.join(", ")}`);
  }
  for (const m of policy.mentions) {
    if (m.kind !== "params" || m.param === undefined) continue;
    const value = policy.params[m.ruleId]?.[m.param];
    if (m.ruleId === "*") {
      const declaring = rules.filter((r) => Object.hasOwn(r.params, m.param!));
      if (declaring.length === 0) throw inputError(m.file, m.line, `params.*.${m.param}: no rule has a parameter '${m.param}'`);
      for (const r of declaring) {
        const problem = paramValueProblem(r.params[m.param], value);
        if (problem) throw inputError(m.file, m.line, `params.*.${m.param}: for rule ${r.id}: ${problem}`);
      }
      continue;
    }
    const rule = byId.get(m.ruleId)!;
    const spec = rule.params[m.param];
    if (!spec) {
      const known = Object.keys(rule.params);
      throw inputError(m.file, m.line, `params.${m.ruleId}.${m.param}: rule ${m.ruleId} has no parameter '${m.param}'${known.length ? ` (it has ${known.join(", ")})` : " (it takes none)"}`);
    }
    const problem = paramValueProblem(spec, value);
    if (problem) throw inputError(m.file, m.line, `params.${m.ruleId}.${m.param}: ${problem}`);
  }
}

function matches(sel: RuleSelector, rule: Rule): boolean {
  return sel.all === true || (sel.ids?.includes(rule.id) ?? false) || (sel.areas?.includes(rule.area) ?? false) || (sel.severities?.includes(rule.severity) ?? false);
}

/**
 * The rules the pack runs, in rule-set order, with its severity overrides applied (copies: the input
 * rules are untouched). Severity selectors see the overridden severity.
 */
export function selectRules(policy: Policy, rules: readonly Rule[]): Rule[] {
  const out: Rule[] = [];
  for (const rule of rules) {
    const sev = policy.severity[rule.id];
    const r = sev && sev !== rule.severity ? { ...rule, severity: sev } : rule;
    if (policy.include.some((s) => matches(s, r)) && !policy.exclude.some((s) => matches(s, r))) out.push(r);
  }
  return out;
}

/** Param values for one rule: its defaults ← the pack's "*" (for params the rule declares) ← the pack's per-rule values. */
export function paramsFor(policy: Policy, rule: Rule): Record<string, unknown> {
  const given: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(policy.params["*"] ?? {})) if (Object.hasOwn(rule.params, name)) given[name] = v;
  Object.assign(given, policy.params[rule.id] ?? {});
  return resolveParams(rule, given);
}

export interface PreparedPolicy {
  rules: Rule[];
  /** Ready for evaluate()'s `params` option. */
  params: (ruleId: string) => Record<string, unknown> | undefined;
}

/** check + select + params in one step: what a caller of evaluate() needs from a pack. */
export function preparePolicy(policy: Policy, allRules: readonly Rule[]): PreparedPolicy {
  checkPolicyAgainstRules(policy, allRules);
  const rules = selectRules(policy, allRules);
  const params = new Map(rules.map((r) => [r.id, paramsFor(policy, r)]));
  return { rules, params: (id) => params.get(id) };
}
