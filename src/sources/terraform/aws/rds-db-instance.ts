import { RDS_DB_INSTANCE_TYPE } from "../../../model/types/rds-db-instance.js";
import { Unknown } from "../../../model/values.js";
import { resourceMapping } from "./mapping.js";
import { bool, compact, num, str, strList, tfType } from "./tf-reader.js";

/** aws_db_instance → AWS::RDS::DBInstance. Id: resource_id (DbiResourceId), known only in state. */
export const TF_DB_INSTANCE = tfType("aws_db_instance", [
  "identifier", "id", "arn", "resource_id", "engine", "engine_version", "instance_class", "storage_encrypted", "kms_key_id",
  "backup_retention_period", "deletion_protection", "multi_az", "publicly_accessible", "auto_minor_version_upgrade",
  "copy_tags_to_snapshot", "iam_database_authentication_enabled", "performance_insights_enabled",
  "performance_insights_kms_key_id", "enabled_cloudwatch_logs_exports", "manage_master_user_password",
  "master_user_secret", "master_user_secret.secret_arn", "master_user_secret.kms_key_id", "delete_automated_backups",
  "skip_final_snapshot", "storage_type", "allocated_storage", "db_subnet_group_name", "vpc_security_group_ids",
  "monitoring_interval", "replicate_source_db", "parameter_group_name", "snapshot_identifier", "restore_to_point_in_time",
]);

export const RDS_DB_INSTANCE_MAPPING = resourceMapping(TF_DB_INSTANCE, RDS_DB_INSTANCE_TYPE, (r, b) => {
  const identifier = r.get("identifier");
  b.set("DBInstanceIdentifier", str(identifier), "identifier");
  b.set("DbiResourceId", str(r.get("resource_id")), "resource_id");
  b.set("Engine", str(r.get("engine")), "engine");
  b.set("EngineVersion", str(r.get("engine_version")), "engine_version");
  b.set("DBInstanceClass", str(r.get("instance_class")), "instance_class");
  // Provider docs (aws_db_instance): storage_encrypted "Default is false"; deletion_protection "Default is
  // false"; multi_az and publicly_accessible "Default is false"; auto_minor_version_upgrade "Defaults to
  // true"; copy_tags_to_snapshot and iam_database_authentication_enabled default false.
  b.set("StorageEncrypted", bool(r.get("storage_encrypted")), "storage_encrypted");
  // A replica or a restore takes its encryption from the source (RDS user guide, "Encrypting Amazon RDS
  // resources"): without storage_encrypted set, only the source can tell.
  const restoresFrom = r.get("replicate_source_db") ?? r.get("snapshot_identifier") ?? r.block("restore_to_point_in_time");
  b.default(
    "StorageEncrypted",
    restoresFrom === undefined ? false : new Unknown("storage_encrypted is not set and is inherited from the source database or snapshot", "storage_encrypted"),
  );
  b.set("KmsKeyId", str(r.get("kms_key_id")), "kms_key_id");
  b.set("DeletionProtection", bool(r.get("deletion_protection")), "deletion_protection");
  b.default("DeletionProtection", false);
  b.set("MultiAZ", bool(r.get("multi_az")), "multi_az");
  b.default("MultiAZ", false);
  b.set("PubliclyAccessible", bool(r.get("publicly_accessible")), "publicly_accessible");
  b.default("PubliclyAccessible", false);
  b.set("AutoMinorVersionUpgrade", bool(r.get("auto_minor_version_upgrade")), "auto_minor_version_upgrade");
  b.default("AutoMinorVersionUpgrade", true);
  b.set("CopyTagsToSnapshot", bool(r.get("copy_tags_to_snapshot")), "copy_tags_to_snapshot");
  b.default("CopyTagsToSnapshot", false);
  b.set("EnableIAMDatabaseAuthentication", bool(r.get("iam_database_authentication_enabled")), "iam_database_authentication_enabled");
  b.default("EnableIAMDatabaseAuthentication", false);
  b.set("EnablePerformanceInsights", bool(r.get("performance_insights_enabled")), "performance_insights_enabled");
  b.default("EnablePerformanceInsights", false);
  b.set("PerformanceInsightsKMSKeyId", str(r.get("performance_insights_kms_key_id")), "performance_insights_kms_key_id");
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
  b.set("DeleteAutomatedBackups", bool(r.get("delete_automated_backups")), "delete_automated_backups");
  b.set("SkipFinalSnapshot", bool(r.get("skip_final_snapshot")), "skip_final_snapshot");
  b.default("SkipFinalSnapshot", false); // provider docs: "Default is false"
  b.set("StorageType", str(r.get("storage_type")), "storage_type");
  b.set("AllocatedStorage", num(r.get("allocated_storage")), "allocated_storage");
  b.set("DBSubnetGroupName", str(r.get("db_subnet_group_name")), "db_subnet_group_name");
  b.set("DBParameterGroupName", str(r.get("parameter_group_name")), "parameter_group_name");
  b.set("VPCSecurityGroups", strList(r.get("vpc_security_group_ids")), "vpc_security_group_ids");
  b.set("MonitoringInterval", num(r.get("monitoring_interval")), "monitoring_interval");
  b.set("SourceDBInstanceIdentifier", str(r.get("replicate_source_db")), "replicate_source_db");

  b.set("BackupRetentionPeriod", num(r.get("backup_retention_period")), "backup_retention_period");
  // RDS CreateDBInstance: BackupRetentionPeriod "Default: 1" (RDS API reference). A replica, a snapshot
  // restore or a point-in-time restore inherits its source's setting instead, which this evidence lacks.
  const inherits = r.get("replicate_source_db") ?? r.get("snapshot_identifier") ?? r.block("restore_to_point_in_time");
  b.default(
    "BackupRetentionPeriod",
    inherits === undefined
      ? 1
      : new Unknown("backup_retention_period is not set and is inherited from the source database", "backup_retention_period"),
  );

  return {
    ident: { id: r.get("resource_id"), name: identifier, arn: r.get("arn") },
    keys: [identifier, r.get("id"), r.get("arn"), r.get("resource_id")],
  };
});
