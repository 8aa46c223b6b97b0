import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { arr, bool, int, obj, openObj, str, strArr, typeSchema } from "./schema.js";

/**
 * AWS::WAFv2::WebACL. Id: the web ACL id (a UUID; Terraform `id`), the name as Config's resourceName.
 * Not verified against a recorded Config item, so identity matching prefers the ARN for this type.
 */
export const WAFV2_WEB_ACL_TYPE = "AWS::WAFv2::WebACL";

export interface WafRule {
  Name?: Val<string>;
  Priority?: Val<number>;
  /** {Allow: {}} | {Block: {...}} | {Count: {}} | {Captcha: {}} | {Challenge: {}} */
  Action?: Record<string, unknown>;
  /** {None: {}} | {Count: {}} for rule group references. */
  OverrideAction?: Record<string, unknown>;
  /** CloudFormation Statement shape: {RateBasedStatement: {Limit, AggregateKeyType, ScopeDownStatement}}, {IPSetReferenceStatement: {Arn}}... */
  Statement?: Val<Record<string, unknown>>;
  VisibilityConfig?: Record<string, unknown>;
}

export interface Wafv2WebAclProps extends CommonProps {
  Name?: Val<string>;
  Scope?: Val<"CLOUDFRONT" | "REGIONAL">;
  Description?: Val<string>;
  DefaultAction?: Val<Record<string, unknown>>;
  Rules?: Val<WafRule[]>;
  VisibilityConfig?: Record<string, unknown>;
  AssociatedResourceArns?: Array<Val<string>>;
  LoggingConfiguration?: Val<{ LogDestinationConfigs?: Val<string[]> }>;
}

const visibility = obj({ CloudWatchMetricsEnabled: bool(), MetricName: str(), SampledRequestsEnabled: bool() });

export const WAFV2_WEB_ACL_SCHEMA = typeSchema({
  type: WAFV2_WEB_ACL_TYPE,
  description: "A WAFv2 web ACL, CloudFormation shape (Rules[].Statement as CloudFormation spells statements).",
  properties: {
    Name: str(),
    Scope: str("CLOUDFRONT | REGIONAL"),
    Description: str(),
    DefaultAction: openObj("{Allow: {...}} or {Block: {...}}"),
    Rules: arr(
      obj({
        Name: str(),
        Priority: int(),
        Action: openObj("{Allow|Block|Count|Captcha|Challenge: {...}}"),
        OverrideAction: openObj("{None: {}} | {Count: {}}"),
        Statement: openObj("CloudFormation statement: RateBasedStatement, IPSetReferenceStatement, ManagedRuleGroupStatement, AndStatement.Statements[]..."),
        VisibilityConfig: visibility,
        RuleLabels: arr(obj({ Name: str() })),
      }),
    ),
    VisibilityConfig: visibility,
    AssociatedResourceArns: strArr(
      "Normalized extra: ARNs of regional resources (ALB, API Gateway stage...) associated via aws_wafv2_web_acl_association. CloudFront distributions name their WebACL themselves (DistributionConfig.WebACLId).",
    ),
    LoggingConfiguration: obj(
      { LogDestinationConfigs: strArr("Firehose stream, S3 bucket or CloudWatch log group ARNs.") },
      "Normalized extra: the web ACL's logging (aws_wafv2_web_acl_logging_configuration; WAFv2 GetLoggingConfiguration).",
    ),
  },
});

export const WAFV2_WEB_ACL: ResourceTypeInfo = {
  type: WAFV2_WEB_ACL_TYPE,
  schema: WAFV2_WEB_ACL_SCHEMA,
  description: "WAFv2 web ACL: default action, rules (rate-based, IP sets, managed rule groups), associations.",
  taggable: true,
};
