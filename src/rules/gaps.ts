/**
 * Evidence gaps → UNKNOWN. When a resource type could not be listed in an account (or one region of it),
 * rules that read that type there cannot be decided, whatever the evaluation over the resources that
 * were listed says:
 *   - an account- or region-scoped rule whose conditions read the type in that scope is UNKNOWN;
 *   - a resource-scoped rule that counts the type in the subject's account is UNKNOWN;
 *   - a resource-scoped rule over the type gets one UNKNOWN result on the account pseudo-resource of the
 *     gap's scope ("could not list AWS::S3::Bucket in 111122223333/eu-west-1: ... was denied"), since the
 *     resources it would have judged are not in the evidence at all.
 * General over rules: it goes by the types a rule reads (reads.ts), never by rule.
 */
import { ACCOUNT_TYPE, type Resource, type SourceKind } from "../model/resource.js";
import { ruleReads } from "./reads.js";
import type { Rule, RuleResult } from "./types.js";

export interface ScopeGap {
  type: string;
  account?: string;
  /** Absent: every region of the account (a global listing failed). */
  region?: string;
  reason: string;
  action?: string;
  /** The evidence it belongs to, for the pseudo-resource's origin. */
  source?: SourceKind;
  location?: string;
}

export function gapScopeText(g: Pick<ScopeGap, "account" | "region">): string {
  return [g.account ?? "the account", g.region].filter(Boolean).join("/");
}

export function gapReason(g: ScopeGap): string {
  return `could not list ${g.type} in ${gapScopeText(g)}: ${g.reason}`;
}

/** The account pseudo-resource a gap's UNKNOWN results are about. */
export function gapSubject(g: ScopeGap): Resource {
  return {
    type: ACCOUNT_TYPE,
    id: g.account ?? "unknown",
    ...(g.account ? { account: g.account } : {}),
    ...(g.region ? { region: g.region } : {}),
    tags: {},
    props: {},
    origin: { source: g.source ?? "aws", location: g.location ?? (g.account ? `aws://${g.account}` : undefined) },
  };
}

export class GapJudge {
  private readonly byAccount = new Map<string, ScopeGap[]>();
  /** `${ruleId}|${account}|${region}` and `${ruleId}|${account}|*` for scoped results already made UNKNOWN. */
  private readonly covered = new Set<string>();

  constructor(readonly gaps: readonly ScopeGap[]) {
    for (const g of gaps) {
      const k = g.account ?? "";
      const l = this.byAccount.get(k);
      if (l) l.push(g);
      else this.byAccount.set(k, [g]);
    }
  }

  get empty(): boolean {
    return this.gaps.length === 0;
  }

  private find(account: string | undefined, types: readonly string[], region: string | undefined, anyRegion: boolean): ScopeGap | undefined {
    if (account === undefined || types.length === 0) return undefined;
    for (const g of this.byAccount.get(account) ?? []) {
      if (!types.includes(g.type)) continue;
      if (anyRegion || g.region === undefined || g.region === region) return g;
    }
    return undefined;
  }

  /** A result of the normal evaluation, made UNKNOWN when a type it depends on has a gap in its scope. */
  adjust(r: RuleResult): RuleResult {
    if (this.gaps.length === 0) return r;
    const rule = r.rule;
    const reads = ruleReads(rule);
    const res = r.resource;
    let g: ScopeGap | undefined;
    if (rule.scope === "account" || rule.scope === "region") {
      // This scope had a group to judge: extra() need not speak for it.
      this.covered.add(`${rule.id}|${res.account}|${rule.scope === "region" ? (res.region ?? "") : "*"}`);
      this.covered.add(`${rule.id}|${res.account}|*`);
      const types = [...reads.subjects, ...reads.refs, ...reads.counts];
      g = this.find(res.account, types, res.region, rule.scope === "account");
      if (!g) return r;
    } else {
      // A count in a resource-scoped rule runs over the subject's whole account.
      g = this.find(res.account, reads.counts, undefined, true);
      if (!g) return r;
    }
    if (r.verdict === "UNKNOWN" && r.reason.includes(g.reason)) return r;
    return { rule, resource: res, verdict: "UNKNOWN", reason: gapReason(g), path: undefined, ...(r.waiver ? { waiver: r.waiver } : {}) };
  }

  /**
   * The results evaluation could not make: per gap, one UNKNOWN for each resource-scoped rule over the
   * type, and for each scoped rule reading it whose scope had no group to judge. Call after adjust()
   * has seen every result.
   */
  extra(rules: readonly Rule[], keep: (subject: Resource) => boolean = () => true): RuleResult[] {
    const out: RuleResult[] = [];
    const made = new Set<string>();
    for (const g of this.gaps) {
      for (const rule of rules) {
        const reads = ruleReads(rule);
        const scoped = rule.scope === "account" || rule.scope === "region";
        const relevant = scoped ? reads.subjects.includes(g.type) || reads.refs.includes(g.type) || reads.counts.includes(g.type) : reads.subjects.includes(g.type);
        if (!relevant) continue;
        const region = rule.scope === "account" ? undefined : g.region;
        const key = `${rule.id}|${g.account}|${scoped && region === undefined ? "*" : (region ?? "")}`;
        if (scoped && this.covered.has(key)) continue;
        if (made.has(key)) continue;
        made.add(key);
        const subject = gapSubject({ ...g, region });
        if (!keep(subject)) continue;
        out.push({ rule, resource: subject, verdict: "UNKNOWN", reason: gapReason(g), path: undefined });
      }
    }
    return out;
  }
}
