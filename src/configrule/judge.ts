/**
 * Configuration items → plumbline verdicts → one Config evaluation per resource. Pure: no API calls.
 * Used by both triggers: a change notification judges one item with the rules that need nothing else;
 * a periodic run judges the whole inventory with every rule, account-level ones reported on
 * AWS::::Account.
 */
import type { Evaluation } from "@aws-sdk/client-config-service";
import { ACCOUNT_TYPE, type Resource } from "../model/resource.js";
import { inScope } from "../policy/scope.js";
import { WaiverMatcher } from "../policy/waivers.js";
import { evaluateEach } from "../rules/evaluate.js";
import type { Rule, RuleResult } from "../rules/types.js";
import { DELETED_STATUSES, type ConfigItem } from "../sources/config/item.js";
import { itemToResource } from "../sources/config/resource.js";
import { combine, evaluation, unknownAnnotation, type Target } from "./evaluations.js";
import type { Selection } from "./parameters.js";
import { isChangeTriggerable, otherTypes } from "./ruleset.js";

export interface JudgeOptions {
  mode: "change" | "periodic";
  /** The account and region the Config rule runs in. */
  account: string;
  region: string;
  /** OrderingTimestamp for periodic results (notificationCreationTime); change results use the item's capture time. */
  at: Date;
  /** The time waivers and date operators are judged against. */
  now: Date;
  /** Types a periodic run could not enumerate → why: rules reading them are UNKNOWN, never PASS. */
  failedTypes?: ReadonlyMap<string, string>;
  /** Items that exist but could not be read (BatchGetResourceConfig left them unprocessed). */
  unreadable?: readonly Target[];
  /**
   * Records read live, not from items (live-facts.ts: the account summary, password policy, recorder,
   * delivery channels): evidence for the rules, never evaluated themselves. An AWS::::Account among them
   * is the subject of account and region rules.
   */
  extra?: readonly Resource[];
}

export interface Judged {
  evaluations: Evaluation[];
  /** Counts for the log line. */
  counts: { items: number; resources: number; results: number };
}

function captureTime(item: ConfigItem, fallback: Date): Date {
  const t = item.captureTime ? new Date(item.captureTime) : undefined;
  return t && !Number.isNaN(t.getTime()) ? t : fallback;
}

/** The rules a trigger runs. Change notifications: only rules that judge one resource and read nothing else. */
export function rulesFor(mode: "change" | "periodic", rules: readonly Rule[]): Rule[] {
  return mode === "change" ? rules.filter(isChangeTriggerable) : [...rules];
}

export function judgeItems(sel: Selection, items: readonly ConfigItem[], opts: JudgeOptions): Judged {
  const out: Evaluation[] = [];
  const location = `aws-config://${opts.account}`;
  const rules = rulesFor(opts.mode, sel.rules);
  const judgedTypes = new Set(rules.flatMap((r) => (r.scope === "resource" ? r.resourceTypes : [])));
  const resources: Resource[] = [];
  const targetOf = new Map<Resource, { target: Target; at: Date }>();
  for (const item of items) {
    const target = { resourceType: item.resourceType, resourceId: item.resourceId };
    const at = opts.mode === "change" ? captureTime(item, opts.at) : opts.at;
    if (item.status && DELETED_STATUSES.has(item.status)) {
      out.push(evaluation(target, "NOT_APPLICABLE", `the resource was deleted (${item.status})`, at));
      continue;
    }
    if (item.status === "ResourceNotRecorded") {
      out.push(evaluation(target, "NOT_APPLICABLE", unknownAnnotation("AWS Config does not record this resource's configuration (ResourceNotRecorded)"), at));
      continue;
    }
    const mapped = itemToResource(item, location, opts.account);
    if ("unknown" in mapped) {
      if (judgedTypes.has(item.resourceType)) out.push(evaluation(target, "NOT_APPLICABLE", unknownAnnotation(mapped.unknown), at));
      continue;
    }
    const r = mapped.resource;
    if (judgedTypes.has(item.resourceType) && !inScope(sel.policy, r)) {
      out.push(evaluation(target, "NOT_APPLICABLE", `outside the scope of policy pack ${sel.policy.name}`, at));
      continue;
    }
    resources.push(r);
    if (judgedTypes.has(item.resourceType)) targetOf.set(r, { target, at });
  }
  for (const t of opts.unreadable ?? []) {
    if (judgedTypes.has(t.resourceType)) out.push(evaluation(t, "NOT_APPLICABLE", unknownAnnotation("AWS Config did not return the configuration item (BatchGetResourceConfig left it unprocessed)"), opts.at));
  }
  const accountRules = rules.filter((r) => r.scope !== "resource");
  const extra = opts.extra ?? [];
  for (const r of extra) resources.push(r);
  if (accountRules.length && !extra.some((r) => r.type === ACCOUNT_TYPE)) {
    // The subject of account / region rules, present even when the account has nothing of the counted types.
    resources.push({ type: ACCOUNT_TYPE, id: opts.account, account: opts.account, region: opts.region, tags: {}, props: {}, origin: { source: "aws-config", location } });
  }
  const waivers = new WaiverMatcher(sel.policy, opts.now);
  const byResource = new Map<Resource, RuleResult[]>();
  const accountResults: RuleResult[] = [];
  let results = 0;
  // Per rule, once: the types it reads that could not be enumerated.
  const missingOf = new Map(rules.map((r) => [r, otherTypes(r).filter((t) => opts.failedTypes?.has(t))]));
  evaluateEach(rules, resources, { params: sel.params, now: opts.now }, (r, at) => {
    results++;
    const missing = missingOf.get(r.rule) ?? [];
    let res = r;
    if (missing.length && r.verdict !== "UNKNOWN") {
      res = { ...r, verdict: "UNKNOWN", reason: `${missing.map((t) => `${t} could not be listed (${opts.failedTypes!.get(t)})`).join("; ")}` };
    }
    const waiver = waivers.match(res);
    if (waiver) res = { ...res, waiver };
    if (at < 0) {
      // Region rules: only this region's group (global resources have no region of their own).
      if (r.rule.scope === "region" && r.resource.region !== undefined && r.resource.region !== opts.region) return;
      accountResults.push(res);
      return;
    }
    const l = byResource.get(r.resource);
    if (l) l.push(res);
    else byResource.set(r.resource, [res]);
  });
  for (const [resource, t] of targetOf) out.push(combine(t.target, byResource.get(resource) ?? [], t.at));
  if (accountRules.length) out.push(combine({ resourceType: ACCOUNT_TYPE, resourceId: opts.account }, accountResults, opts.at));
  return { evaluations: out, counts: { items: items.length, resources: resources.length, results } };
}
