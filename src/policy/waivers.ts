/** Waivers: accepted risk with an owner and an expiry. Expired waivers never waive. */
import type { Resource } from "../model/resource.js";
import type { RuleResult } from "../rules/types.js";
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

export function applyWaivers(results: readonly RuleResult[], policy: Pick<Policy, "waivers">, now: Date): WaiverOutcome {
  const t = now.getTime();
  const compiled = policy.waivers.map((w) => ({ w, rule: globToRegExp(w.rule), res: globToRegExp(w.resource), expired: t >= expiryTime(w.expires), matched: 0 }));
  const out = results.map((r) => {
    if (r.verdict !== "FAIL" && r.verdict !== "UNKNOWN") return r;
    let chosen: (typeof compiled)[number] | undefined;
    for (const c of compiled) {
      if (!c.rule.test(r.rule.id) || !resourceMatches(c.res, r.resource)) continue;
      c.matched++;
      if (!chosen || (chosen.expired && !c.expired)) chosen = c;
    }
    if (!chosen) return r;
    const { reason, owner, ticket, expires } = chosen.w;
    return { ...r, waiver: { reason, owner, ...(ticket !== undefined ? { ticket } : {}), expires, expired: chosen.expired } };
  });
  const use = (c: (typeof compiled)[number]): WaiverUse => ({ ...c.w, matched: c.matched });
  return {
    results: out,
    expired: compiled.filter((c) => c.expired && c.matched > 0).map(use),
    unused: compiled.filter((c) => c.matched === 0).map(use),
  };
}
