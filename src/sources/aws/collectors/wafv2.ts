import {
  GetLoggingConfigurationCommand,
  GetWebACLCommand,
  ListResourcesForWebACLCommand,
  ListTagsForResourceCommand,
  ListWebACLsCommand,
  WAFV2Client,
  type Scope,
  type WebACLSummary,
} from "@aws-sdk/client-wafv2";
import type { Resource } from "../../../model/resource.js";
import { WAFV2_WEB_ACL_TYPE } from "../../../model/types/wafv2-web-acl.js";
import type { CollectContext, Collector } from "../contract.js";
import { WAFV2_WEB_ACL_MAPPER } from "../mappers/wafv2-web-acl.js";
import { isNotFound, listAll, readOr, unreadableResource } from "./read-helpers.js";

/**
 * WAFv2 web ACLs: the REGIONAL scope in every region (WAFV2_COLLECTOR) and the CLOUDFRONT scope once per
 * account in us-east-1 (WAFV2_CLOUDFRONT_COLLECTOR, global). Per ACL: GetWebACL (rules, default action),
 * GetLoggingConfiguration (WAFNonexistentItemException: logging is off), ListTagsForResource and, for
 * REGIONAL ACLs, ListResourcesForWebACL for ALB associations (other resource types are not listed).
 */
export const WAFV2_COLLECTOR: Collector = {
  service: "wafv2",
  types: [WAFV2_WEB_ACL_TYPE],
  actions: ["wafv2:ListWebACLs", "wafv2:GetWebACL", "wafv2:GetLoggingConfiguration", "wafv2:ListTagsForResource", "wafv2:ListResourcesForWebACL"],
  collect: (ctx) => collectScope(ctx, "REGIONAL"),
};

export const WAFV2_CLOUDFRONT_COLLECTOR: Collector = {
  service: "wafv2",
  types: [WAFV2_WEB_ACL_TYPE],
  global: true,
  actions: ["wafv2:ListWebACLs", "wafv2:GetWebACL", "wafv2:GetLoggingConfiguration", "wafv2:ListTagsForResource"],
  collect: (ctx) => collectScope(ctx, "CLOUDFRONT"),
};

async function collectScope(ctx: CollectContext, Scope: Scope): Promise<Resource[]> {
  // CLOUDFRONT-scope ACLs live in us-east-1 whatever region the account is audited from.
  const waf = Scope === "CLOUDFRONT" ? ctx.client(WAFV2Client, "us-east-1") : ctx.client(WAFV2Client);
  return listAll(ctx, WAFV2_WEB_ACL_TYPE, "wafv2:ListWebACLs", async () => {
    const summaries: WebACLSummary[] = [];
    let NextMarker: string | undefined;
    do {
      // No SDK paginator for WAFv2: follow NextMarker.
      const page = await waf.send(new ListWebACLsCommand({ Scope, Limit: 100, NextMarker }));
      summaries.push(...(page.WebACLs ?? []));
      NextMarker = page.WebACLs?.length ? page.NextMarker : undefined;
    } while (NextMarker);
    const out = await ctx.map(summaries, async (s): Promise<Resource | undefined> => {
      let WebACL;
      try {
        WebACL = (await waf.send(new GetWebACLCommand({ Name: s.Name, Id: s.Id, Scope }))).WebACL;
      } catch (err) {
        if (isNotFound(err)) return undefined;
        return unreadableResource(ctx.scope, { type: WAFV2_WEB_ACL_TYPE, id: s.Id ?? "", arn: s.ARN, name: s.Name }, ctx.failure(err, "wafv2:GetWebACL"));
      }
      if (!WebACL) return undefined;
      const arn = WebACL.ARN ?? s.ARN;
      const [Tags, AssociatedResourceArns, LoggingConfiguration] = await Promise.all([
        arn ? readOr(ctx, "wafv2:ListTagsForResource", async () => (await waf.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).TagInfoForResource?.TagList ?? []) : undefined,
        Scope === "REGIONAL" && arn
          ? readOr(ctx, "wafv2:ListResourcesForWebACL", async () => (await waf.send(new ListResourcesForWebACLCommand({ WebACLArn: arn, ResourceType: "APPLICATION_LOAD_BALANCER" }))).ResourceArns ?? [])
          : undefined,
        arn
          ? readOr(ctx, "wafv2:GetLoggingConfiguration", async () => {
              try {
                return (await waf.send(new GetLoggingConfigurationCommand({ ResourceArn: arn }))).LoggingConfiguration;
              } catch (err) {
                if (isNotFound(err) || (err as { name?: string }).name === "WAFNonexistentItemException") return undefined;
                throw err;
              }
            })
          : undefined,
      ]);
      return WAFV2_WEB_ACL_MAPPER.map({ WebACL, Scope, Tags, AssociatedResourceArns, LoggingConfiguration }, ctx.scope);
    });
    return out.filter((r): r is Resource => r !== undefined);
  });
}
