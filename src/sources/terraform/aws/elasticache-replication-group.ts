import { ELASTICACHE_REPLICATION_GROUP_TYPE } from "../../../model/types/elasticache-replication-group.js";
import { isUnknown } from "../../../model/values.js";
import { resourceMapping } from "./mapping.js";
import { bool, compact, mapEach, num, str, strList, tfType } from "./tf-reader.js";

/** aws_elasticache_replication_group → AWS::ElastiCache::ReplicationGroup. Id: replication_group_id. */
export const TF_ELASTICACHE_RG = tfType("aws_elasticache_replication_group", [
  "replication_group_id", "id", "arn", "description", "engine", "engine_version", "node_type", "at_rest_encryption_enabled",
  "transit_encryption_enabled", "transit_encryption_mode", "kms_key_id", "auth_token", "automatic_failover_enabled",
  "multi_az_enabled", "snapshot_retention_limit", "num_cache_clusters", "auto_minor_version_upgrade", "security_group_ids",
  "subnet_group_name", "log_delivery_configuration", "log_delivery_configuration.destination",
  "log_delivery_configuration.destination_type", "log_delivery_configuration.log_format", "log_delivery_configuration.log_type",
]);

export const ELASTICACHE_RG_MAPPING = resourceMapping(TF_ELASTICACHE_RG, ELASTICACHE_REPLICATION_GROUP_TYPE, (r, b) => {
  const id = r.get("replication_group_id") ?? r.get("id");
  b.set("ReplicationGroupId", str(id), "replication_group_id");
  b.set("ReplicationGroupDescription", str(r.get("description")), "description");
  b.set("Engine", str(r.get("engine")), "engine");
  b.default("Engine", "redis"); // provider docs: engine "Default is redis"
  b.set("EngineVersion", str(r.get("engine_version")), "engine_version");
  b.set("CacheNodeType", str(r.get("node_type")), "node_type");
  // at_rest_encryption_enabled is typed string in provider 5.x ("true"/"false"); bool() converts.
  // Provider docs: at_rest_encryption_enabled "When engine is redis, default is false. When engine is
  // valkey, default is true."; transit_encryption_enabled "Default is false" for both engines.
  b.set("AtRestEncryptionEnabled", bool(r.get("at_rest_encryption_enabled")), "at_rest_encryption_enabled");
  b.set("TransitEncryptionEnabled", bool(r.get("transit_encryption_enabled")), "transit_encryption_enabled");
  const engine = r.get("engine") ?? "redis";
  if (engine === "redis" || engine === "valkey") {
    b.default("AtRestEncryptionEnabled", engine === "valkey");
    b.default("TransitEncryptionEnabled", false);
  }
  b.set("TransitEncryptionMode", str(r.get("transit_encryption_mode")), "transit_encryption_mode");
  b.set("KmsKeyId", str(r.get("kms_key_id")), "kms_key_id");
  // Only whether a token is configured; the token is REDACTED at load time and never copied.
  const token = r.get("auth_token");
  b.set("AuthTokenEnabled", token === undefined ? false : isUnknown(token) ? token : true, "auth_token");
  b.set("AutomaticFailoverEnabled", bool(r.get("automatic_failover_enabled")), "automatic_failover_enabled");
  b.default("AutomaticFailoverEnabled", false); // provider docs: "Default is false"
  b.set("MultiAZEnabled", bool(r.get("multi_az_enabled")), "multi_az_enabled");
  b.default("MultiAZEnabled", false); // provider docs: "Default is false"
  b.set("SnapshotRetentionLimit", num(r.get("snapshot_retention_limit")), "snapshot_retention_limit");
  b.default("SnapshotRetentionLimit", 0); // ElastiCache API: "Default: 0 (i.e., automatic backups are disabled)"
  b.set("NumCacheClusters", num(r.get("num_cache_clusters")), "num_cache_clusters");
  b.set("AutoMinorVersionUpgrade", bool(r.get("auto_minor_version_upgrade")), "auto_minor_version_upgrade");
  b.set("SecurityGroupIds", strList(r.get("security_group_ids")), "security_group_ids");
  b.set("CacheSubnetGroupName", str(r.get("subnet_group_name")), "subnet_group_name");
  b.set(
    "LogDeliveryConfigurations",
    mapEach(r, "log_delivery_configuration", (x) =>
      compact({
        Destination: str(x.get("log_delivery_configuration.destination")),
        DestinationType: str(x.get("log_delivery_configuration.destination_type")),
        LogFormat: str(x.get("log_delivery_configuration.log_format")),
        LogType: str(x.get("log_delivery_configuration.log_type")),
      }) ?? {},
    ),
    "log_delivery_configuration",
  );
  return { ident: { id, name: id, arn: r.get("arn") }, keys: [id, r.get("arn")] };
});
