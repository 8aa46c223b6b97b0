/**
 * Runs rules over resources: one result per (rule, resource of a matching type), or per account /
 * region group for scoped rules. Pure: reads resources, never changes them.
 */
import { ACCOUNT_TYPE, type Resource } from "../model/resource.js";
import { compileRule, type CompiledRule } from "./compile.js";
import { EvalContext } from "./context.js";
import { EvidenceIndex, type ResourceIndex, type ScopeGroup } from "./index.js";
import { resolveParams } from "./params.js";
import { FALSE, TRUE, UNKNOWN, type Tri } from "./tri.js";
import type { Rule, RuleResult } from "./types.js";
import type { Verdict } from "./verdict.js";

export interface EvaluateOptions {
  /** Parameter values per rule (a policy's paramsFor); the rule's defaults fill the rest. */
  params?: (ruleId: string) => Record<string, unknown> | undefined;
  /** Defaults to an EvidenceIndex over `resources`. */
  index?: ResourceIndex;
  /** The time date operators (`within-days`) measure against; defaults to now. */
  now?: Date;
}

const subjects = new WeakMap<ScopeGroup, Resource>();

/** The subject of an account- or region-scoped rule: the evidence's own AWS::::Account record, or a stand-in. */
export function accountSubject(group: ScopeGroup): Resource {
  // Every scoped rule judges the same subject: find it once per group, not once per rule.
  let subject = subjects.get(group);
  if (!subject) subjects.set(group, (subject = findAccountSubject(group)));
  return subject;
}

function findAccountSubject(group: ScopeGroup): Resource {
  const own = group.resources.find((r) => r.type === ACCOUNT_TYPE && (group.region === undefined || !r.region || r.region === group.region));
  if (own) return group.region !== undefined && own.region !== group.region ? { ...own, region: group.region } : own;
  const first = group.resources[0];
  return {
    type: ACCOUNT_TYPE,
    id: group.account ?? group.location ?? "unknown",
    account: group.account,
    region: group.region,
    tags: {},
    props: {},
    origin: { source: first?.origin.source ?? "hcl", location: first?.origin.location, workspace: first?.origin.workspace },
  };
}

function judge(rule: Rule, compiled: CompiledRule, res: Resource, ctx: EvalContext): RuleResult {
  ctx.top = res;
  ctx.reset();
  let applies: Tri = TRUE;
  let appliesReason = "";
  let appliesFacts: readonly string[] | undefined;
  if (compiled.applies) {
    applies = compiled.applies.eval(res, res.props, ctx);
    if (applies === FALSE) {
      ctx.explain();
      ctx.reset();
      return { rule, resource: res, verdict: "NOT_APPLICABLE", reason: `does not apply: ${ctx.reason}`, path: undefined };
    }
    if (applies === UNKNOWN) {
      ctx.explain(0, undefined, true);
      appliesReason = ctx.reason;
      appliesFacts = ctx.facts;
    }
    ctx.reset();
  }
  const t = compiled.condition.eval(res, res.props, ctx);
  // When the verdict hinges on an unknown `applies`, its facts are said once, in "may apply (…)".
  ctx.explain(0, t !== TRUE ? appliesFacts : undefined);
  ctx.reset();
  const path = ctx.path;
  // A resource that passes passes whether or not the rule applies; anything else hinges on `applies`.
  let verdict: Verdict;
  let why = ctx.reason;
  if (t === TRUE) verdict = "PASS";
  else if (applies === UNKNOWN) {
    verdict = "UNKNOWN";
    why = why === "" ? appliesReason : `may apply (${appliesReason}); ${why}`;
  } else verdict = t === FALSE ? "FAIL" : "UNKNOWN";
  // One object shape for every result (path: undefined rather than absent): the hot path stays monomorphic.
  return { rule, resource: res, verdict, reason: why, path };
}

export function evaluate(rules: readonly Rule[], resources: readonly Resource[], opts: EvaluateOptions = {}): RuleResult[] {
  const out: RuleResult[] = [];
  evaluateEach(rules, resources, opts, (r) => {
    out.push(r);
  });
  return out;
}

/**
 * evaluate() without the array: hands each result to `sink` as soon as it is made, in the same order,
 * so a caller that turns results into something else (a report) never holds both. `at` is the
 * resource's position in `resources`, or -1 for the account / region subject of a scoped rule.
 */
export function evaluateEach(
  rules: readonly Rule[],
  resources: readonly Resource[],
  opts: EvaluateOptions,
  sink: (r: RuleResult, at: number) => void,
): void {
  const index = opts.index ?? new EvidenceIndex(resources);
  const ctx = new EvalContext(index);
  if (opts.now) ctx.now = opts.now.getTime();
  const byType = new Map<string, number[]>();
  for (let i = 0; i < resources.length; i++) {
    const type = resources[i].type;
    const l = byType.get(type);
    if (l) l.push(i);
    else byType.set(type, [i]);
  }
  for (const rule of rules) {
    const compiled = compileRule(rule);
    ctx.params = resolveParams(rule, opts.params?.(rule.id));
    if (rule.scope === "account" || rule.scope === "region") {
      for (const group of index.groups(rule.scope)) {
        ctx.group = group;
        sink(judge(rule, compiled, accountSubject(group), ctx), -1);
      }
      ctx.group = undefined;
      continue;
    }
    for (const type of rule.resourceTypes) {
      const list = byType.get(type);
      if (!list) continue;
      for (let i = 0; i < list.length; i++) sink(judge(rule, compiled, resources[list[i]], ctx), list[i]);
    }
  }
}
