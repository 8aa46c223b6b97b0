/**
 * Which AWS Config rules to create for a policy: one Config rule per plumbline rule, with the trigger
 * its rule needs (change-triggered with scope = its resource types when it judges one resource alone;
 * periodic when it counts or references other resources, or is account / region level), the
 * InputParameters the Lambda reads, and the AWS managed rule that already does the same job
 * (`controls.awsConfigRule`), so users can prefer the managed rule where it is enough.
 */
import type { Rule } from "../rules/types.js";
import { isChangeTriggerable, otherTypes } from "./ruleset.js";

export interface ConfigRuleDefinition {
  /** Config rule name without the deployment's prefix: the plumbline rule id. */
  name: string;
  trigger: "change" | "periodic";
  /** Change-triggered: the Config rule's scope. */
  resource_types: string[];
  /** The Lambda's ruleParameters (Config InputParameters: string values). */
  input_parameters: Record<string, string>;
  maximum_execution_frequency?: "One_Hour" | "Three_Hours" | "Six_Hours" | "Twelve_Hours" | "TwentyFour_Hours";
  plumbline_rules: string[];
  /** AWS managed rule identifiers that cover the same control. */
  managed_rules: string[];
  /** Why periodic, when it is. */
  note?: string;
}

/** Config's limit on InputParameters (PutConfigRule API reference: 1-1024 characters). */
export const INPUT_PARAMETERS_MAX = 1024;

function paramsDiffer(rule: Rule, params: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) if (JSON.stringify(v) !== JSON.stringify(rule.params[k]?.default)) out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

/**
 * `builtinPack`: the policy's name when it is one of the packs embedded in the Lambda (its parameters,
 * severities and waivers then travel as `pack`); otherwise parameters that differ from the defaults
 * are written into the input parameters.
 */
export function configRuleDefinitions(rules: readonly Rule[], params: (id: string) => Record<string, unknown> | undefined, builtinPack?: string): ConfigRuleDefinition[] {
  return rules.map((rule) => {
    const change = isChangeTriggerable(rule);
    const input: Record<string, string> = { rules: rule.id };
    if (builtinPack) input.pack = builtinPack;
    else {
      const given = paramsDiffer(rule, params(rule.id) ?? {});
      if (given) input.params = JSON.stringify({ [rule.id]: given });
    }
    const def: ConfigRuleDefinition = {
      name: rule.id,
      trigger: change ? "change" : "periodic",
      resource_types: change ? [...rule.resourceTypes] : [],
      input_parameters: input,
      plumbline_rules: [rule.id],
      managed_rules: rule.controls.awsConfigRule ? [rule.controls.awsConfigRule] : [],
    };
    if (!change) {
      def.maximum_execution_frequency = "TwentyFour_Hours";
      const others = otherTypes(rule);
      def.note =
        rule.scope !== "resource"
          ? `${rule.scope}-level rule: reported on AWS::::Account`
          : `reads ${others.join(", ")} too: judged on the whole inventory, not one changed item`;
    }
    if (JSON.stringify(input).length > INPUT_PARAMETERS_MAX) def.note = `${def.note ? def.note + "; " : ""}input parameters exceed Config's 1024 characters`;
    return def;
  });
}
