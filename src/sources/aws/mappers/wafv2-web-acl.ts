import type { LoggingConfiguration, Rule, Tag, WebACL } from "@aws-sdk/client-wafv2";
import { WAFV2_WEB_ACL_TYPE, type WafRule } from "../../../model/types/wafv2-web-acl.js";
import type { TypeMapper } from "../contract.js";
import { compact, liveResource, mapRead, nonEmpty, tagRecord, type Read } from "./common.js";

/**
 * The describe-API shape (SDK v3, PascalCase) assembled by the collector: GetWebACL's WebACL, its Scope
 * (which ListWebACLs was asked for), ListTagsForResource's TagList, and for REGIONAL web ACLs the ARNs
 * ListResourcesForWebACL returns (CloudFront distributions name their web ACL themselves, so CLOUDFRONT
 * ACLs have none). A value the collector could not read is an Unknown.
 */
export interface Wafv2WebAclShape {
  WebACL: WebACL;
  Scope: "CLOUDFRONT" | "REGIONAL";
  Tags: Read<Tag[] | undefined>;
  AssociatedResourceArns?: Read<string[]>;
  /** GetLoggingConfiguration; undefined when logging is not configured (WAFNonexistentItemException). */
  LoggingConfiguration?: Read<LoggingConfiguration | undefined>;
}

/**
 * The API's statement shapes are CloudFormation's (IPSetReferenceStatement, RateBasedStatement,
 * AndStatement.Statements...) but for one spelling: the API says `ARN` where CloudFormation (and the
 * Terraform mapper) say `Arn` (IPSet, RegexPatternSet and RuleGroup references). A rule keeps the fields
 * the canonical model documents.
 */
function cfnStatement(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(cfnStatement);
  if (typeof v !== "object" || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k === "ARN" ? "Arn" : k] = cfnStatement(x);
  return out;
}

function rule(r: Rule): WafRule {
  return (
    compact({
      Name: r.Name,
      Priority: r.Priority,
      Action: r.Action as Record<string, unknown> | undefined,
      OverrideAction: r.OverrideAction as Record<string, unknown> | undefined,
      Statement: cfnStatement(r.Statement) as Record<string, unknown> | undefined,
      VisibilityConfig: r.VisibilityConfig as Record<string, unknown> | undefined,
      RuleLabels: r.RuleLabels?.length ? r.RuleLabels.map((l) => ({ Name: l.Name })) : undefined,
    }) ?? {}
  );
}

/** AWS::WAFv2::WebACL from GetWebACL. Id: the web ACL id (UUID), name: its name, ARN as returned. */
export const WAFV2_WEB_ACL_MAPPER: TypeMapper<Wafv2WebAclShape> = {
  type: WAFV2_WEB_ACL_TYPE,
  map({ WebACL: w, Scope, Tags, AssociatedResourceArns, LoggingConfiguration }, scope) {
    return liveResource(scope, {
      type: WAFV2_WEB_ACL_TYPE,
      id: w.Id ?? "",
      arn: w.ARN,
      name: w.Name,
      region: scope.region,
      tags: tagRecord(Tags),
      props: {
        Name: w.Name,
        Scope,
        Description: nonEmpty(w.Description),
        DefaultAction: w.DefaultAction as Record<string, unknown> | undefined,
        Rules: (w.Rules ?? []).map(rule),
        VisibilityConfig: w.VisibilityConfig as Record<string, unknown> | undefined,
        AssociatedResourceArns,
        LoggingConfiguration: mapRead(LoggingConfiguration, (l) => l && { LogDestinationConfigs: l.LogDestinationConfigs ?? [] }),
      },
    });
  },
};
