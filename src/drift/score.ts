/**
 * Scores drift against policy: a change is security drift when an enabled rule passes on Terraform's
 * record and fails (or can no longer be decided) on what AWS has: "encryption turned off by hand".
 * Each side is judged with its own evidence (the desired records, or the live records), so rules that
 * follow references (a bucket's KMS key) see the keys of that side.
 */
import type { Resource } from "../model/resource.js";
import type { PreparedPolicy } from "../policy/select.js";
import { evaluateEach } from "../rules/evaluate.js";
import { EvidenceIndex } from "../rules/index.js";
import type { Rule } from "../rules/types.js";
import { severityRank, type Severity, type Verdict } from "../rules/verdict.js";
import type { DiffResult } from "./diff.js";

export function scoreDrift(diff: DiffResult, desired: readonly Resource[], actual: readonly Resource[], prepared: PreparedPolicy): void {
  const resourceRules = prepared.rules.filter((r) => r.scope === "resource");
  if (resourceRules.length === 0) return;
  let desiredIndex: EvidenceIndex | undefined;
  let actualIndex: EvidenceIndex | undefined;
  for (const [item, { desired: d, actual: a }] of diff.records) {
    const rules = resourceRules.filter((r) => r.resourceTypes.includes(item.type));
    if (rules.length === 0) continue;
    if (item.kind === "changed" && d && a) {
      const before = verdicts(rules, d, (desiredIndex ??= new EvidenceIndex(desired)), prepared);
      const after = verdicts(rules, a, (actualIndex ??= new EvidenceIndex(actual)), prepared);
      const turned = rules.filter((r) => before.get(r.id) === "PASS" && (after.get(r.id) === "FAIL" || after.get(r.id) === "UNKNOWN")).map((r) => r.id);
      if (turned.length > 0) {
        item.security = true;
        item.rules = turned;
        item.severity = rules.filter((r) => turned.includes(r.id)).reduce<Severity>((m, r) => (severityRank(r.severity) > severityRank(m) ? r.severity : m), "info");
      }
    } else if (item.kind === "unmanaged" && a) {
      const now = verdicts(rules, a, (actualIndex ??= new EvidenceIndex(actual)), prepared);
      const failing = rules.filter((r) => now.get(r.id) === "FAIL").map((r) => r.id);
      if (failing.length > 0) item.failingRules = failing;
    }
  }
}

function verdicts(rules: readonly Rule[], r: Resource, index: EvidenceIndex, prepared: PreparedPolicy): Map<string, Verdict> {
  const out = new Map<string, Verdict>();
  evaluateEach(rules, [r], { params: prepared.params, index }, (res) => out.set(res.rule.id, res.verdict));
  return out;
}
