import type { CacheCluster, ReplicationGroup, Tag } from "@aws-sdk/client-elasticache";
import { ELASTICACHE_REPLICATION_GROUP_TYPE } from "../../../model/types/elasticache-replication-group.js";
import { Unknown, isUnknown } from "../../../model/values.js";
import type { TypeMapper } from "../contract.js";
import { compact, liveResource, nonEmpty, tagRecord, type Read } from "./common.js";

/**
 * The describe-API shape (SDK v3, PascalCase) assembled by the collector: one DescribeReplicationGroups
 * item, its tags from ListTagsForResource (DescribeReplicationGroups carries none), and one of its member
 * clusters from DescribeCacheClusters (the region's clusters are listed once and joined by
 * ReplicationGroupId) for what only clusters carry: engine version, subnet group, security groups. A value
 * the collector could not read is an Unknown.
 */
export interface ElastiCacheReplicationGroupShape {
  ReplicationGroup: ReplicationGroup;
  Tags: Read<Tag[] | undefined>;
  MemberCluster?: Read<CacheCluster | undefined>;
}

/** "enabled" | "disabled" | "enabling" | "disabling": only a settled state is a fact. */
function status(v: string | undefined, what: string): boolean | Unknown | undefined {
  if (v === undefined) return undefined;
  if (v === "enabled") return true;
  if (v === "disabled") return false;
  return new Unknown(`${what} is ${v}`);
}

/**
 * AWS::ElastiCache::ReplicationGroup from DescribeReplicationGroups (+ a member cluster for EngineVersion,
 * SecurityGroupIds, CacheSubnetGroupName). Id: the replication group id.
 */
export const ELASTICACHE_REPLICATION_GROUP_MAPPER: TypeMapper<ElastiCacheReplicationGroupShape> = {
  type: ELASTICACHE_REPLICATION_GROUP_TYPE,
  map({ ReplicationGroup: g, Tags, MemberCluster }, scope) {
    const member = <T>(fn: (c: CacheCluster) => T): T | Unknown | undefined =>
      MemberCluster === undefined ? undefined : isUnknown(MemberCluster) ? MemberCluster : fn(MemberCluster);
    return liveResource(scope, {
      type: ELASTICACHE_REPLICATION_GROUP_TYPE,
      id: g.ReplicationGroupId ?? "",
      arn: g.ARN,
      name: g.ReplicationGroupId,
      region: scope.region,
      tags: tagRecord(Tags),
      props: {
        ReplicationGroupId: g.ReplicationGroupId,
        ReplicationGroupDescription: nonEmpty(g.Description),
        Engine: g.Engine,
        CacheNodeType: g.CacheNodeType,
        AtRestEncryptionEnabled: g.AtRestEncryptionEnabled,
        TransitEncryptionEnabled: g.TransitEncryptionEnabled,
        TransitEncryptionMode: g.TransitEncryptionMode,
        KmsKeyId: nonEmpty(g.KmsKeyId),
        AuthTokenEnabled: g.AuthTokenEnabled,
        AutomaticFailoverEnabled: status(g.AutomaticFailover, "automatic failover"),
        MultiAZEnabled: status(g.MultiAZ, "Multi-AZ"),
        SnapshotRetentionLimit: g.SnapshotRetentionLimit,
        // num_cache_clusters / NumCacheClusters only mean something without cluster mode.
        NumCacheClusters: g.ClusterEnabled === true ? undefined : g.MemberClusters?.length,
        AutoMinorVersionUpgrade: g.AutoMinorVersionUpgrade,
        EngineVersion: member((c) => c.EngineVersion),
        CacheSubnetGroupName: member((c) => nonEmpty(c.CacheSubnetGroupName)),
        SecurityGroupIds: member((c) => c.SecurityGroups?.flatMap((x) => (x.SecurityGroupId ? [x.SecurityGroupId] : []))),
        LogDeliveryConfigurations: g.LogDeliveryConfigurations?.map(
          (l) =>
            compact({
              Destination: nonEmpty(l.DestinationDetails?.CloudWatchLogsDetails?.LogGroup ?? l.DestinationDetails?.KinesisFirehoseDetails?.DeliveryStream),
              DestinationType: l.DestinationType,
              LogFormat: l.LogFormat,
              LogType: l.LogType,
            }) ?? {},
        ),
      },
    });
  },
};
