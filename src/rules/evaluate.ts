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
}

/** The subject of an account- or region-scoped rule: the evidence's own AWS::::Account record, or a stand-in. */
export function accountSubject(group: ScopeGroup): Resource {
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
  if (compiled.applies) {
    applies = compiled.applies.eval(res, res.props, ctx);
    if (applies === FALSE) {
      const { reason } = ctx.explain();
      ctx.reset();
      return { rule, resource: res, verdict: "NOT_APPLICABLE", reason: `does not apply: ${reason}` };
    }
    if (applies === UNKNOWN) appliesReason = ctx.explain().reason;
    ctx.reset();
  }
  const t = compiled.condition.eval(res, res.props, ctx);
  const { reason, path } = ctx.explain();
  ctx.reset();
  // A resource that passes passes whether or not the rule applies; anything else hinges on `applies`.
  let verdict: Verdict;
  let why = reason;
  if (t === TRUE) verdict = "PASS";
  else if (applies === UNKNOWN) {
    verdict = "UNKNOWN";
    why = `may apply (${appliesReason}); ${reason}`;
  } else verdict = t === FALSE ? "FAIL" : "UNKNOWN";
  return path === undefined ? { rule, resource: res, verdict, reason: why } : { rule, resource: res, verdict, reason: why, path };
}

export function evaluate(rules: readonly Rule[], resources: readonly Resource[], opts: EvaluateOptions = {}): RuleResult[] {
  const index = opts.index ?? new EvidenceIndex(resources);
  const ctx = new EvalContext(index);
  const byType = new Map<string, Resource[]>();
  for (const r of resources) {
    const l = byType.get(r.type);
    if (l) l.push(r);
    else byType.set(r.type, [r]);
  }
  const out: RuleResult[] = [];
  for (const rule of rules) {
    const compiled = compileRule(rule);
    ctx.params = resolveParams(rule, opts.params?.(rule.id));
    if (rule.scope === "account" || rule.scope === "region") {
      for (const group of index.groups(rule.scope)) {
        ctx.group = group;
        out.push(judge(rule, compiled, accountSubject(group), ctx));
      }
      ctx.group = undefined;
      continue;
    }
    for (const type of rule.resourceTypes) {
      const list = byType.get(type);
      if (!list) continue;
      for (let i = 0; i < list.length; i++) out.push(judge(rule, compiled, list[i], ctx));
    }
  }
  return out;
}
