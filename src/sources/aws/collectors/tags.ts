/**
 * Tags in bulk: the Resource Groups Tagging API's GetResources lists the tags of every resource of a
 * kind in a region, 100 resources per call, instead of one ListTagsForResource call per resource (log
 * groups, SSM parameters, KMS keys, S3 buckets). It lists the resources that are or were tagged: one it
 * does not list has no tags. When the bulk call fails (tag:GetResources denied, not supported by an
 * endpoint), the collector falls back to its per-resource call and says so in a note: a missing
 * permission costs calls, never evidence.
 */
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import type { CollectContext } from "../contract.js";

export const BULK_TAGS_ACTION = "tag:GetResources";

/** The tags of one region's resources of one kind, by ARN (a trailing ":*" is not part of the key). */
export class BulkTags {
  constructor(private readonly byArn: ReadonlyMap<string, { Key: string; Value: string }[]>) {}

  /** [{Key, Value}] of the resource; [] when GetResources did not list it (never tagged). */
  list(arn: string | undefined): { Key: string; Value: string }[] {
    return (arn !== undefined ? this.byArn.get(normalize(arn)) : undefined) ?? [];
  }

  record(arn: string | undefined): Record<string, string> {
    return Object.fromEntries(this.list(arn).map((t) => [t.Key, t.Value]));
  }

  get size(): number {
    return this.byArn.size;
  }
}

function normalize(arn: string): string {
  return arn.replace(/:\*$/, "");
}

/**
 * GetResources for `filter` ("logs", "ssm:parameter", "kms:key", "s3") in `region` (the context's when
 * absent), every page; undefined when it failed, after a note naming the fallback.
 */
export async function bulkTags(ctx: CollectContext, filter: string, region?: string): Promise<BulkTags | undefined> {
  const client = ctx.client(ResourceGroupsTaggingAPIClient, region);
  const byArn = new Map<string, { Key: string; Value: string }[]>();
  try {
    let token: string | undefined;
    do {
      const page = await client.send(new GetResourcesCommand({ ResourceTypeFilters: [filter], ResourcesPerPage: 100, ...(token ? { PaginationToken: token } : {}) }));
      for (const m of page.ResourceTagMappingList ?? []) {
        if (!m.ResourceARN) continue;
        byArn.set(
          normalize(m.ResourceARN),
          (m.Tags ?? []).filter((t) => t.Key !== undefined).map((t) => ({ Key: t.Key!, Value: t.Value ?? "" })),
        );
      }
      token = page.PaginationToken || undefined;
    } while (token);
  } catch (err) {
    const f = ctx.failure(err, BULK_TAGS_ACTION);
    ctx.note(`${filter} tags in ${ctx.scope.account}/${region ?? ctx.scope.region}: ${f.reason}; read one resource at a time instead`);
    return undefined;
  }
  return new BulkTags(byArn);
}
