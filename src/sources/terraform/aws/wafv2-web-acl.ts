import { WAFV2_WEB_ACL_TYPE } from "../../../model/types/wafv2-web-acl.js";
import { isUnknown, parseJsonText, Unknown } from "../../../model/values.js";
import { childMapping, resourceMapping } from "./mapping.js";
import { convertBlocks, type BlockShape } from "./nested-blocks.js";
import { compact, mapEach, num, str, strList, tfType } from "./tf-reader.js";

/**
 * aws_wafv2_web_acl (+ aws_wafv2_web_acl_association) → AWS::WAFv2::WebACL. Rules are given either as
 * `rule {}` blocks (converted to CloudFormation's Rules[] shape) or as `rule_json` (already in the API's
 * PascalCase shape, parsed). Id: the web ACL id.
 */
export const TF_WAFV2_WEB_ACL = tfType("aws_wafv2_web_acl", [
  "name", "id", "arn", "scope", "description", "default_action", "rule", "rule.name", "rule.priority", "rule.action",
  "rule.override_action", "rule.statement", "rule.visibility_config", "rule.rule_label", "visibility_config", "rule_json",
]);
export const TF_WAFV2_WEB_ACL_ASSOCIATION = tfType("aws_wafv2_web_acl_association", ["web_acl_arn", "resource_arn"]);
export const TF_WAFV2_WEB_ACL_LOGGING = tfType("aws_wafv2_web_acl_logging_configuration", ["resource_arn", "log_destination_configs"]);

/** CloudFormation spellings that PascalCasing snake_case does not produce. */
export const WAF_SHAPE: BlockShape = {
  renames: {
    ip_set_reference_statement: "IPSetReferenceStatement",
    ip_set_forwarded_ip_config: "IPSetForwardedIPConfig",
    forwarded_ip_config: "ForwardedIPConfig",
    cloudwatch_metrics_enabled: "CloudWatchMetricsEnabled",
    arn: "Arn",
    ip: "IP",
  },
  repeated: {
    text_transformation: "TextTransformations",
    rule_action_override: "RuleActionOverrides",
    managed_rule_group_configs: "ManagedRuleGroupConfigs",
    custom_key: "CustomKeys",
    excluded_rule: "ExcludedRules",
    rule_label: "RuleLabels",
    insert_header: "InsertHeaders",
    response_header: "ResponseHeaders",
  },
  repeatedUnder: {
    and_statement: { statement: "Statements" },
    or_statement: { statement: "Statements" },
  },
};

export const WAFV2_WEB_ACL_MAPPING = resourceMapping(TF_WAFV2_WEB_ACL, WAFV2_WEB_ACL_TYPE, (r, b) => {
  const name = r.get("name");
  b.set("Name", str(name), "name");
  b.set("Scope", str(r.get("scope")), "scope");
  b.set("Description", str(r.get("description")), "description");
  b.set("DefaultAction", single(convertBlocks(r.get("default_action"), WAF_SHAPE)), "default_action");
  b.set("VisibilityConfig", single(convertBlocks(r.get("visibility_config"), WAF_SHAPE)), "visibility_config");

  const ruleJson = str(r.get("rule_json"));
  if (ruleJson !== undefined) {
    b.set("Rules", parseRuleJson(ruleJson), "rule_json");
  } else {
    const rules = mapEach(r, "rule", (x) => {
      const one = (path: "rule.action" | "rule.override_action" | "rule.statement" | "rule.visibility_config") =>
        single(convertBlocks(x.get(path), WAF_SHAPE));
      return (
        compact({
          Name: str(x.get("rule.name")),
          Priority: num(x.get("rule.priority")),
          Action: one("rule.action"),
          OverrideAction: one("rule.override_action"),
          Statement: one("rule.statement"),
          VisibilityConfig: one("rule.visibility_config"),
          RuleLabels: convertBlocks(x.get("rule.rule_label"), WAF_SHAPE),
        }) ?? {}
      );
    });
    b.set("Rules", rules, "rule");
    b.default("Rules", []);
  }
  return { ident: { id: r.get("id"), name, arn: r.get("arn") }, keys: [r.get("arn"), r.get("id")] };
});

/** A top-level single block (a list of one in the provider schema) as its object. */
function single(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/** rule_json: JSON text, or from HCL a PartialJson (its structure, unknown values left Unknown). */
function parseRuleJson(text: unknown): unknown {
  const parsed = parseJsonText(text, "rule_json");
  if (parsed === undefined || isUnknown(parsed)) return parsed;
  if (isUnknown(parsed.json)) return parsed.json;
  return Array.isArray(parsed.json) ? parsed.json : new Unknown("rule_json is not a JSON list of rules", "rule_json");
}

export const WAFV2_CHILD_MAPPINGS = [
  childMapping(TF_WAFV2_WEB_ACL_ASSOCIATION, WAFV2_WEB_ACL_TYPE, ["web_acl_arn"], (r, b, inst) => {
    b.append("AssociatedResourceArns", [r.get("resource_arn")], "resource_arn", inst);
  }),
  childMapping(TF_WAFV2_WEB_ACL_LOGGING, WAFV2_WEB_ACL_TYPE, ["resource_arn"], (r, b, inst) => {
    const dest = strList(r.get("log_destination_configs"));
    b.set("LoggingConfiguration", { LogDestinationConfigs: dest ?? [] }, "log_destination_configs", inst);
  }),
];
