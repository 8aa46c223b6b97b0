/**
 * CloudTrail trails whose home is this region (shadow copies of multi-region trails are left to their
 * home region, so each trail is recorded once): DescribeTrails, then per trail GetTrailStatus and
 * GetEventSelectors, and ListTags for up to 20 trails per call.
 */
import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand, ListTagsCommand, type Tag } from "@aws-sdk/client-cloudtrail";
import type { Resource } from "../../../model/resource.js";
import { CLOUDTRAIL_TRAIL_TYPE } from "../../../model/types/cloudtrail-trail.js";
import { Unknown, isUnknown } from "../../../model/values.js";
import type { CollectContext, Collector } from "../contract.js";
import { CLOUDTRAIL_TRAIL_MAPPER } from "../mappers/cloudtrail-trail.js";
import { isFailure, list, read } from "./util.js";

export const CLOUDTRAIL_COLLECTOR: Collector = {
  service: "cloudtrail",
  types: [CLOUDTRAIL_TRAIL_TYPE],
  actions: ["cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus", "cloudtrail:GetEventSelectors", "cloudtrail:ListTags"],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const ct = ctx.client(CloudTrailClient);
    const trails = await list(ctx, "cloudtrail:DescribeTrails", [CLOUDTRAIL_TRAIL_TYPE], () =>
      ct.send(new DescribeTrailsCommand({ includeShadowTrails: false })).then((o) => o.trailList ?? []),
    );
    if (isFailure(trails)) return [];
    const own = trails.filter((t) => !t.HomeRegion || t.HomeRegion === ctx.scope.region);
    const tagsByArn = new Map<string, Tag[] | Unknown>();
    const arns = own.flatMap((t) => (t.TrailARN ? [t.TrailARN] : []));
    for (let i = 0; i < arns.length; i += 20) {
      const chunk = arns.slice(i, i + 20);
      const got = await read(ctx, "cloudtrail:ListTags", () => ct.send(new ListTagsCommand({ ResourceIdList: chunk })).then((o) => o.ResourceTagList ?? []));
      for (const arn of chunk) {
        if (isUnknown(got)) tagsByArn.set(arn, got);
        else tagsByArn.set(arn, got?.find((r) => r.ResourceId === arn)?.TagsList ?? []);
      }
    }
    return ctx.map(own, async (t) => {
      // By name: this region's own trails, and moto resolves some calls by name only.
      const name = t.Name ?? t.TrailARN;
      const [status, selectors] = await Promise.all([
        read(ctx, "cloudtrail:GetTrailStatus", () => ct.send(new GetTrailStatusCommand({ Name: name }))),
        read(ctx, "cloudtrail:GetEventSelectors", () => ct.send(new GetEventSelectorsCommand({ TrailName: name }))),
      ]);
      return CLOUDTRAIL_TRAIL_MAPPER.map(
        {
          ...t,
          IsLogging: isUnknown(status) ? status : status?.IsLogging,
          EventSelectors: isUnknown(selectors) ? selectors : selectors?.EventSelectors,
          AdvancedEventSelectors: isUnknown(selectors) ? selectors : selectors?.AdvancedEventSelectors,
          TagsList: tagsByArn.get(t.TrailARN ?? "") ?? [],
        },
        ctx.scope,
      );
    });
  },
};
