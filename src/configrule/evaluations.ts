/**
 * plumbline verdicts → AWS Config evaluations. One Config rule may run several plumbline rules, but
 * Config keeps ONE evaluation per (Config rule, resource), so a resource's results are combined:
 *
 *   any FAIL (not waived)         → NON_COMPLIANT, the failures in the annotation
 *   else any UNKNOWN              → NOT_APPLICABLE, annotation "UNKNOWN: <rule>: <reason>"
 *   else any PASS                 → COMPLIANT
 *   else (nothing applies / only waived failures) → NOT_APPLICABLE, with the reason
 *
 * UNKNOWN (evidence missing) cannot be sent as INSUFFICIENT_DATA: a custom rule may only send
 * COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE. It is sent as NOT_APPLICABLE with an annotation that
 * starts "UNKNOWN:" so it is never read as COMPLIANT, and a query on annotations finds every one.
 * An active waiver turns a FAIL into NOT_APPLICABLE "WAIVED: ..." (never COMPLIANT); an expired one waives
 * nothing.
 */
import type { Evaluation } from "@aws-sdk/client-config-service";
import type { RuleResult } from "../rules/types.js";

export type ComplianceType = "COMPLIANT" | "NON_COMPLIANT" | "NOT_APPLICABLE";

/** Config's limit for Annotation (PutEvaluations API reference: 1-256 characters). */
export const ANNOTATION_MAX = 256;

/** Within 256 characters, ending in "…" when cut; never empty (undefined instead: Config rejects ""). */
export function truncateAnnotation(text: string): string | undefined {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean === "") return undefined;
  const chars = Array.from(clean); // code points: never cut a surrogate pair in half
  if (chars.length <= ANNOTATION_MAX) return clean;
  return chars.slice(0, ANNOTATION_MAX - 1).join("").trimEnd() + "…";
}

export interface Target {
  resourceType: string;
  resourceId: string;
}

export function evaluation(target: Target, compliance: ComplianceType, annotation: string | undefined, at: Date): Evaluation {
  const e: Evaluation = {
    ComplianceResourceType: target.resourceType,
    ComplianceResourceId: target.resourceId,
    ComplianceType: compliance,
    OrderingTimestamp: at,
  };
  const a = annotation === undefined ? undefined : truncateAnnotation(annotation);
  if (a !== undefined) e.Annotation = a;
  return e;
}

/** The annotation for missing evidence: always starts "UNKNOWN:". */
export function unknownAnnotation(reason: string): string {
  return `UNKNOWN: ${reason}`;
}

/** One resource's results (from every plumbline rule the Config rule runs) → one evaluation. */
export function combine(target: Target, results: readonly RuleResult[], at: Date): Evaluation {
  const waivedNow = (r: RuleResult) => r.waiver !== undefined && !r.waiver.expired;
  const fails = results.filter((r) => r.verdict === "FAIL" && !waivedNow(r));
  const unknown = results.filter((r) => r.verdict === "UNKNOWN" && !waivedNow(r));
  const waived = results.filter((r) => (r.verdict === "FAIL" || r.verdict === "UNKNOWN") && waivedNow(r));
  const pass = results.filter((r) => r.verdict === "PASS");
  if (fails.length) return evaluation(target, "NON_COMPLIANT", fails.map((r) => `${r.rule.id}: ${r.reason}`).join("; "), at);
  if (unknown.length) return evaluation(target, "NOT_APPLICABLE", unknownAnnotation(unknown.map((r) => `${r.rule.id}: ${r.reason}`).join("; ")), at);
  if (pass.length && waived.length === 0) return evaluation(target, "COMPLIANT", undefined, at);
  if (waived.length) {
    const w = waived[0].waiver!;
    return evaluation(target, "NOT_APPLICABLE", `WAIVED until ${w.expires}${w.owner ? ` (${w.owner})` : ""}: ${waived.map((r) => r.rule.id).join(", ")}: ${w.reason}`, at);
  }
  const na = results.find((r) => r.verdict === "NOT_APPLICABLE");
  return evaluation(target, "NOT_APPLICABLE", na ? `${na.rule.id}: ${na.reason}` : "no plumbline rule in this Config rule judges this resource", at);
}
