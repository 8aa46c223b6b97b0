import { RDS_DB_CLUSTER_TYPE } from "../../../model/types/rds-db-cluster.js";
import { Unknown } from "../../../model/values.js";
import { resourceMapping } from "./mapping.js";
import { bool, compact, num, str, strList, tfType } from "./tf-reader.js";

/** aws_rds_cluster → AWS::RDS::DBCluster. Id: cluster_resource_id, known only in state. */
export const TF_RDS_CLUSTER = tfType("aws_rds_cluster", [
  "cluster_identifier", "id", "arn", "cluster_resource_id", "engine", "engine_mode", "engine_version", "storage_encrypted",
  "kms_key_id", "backup_retention_period", "deletion_protection", "copy_tags_to_snapshot",
  "iam_database_authentication_enabled", "enabled_cloudwatch_logs_exports", "manage_master_user_password",
  "master_user_secret", "master_user_secret.secret_arn", "master_user_secret.kms_key_id", "skip_final_snapshot",
  "backtrack_window", "vpc_security_group_ids", "db_cluster_parameter_group_name", "db_subnet_group_name", "storage_type",
  "snapshot_identifier", "replication_source_identifier",
]);

export const RDS_DB_CLUSTER_MAPPING = resourceMapping(TF_RDS_CLUSTER, RDS_DB_CLUSTER_TYPE, (r, b) => {
  const identifier = r.get("cluster_identifier");
  b.set("DBClusterIdentifier", str(identifier), "cluster_identifier");
  b.set("DbClusterResourceId", str(r.get("cluster_resource_id")), "cluster_resource_id");
  b.set("Engine", str(r.get("engine")), "engine");
  b.set("EngineMode", str(r.get("engine_mode")), "engine_mode");
  b.set("EngineVersion", str(r.get("engine_version")), "engine_version");
  b.set("StorageEncrypted", bool(r.get("storage_encrypted")), "storage_encrypted");
  // aws_rds_cluster storage_encrypted is optional+computed: provider docs say it defaults to false for
  // provisioned clusters, while Aurora Serverless v1 clusters are always encrypted (Aurora user guide);
  // a restore or replica takes its encryption from the source.
  const mode = r.get("engine_mode");
  const restoresFrom = r.get("snapshot_identifier") ?? r.get("replication_source_identifier");
  b.default(
    "StorageEncrypted",
    mode === "serverless"
      ? true
      : restoresFrom !== undefined
        ? new Unknown("storage_encrypted is not set and is inherited from the source cluster or snapshot", "storage_encrypted")
        : mode === undefined || typeof mode === "string"
          ? false
          : new Unknown("storage_encrypted is not set; the default depends on the engine mode", "storage_encrypted"),
  );
  b.set("KmsKeyId", str(r.get("kms_key_id")), "kms_key_id");
  b.set("BackupRetentionPeriod", num(r.get("backup_retention_period")), "backup_retention_period");
  // Provider docs: backup_retention_period "Default 1" (RDS CreateDBCluster: "Default: 1"); a snapshot
  // restore or replica inherits from its source instead.
  const inherits = r.get("snapshot_identifier") ?? r.get("replication_source_identifier");
  b.default(
    "BackupRetentionPeriod",
    inherits === undefined ? 1 : new Unknown("backup_retention_period is not set and is inherited from the source", "backup_retention_period"),
  );
  b.set("DeletionProtection", bool(r.get("deletion_protection")), "deletion_protection");
  b.default("DeletionProtection", false); // provider docs: "Defaults to false"
  b.set("CopyTagsToSnapshot", bool(r.get("copy_tags_to_snapshot")), "copy_tags_to_snapshot");
  b.default("CopyTagsToSnapshot", false);
  b.set("EnableIAMDatabaseAuthentication", bool(r.get("iam_database_authentication_enabled")), "iam_database_authentication_enabled");
  b.default("EnableIAMDatabaseAuthentication", false);
  b.set("EnableCloudwatchLogsExports", strList(r.get("enabled_cloudwatch_logs_exports")), "enabled_cloudwatch_logs_exports");
  b.set("ManageMasterUserPassword", bool(r.get("manage_master_user_password")), "manage_master_user_password");
  b.default("ManageMasterUserPassword", false);
  const secret = r.block("master_user_secret");
  b.set(
    "MasterUserSecret",
    secret instanceof Unknown
      ? secret
      : secret && compact({ SecretArn: str(secret.get("master_user_secret.secret_arn")), KmsKeyId: str(secret.get("master_user_secret.kms_key_id")) }),
    "master_user_secret",
  );
  b.set("SkipFinalSnapshot", bool(r.get("skip_final_snapshot")), "skip_final_snapshot");
  b.default("SkipFinalSnapshot", false);
  b.set("BacktrackWindow", num(r.get("backtrack_window")), "backtrack_window");
  b.set("VpcSecurityGroupIds", strList(r.get("vpc_security_group_ids")), "vpc_security_group_ids");
  b.set("DBSubnetGroupName", str(r.get("db_subnet_group_name")), "db_subnet_group_name");
  b.set("DBClusterParameterGroupName", str(r.get("db_cluster_parameter_group_name")), "db_cluster_parameter_group_name");
  b.set("StorageType", str(r.get("storage_type")), "storage_type");
  return {
    ident: { id: r.get("cluster_resource_id"), name: identifier, arn: r.get("arn") },
    keys: [identifier, r.get("id"), r.get("arn"), r.get("cluster_resource_id")],
  };
});
