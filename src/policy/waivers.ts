/** Waivers: accepted risk with an owner and an expiry. Expired waivers never waive. */
import type { Resource } from "../model/resource.js";
import type { AppliedWaiver, RuleResult } from "../rules/types.js";
import { expiryTime } from "./loader.js";
import type { Policy, Waiver } from "./types.js";

/** `*` any run of characters (dots and brackets included), `?` one character; everything else literal. */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (const c of glob) re += c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${re}$`);
}

export interface WaiverUse extends Waiver {
  /** FAIL / UNKNOWN results it matched. */
  matched: number;
}

export interface WaiverOutcome {
  /** The results, FAIL / UNKNOWN ones carrying the waiver that matched (an active one when there is one). */
  results: RuleResult[];
  /** Expired waivers that still match a FAIL / UNKNOWN result: the gate fails on these. */
  expired: WaiverUse[];
  /** Waivers (active or expired) that matched no FAIL / UNKNOWN result: stale, to be removed. */
  unused: WaiverUse[];
}

function resourceMatches(re: RegExp, r: Resource): boolean {
  return (r.origin.address !== undefined && re.test(r.origin.address)) || re.test(r.id) || (r.arn !== undefined && re.test(r.arn));
}

/**
 * Waivers matched one result at a time (an audit converts each result as it is made and never holds
 * the whole RuleResult list): `match` gives the waiver a FAIL / UNKNOWN result carries, and counts the
 * use; `expired` / `unused` report on every result matched so far.
 */
export class WaiverMatcher {
  private readonly compiled: { w: Waiver; rule: RegExp; res: RegExp; expired: boolean; matched: number }[];

  constructor(policy: Pick<Policy, "waivers">, now: Date) {
    const t = now.getTime();
    this.compiled = policy.waivers.map((w) => ({ w, rule: globToRegExp(w.rule), res: globToRegExp(w.resource), expired: t >= expiryTime(w.expires), matched: 0 }));
  }

  match(r: RuleResult): AppliedWaiver | undefined {
    if ((r.verdict !== "FAIL" && r.verdict !== "UNKNOWN") || this.compiled.length === 0) return undefined;
    let chosen: (typeof this.compiled)[number] | undefined;
    for (const c of this.compiled) {
      if (!c.rule.test(r.rule.id) || !resourceMatches(c.res, r.resource)) continue;
      c.matched++;
      if (!chosen || (chosen.expired && !c.expired)) chosen = c;
    }
    if (!chosen) return undefined;
    const { reason, owner, ticket, expires } = chosen.w;
    return { reason, owner, ...(ticket !== undefined ? { ticket } : {}), expires, expired: chosen.expired };
  }

  expired(): WaiverUse[] {
    return this.compiled.filter((c) => c.expired && c.matched > 0).map(use);
  }

  unused(): WaiverUse[] {
    return this.compiled.filter((c) => c.matched === 0).map(use);
  }
}

function use(c: { w: Waiver; matched: number }): WaiverUse {
  return { ...c.w, matched: c.matched };
}

export function applyWaivers(results: readonly RuleResult[], policy: Pick<Policy, "waivers">, now: Date): WaiverOutcome {
  const m = new WaiverMatcher(policy, now);
  const out = results.map((r) => {
    const waiver = m.match(r);
    return waiver ? { ...r, waiver } : r;
  });
  return { results: out, expired: m.expired(), unused: m.unused() };
}
