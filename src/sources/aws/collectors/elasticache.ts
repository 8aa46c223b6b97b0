import {
  ElastiCacheClient,
  ListTagsForResourceCommand,
  paginateDescribeCacheClusters,
  paginateDescribeReplicationGroups,
  type CacheCluster,
  type ReplicationGroup,
} from "@aws-sdk/client-elasticache";
import type { Resource } from "../../../model/resource.js";
import { ELASTICACHE_REPLICATION_GROUP_TYPE } from "../../../model/types/elasticache-replication-group.js";
import type { CollectContext, Collector } from "../contract.js";
import { ELASTICACHE_REPLICATION_GROUP_MAPPER } from "../mappers/elasticache-replication-group.js";
import { listAll, readOr } from "./read-helpers.js";

/**
 * ElastiCache replication groups, per region: DescribeReplicationGroups carries most props; tags need
 * ListTagsForResource per group (the describe call has none); DescribeCacheClusters, once per region and
 * joined by ReplicationGroupId, gives the subnet group, security groups and engine version, which only
 * member clusters carry. Standalone cache clusters are not resources of their own here.
 */
export const ELASTICACHE_COLLECTOR: Collector = {
  service: "elasticache",
  types: [ELASTICACHE_REPLICATION_GROUP_TYPE],
  actions: ["elasticache:DescribeReplicationGroups", "elasticache:ListTagsForResource", "elasticache:DescribeCacheClusters"],
  async collect(ctx: CollectContext): Promise<Resource[]> {
    const ec = ctx.client(ElastiCacheClient);
    return listAll(ctx, ELASTICACHE_REPLICATION_GROUP_TYPE, "elasticache:DescribeReplicationGroups", async () => {
      const groups: ReplicationGroup[] = [];
      for await (const page of paginateDescribeReplicationGroups({ client: ec }, { MaxRecords: 100 })) groups.push(...(page.ReplicationGroups ?? []));
      if (groups.length === 0) return [];
      const clusters = await readOr(ctx, "elasticache:DescribeCacheClusters", async () => {
        const out: CacheCluster[] = [];
        for await (const page of paginateDescribeCacheClusters({ client: ec }, { MaxRecords: 100 })) out.push(...(page.CacheClusters ?? []));
        return out;
      });
      return ctx.map(groups, async (g) => {
        const Tags = g.ARN
          ? await readOr(ctx, "elasticache:ListTagsForResource", async () => (await ec.send(new ListTagsForResourceCommand({ ResourceName: g.ARN }))).TagList ?? [])
          : undefined;
        const MemberCluster = Array.isArray(clusters) ? clusters.find((c) => c.ReplicationGroupId === g.ReplicationGroupId) : clusters;
        return ELASTICACHE_REPLICATION_GROUP_MAPPER.map({ ReplicationGroup: g, Tags, MemberCluster }, ctx.scope);
      });
    });
  },
};
