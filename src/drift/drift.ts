/** One drift computation: diff, score against policy, attribute, order, count, decide. */
import type { Resource } from "../model/resource.js";
import type { PreparedPolicy } from "../policy/select.js";
import type { DriftIgnore } from "../policy/types.js";
import { attributeItems, type AttributionOptions } from "./attribution.js";
import type { CoverageInput } from "./coverage.js";
import { diffResources, orderItems } from "./diff.js";
import type { NoiseTable } from "./noise.js";
import { scoreDrift } from "./score.js";
import type { DriftDecision, DriftSection } from "./types.js";

export type FailOn = DriftDecision["failOn"];

export interface DriftInput {
  /** Terraform's records (state, plan), already in the policy's scope. */
  desired: readonly Resource[];
  /** Live AWS records. */
  actual: readonly Resource[];
  coverage: CoverageInput;
  /** Enabled rules and params, for security scoring; no scoring without it. */
  prepared?: PreparedPolicy;
  ignore?: readonly Omit<DriftIgnore, "file" | "line">[];
  noise?: NoiseTable;
  /** CloudTrail attribution; left out when absent. */
  attribution?: AttributionOptions;
}

export async function computeDrift(input: DriftInput): Promise<DriftSection> {
  const diff = diffResources(input.desired, input.actual, { coverage: input.coverage, ignore: input.ignore, noise: input.noise });
  if (input.prepared) scoreDrift(diff, input.desired, input.actual, input.prepared);
  const items = orderItems(diff.items);
  const attribution = input.attribution
    ? await attributeItems(items, input.attribution)
    : { lookups: 0, capped: false, notes: ["attribution not requested"] };
  const count = (f: (i: (typeof items)[number]) => boolean) => items.filter(f).length;
  const unknownLive =
    items.reduce((n, i) => n + (i.notCompared ?? []).filter((x) => x.side !== "desired").length, 0) +
    diff.partlyCompared.reduce((n, p) => n + p.notCompared.filter((x) => x.side !== "desired").length, 0);
  return {
    counts: {
      changed: count((i) => i.kind === "changed"),
      security: count((i) => i.security),
      missing: count((i) => i.kind === "missing"),
      unmanaged: count((i) => i.kind === "unmanaged"),
      tagOnly: count((i) => i.tagOnly === true),
      total: items.length,
      notCompared: diff.notCompared.length,
      unknownLive,
    },
    items,
    notCompared: diff.notCompared,
    partlyCompared: diff.partlyCompared,
    attribution,
    notes: diff.notes,
  };
}

/**
 * Exit codes (the gate's contract): 1 when drift is found (any drift, or with failOn "security" only
 * security drift); else 3 when a resource type could not be compared in an account / region (a gap, or
 * not collected), since missing evidence is never "no drift"; else 0. Live attributes that could not be
 * read are listed (partlyCompared, unknownLive) and named in the reasons, but do not make the run
 * incomplete: some are never read live by design (docs/drift.md).
 */
export function decideDrift(section: Pick<DriftSection, "counts">, failOn: FailOn): DriftDecision {
  const c = section.counts;
  const reasons: string[] = [];
  const blocking = failOn === "security" ? c.security : c.total;
  if (c.total > 0) {
    reasons.push(
      `${c.total} drift item(s): ${c.security} security, ${c.changed - c.security} other change(s) (${c.tagOnly} tag-only), ${c.missing} missing, ${c.unmanaged} unmanaged`,
    );
  }
  if (c.notCompared > 0) reasons.push(`${c.notCompared} resource type(s) × scope(s) not compared: live evidence missing`);
  if (c.unknownLive > 0) reasons.push(`${c.unknownLive} live attribute(s) could not be read and were not compared`);
  if (blocking > 0) return { failOn, exitCode: 1, decision: "drift", reasons };
  if (c.total > 0) reasons.push(`no security drift: --fail-on ${failOn} does not block on the rest`);
  if (c.notCompared > 0) return { failOn, exitCode: 3, decision: "incomplete", reasons };
  if (c.total === 0) reasons.push("no drift");
  return { failOn, exitCode: 0, decision: "no-drift", reasons };
}
