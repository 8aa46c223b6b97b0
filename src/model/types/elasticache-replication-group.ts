import type { CommonProps, ResourceTypeInfo, Val } from "./common.js";
import { arr, bool, int, obj, str, strArr, typeSchema } from "./schema.js";

/** AWS::ElastiCache::ReplicationGroup. Config id: the replication group id. */
export const ELASTICACHE_REPLICATION_GROUP_TYPE = "AWS::ElastiCache::ReplicationGroup";

export interface ElastiCacheReplicationGroupProps extends CommonProps {
  ReplicationGroupId?: Val<string>;
  ReplicationGroupDescription?: Val<string>;
  Engine?: Val<string>;
  EngineVersion?: Val<string>;
  CacheNodeType?: Val<string>;
  AtRestEncryptionEnabled?: Val<boolean>;
  TransitEncryptionEnabled?: Val<boolean>;
  TransitEncryptionMode?: Val<string>;
  KmsKeyId?: Val<string>;
  AuthTokenEnabled?: Val<boolean>;
  AutomaticFailoverEnabled?: Val<boolean>;
  MultiAZEnabled?: Val<boolean>;
  SnapshotRetentionLimit?: Val<number>;
  NumCacheClusters?: Val<number>;
  AutoMinorVersionUpgrade?: Val<boolean>;
  SecurityGroupIds?: Val<string[]>;
  CacheSubnetGroupName?: Val<string>;
  LogDeliveryConfigurations?: unknown[];
}

export const ELASTICACHE_REPLICATION_GROUP_SCHEMA = typeSchema({
  type: ELASTICACHE_REPLICATION_GROUP_TYPE,
  description: "An ElastiCache (Redis/Valkey) replication group, CloudFormation property names.",
  properties: {
    ReplicationGroupId: str(),
    ReplicationGroupDescription: str(),
    Engine: str(),
    EngineVersion: str(),
    CacheNodeType: str(),
    AtRestEncryptionEnabled: bool(),
    TransitEncryptionEnabled: bool(),
    TransitEncryptionMode: str("preferred | required"),
    KmsKeyId: str(),
    AuthTokenEnabled: bool("Normalized extra: an AUTH token is configured (the token itself is never read)."),
    AutomaticFailoverEnabled: bool(),
    MultiAZEnabled: bool(),
    SnapshotRetentionLimit: int("Days; 0 disables automatic backups."),
    NumCacheClusters: int(),
    AutoMinorVersionUpgrade: bool(),
    SecurityGroupIds: strArr(),
    CacheSubnetGroupName: str(),
    LogDeliveryConfigurations: arr(obj({ DestinationType: str(), LogFormat: str(), LogType: str(), Destination: str() })),
  },
});

export const ELASTICACHE_REPLICATION_GROUP: ResourceTypeInfo = {
  type: ELASTICACHE_REPLICATION_GROUP_TYPE,
  schema: ELASTICACHE_REPLICATION_GROUP_SCHEMA,
  description: "ElastiCache replication group: encryption at rest / in transit, AUTH, failover, snapshots.",
  taggable: true,
};
