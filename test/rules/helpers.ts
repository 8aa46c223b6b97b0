import type { Resource } from "../../src/model/resource.js";
import type { ConditionSpec, Rule } from "../../src/rules/types.js";
import { evaluate, type EvaluateOptions } from "../../src/rules/evaluate.js";

let n = 0;

export function resource(type: string, props: Record<string, unknown>, extra: Partial<Resource> = {}): Resource {
  n++;
  return { type, id: extra.id ?? `r${n}`, tags: {}, props, origin: { source: "tf-state", location: "state/prod.tfstate", address: `aws_thing.r${n}` }, ...extra };
}

export function rule(condition: ConditionSpec, extra: Partial<Rule> = {}): Rule {
  n++;
  return {
    id: `test-rule-${n}`,
    title: "test rule",
    severity: "high",
    area: "encryption",
    resourceTypes: ["AWS::Test::Thing"],
    scope: "resource",
    params: {},
    condition,
    remediation: "fix it",
    controls: {},
    references: [],
    ...extra,
  };
}

/** Evaluate one condition on one resource; returns the single result. */
export function judge(condition: ConditionSpec, props: Record<string, unknown>, extra: { rule?: Partial<Rule>; resource?: Partial<Resource>; others?: Resource[]; opts?: EvaluateOptions } = {}) {
  const r = resource("AWS::Test::Thing", props, extra.resource);
  const results = evaluate([rule(condition, extra.rule)], [r, ...(extra.others ?? [])], extra.opts);
  if (results.length !== 1) throw new Error(`expected one result, got ${results.length}`);
  return results[0];
}
